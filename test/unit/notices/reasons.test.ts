import { describe, expect, it } from "vitest";
import { classifyReason } from "../../../src/core/notices/reasons/decide.js";
import { findStatus, statusReason } from "../../../src/core/notices/reasons/match.js";
import { fold } from "../../../src/core/notices/fold.js";
import type { DeliveryAction, Reason } from "../../../src/core/notices/types.js";

function reason(text: string, status: string | null = null, action: DeliveryAction = "failed"): Reason {
  return classifyReason({ text, status, action });
}

describe("causes from the remote text", () => {
  it.each<[string, Reason]>([
    // The Mon espace santé closed-mailbox text, with and without accents.
    ["Le message que vous avez envoyé à \"x@patient.mssante.fr\" n'a pas pu être distribué car la messagerie Mon espace Santé de votre destinataire est clôturée", "mailbox-closed"],
    ["messagerie cloturee", "mailbox-closed"],
    ["This account has been disabled or discontinued", "mailbox-closed"],
    ["550 5.2.1 The email account that you tried to reach is disabled.", "mailbox-closed"],
    ["Mailbox currently suspended", "mailbox-closed"],
    ["La boîte aux lettres du destinataire est pleine", "mailbox-full"],
    ["boite pleine", "mailbox-full"],
    ["552 5.2.2 Mailbox full", "mailbox-full"],
    ["Quota exceeded", "mailbox-full"],
    ["452 Mailbox size limit exceeded", "mailbox-full"],
    ["552 5.3.4 Message size exceeds fixed maximum message size", "message-too-large"],
    ["Message trop volumineux", "message-too-large"],
    ["550 5.1.1 User unknown", "unknown-recipient"],
    ["Adresse introuvable : l'adresse est introuvable", "unknown-recipient"],
    ["Le destinataire n'existe pas", "unknown-recipient"],
    ["Utilisateur inconnu", "unknown-recipient"],
    ["550 5.7.1 No such user", "unknown-recipient"],
    ["501 5.1.3 Bad recipient address syntax", "invalid-address"],
    ["Adresse e-mail invalide", "invalid-address"],
    ["Host or domain name not found. Name service error for name=exmple.fr type=A: Host not found", "host-unknown"],
    ["Domain does not exist", "host-unknown"],
    ["Le domaine n'existe pas", "host-unknown"],
    ["554 Relay access denied", "sender-rejected"],
    ["554 5.7.1 Message rejected as spam", "content-rejected"],
    ["Votre message a été refusé : contenu indésirable", "content-rejected"],
    ["Virus found in attachment", "content-rejected"],
    ["550 5.7.26 Unauthenticated email is not accepted due to domain's DMARC policy", "sender-rejected"],
    ["554 Client host [192.0.2.1] blocked using zen.example", "sender-rejected"],
    ["Expéditeur refusé", "sender-rejected"],
    ["retry timeout exceeded", "expired"],
    ["Le délai de remise est dépassé", "expired"],
    ["connect to mx.example.org[192.0.2.1]:25: Connection refused", "network-error"],
    ["Too many hops", "network-error"],
    ["554 5.0.0 Transaction failed", "other"],
  ])("%s → %s", (text, expected) => {
    expect(reason(text)).toBe(expected);
  });
});

describe("causes from the status code", () => {
  it.each<[string, Reason]>([
    ["5.1.1", "unknown-recipient"],
    ["5.1.2", "host-unknown"],
    ["5.1.3", "invalid-address"],
    ["5.2.1", "mailbox-closed"],
    ["5.2.2", "mailbox-full"],
    ["5.2.3", "message-too-large"],
    ["5.3.4", "message-too-large"],
    ["5.4.6", "network-error"],
    ["5.4.7", "expired"],
    ["5.7.13", "mailbox-closed"],
    ["5.6.1", "content-rejected"],
    ["5.7.1", "sender-rejected"],
    ["5.0.0", "other"],
  ])("%s → %s", (status, expected) => {
    expect(reason("", status)).toBe(expected);
  });

  it("a clear phrase wins over a vague code, and a specific code over a vague phrase", () => {
    expect(reason("550 5.7.1 No such user", "5.7.1")).toBe("unknown-recipient");
    expect(reason("550 5.2.1 Mailbox not available", "5.2.1")).toBe("mailbox-closed");
    // Both phrases: the status code decides.
    expect(reason("message is larger than the limit or the mailbox is full", "5.2.2")).toBe("mailbox-full");
  });

  it("a failure with a 4.x.x code gave up after retrying", () => {
    expect(reason("Connection timed out", "4.4.1", "failed")).toBe("expired");
    expect(reason("", "4.0.0", "failed")).toBe("expired");
    expect(reason("Disc quota exceeded", "4.2.2", "failed")).toBe("mailbox-full");
  });

  it("a delay is temporary (still being retried), whatever cause is named", () => {
    expect(reason("", "4.0.0", "delayed")).toBe("temporary");
    expect(reason("Greylisted, please try again later", "4.7.1", "delayed")).toBe("temporary");
    expect(reason("Connection timed out", "4.4.1", "delayed")).toBe("temporary");
    expect(reason("452 4.2.2 Mailbox full", "4.2.2", "delayed")).toBe("temporary");
    expect(reason("delivery time expired", "4.4.7", "delayed")).toBe("temporary");
  });

  it("a permanent failure is never called temporary", () => {
    expect(reason("554 Service currently unavailable", "5.0.0", "failed")).toBe("other");
  });

  it("reads class 2 codes only when asked", () => {
    expect(statusReason("2.0.0")).toBeNull();
    expect(statusReason("not a code")).toBeNull();
  });
});

describe("finding a status code in text", () => {
  it.each<[string, string | null]>([
    ["550 5.1.1 <a@b.example>: User unknown", "5.1.1"],
    ["Sorry, no mailbox here by that name. (#5.1.1)", "5.1.1"],
    ["host 209.12.9.10 said: 550 unknown", null],
    ["RELEASED Mailman 2.0.12", null],
    ["connect to 192.0.2.44:25", null],
    ["451 4.7.1 greylisted", "4.7.1"],
    ["address 5.1.1.1 is not a code", null],
  ])("%s → %s", (text, expected) => {
    expect(findStatus(text)).toBe(expected);
  });

  it("finds success codes when asked", () => {
    expect(findStatus("2.0.0", true)).toBe("2.0.0");
    expect(findStatus("2.0.0")).toBeNull();
  });
});

describe("folding", () => {
  it("drops accents, lowers case and plain apostrophes", () => {
    expect(fold("Clôturée L’Adresse")).toBe("cloturee l'adresse");
  });
});

describe("known confusions on public bounces", () => {
  it.each<[string, string | null]>([
    ["550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", "5.7.1"],
    ["554 5.7.1 Your IP has been blocked due to poor reputation", "5.7.1"],
    ["550 Your server is listed on our RBL blacklist", null],
    ["550 5.7.25 The sending IP does not have a PTR record (reverse DNS)", "5.7.25"],
    ["550 5.7.1 Rejected: no reverse DNS for your host", "5.7.1"],
    ["550 5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass)", "5.7.26"],
    ["550 5.7.1 Unauthenticated email from example.org is not accepted due to domain's DMARC policy", "5.7.1"],
    ["535 5.7.8 Authentication failed", "5.7.8"],
    ["554 5.7.1 <a@b.example>: Relay access denied", "5.7.1"],
    ["550 5.7.1 Message rejected by sender policy", "5.7.1"],
    ["550 5.7.1 Sending rate limited, try again later", "5.7.1"],
    ["421 4.7.0 Too many connections from your IP", "4.7.0"],
    ["550 5.1.1 Sender address rejected: not owned by user", "5.1.1"],
  ])("a refusal aimed at the sender: %s", (text, status) => {
    expect(reason(text, status)).toBe("sender-rejected");
  });

  it.each<[string, string | null]>([
    ["Gave up after retrying for 5 days", null],
    ["retry timeout exceeded", "5.0.0"],
    ["Connection timed out (retry timeout exceeded)", "4.4.1"],
    ["Delivery time expired", "4.4.7"],
    ["", "4.4.7"],
    ["The message could not be delivered for 5 days: connection refused", "4.4.1"],
  ])("gave up after retrying: %s", (text, status) => {
    expect(reason(text, status, "failed")).toBe("expired");
  });

  it.each<[string, string | null]>([
    ["550 User unknown", null],
    ["550 5.1.1 <a@b.example>: no such user", "5.1.1"],
    ["550 Requested action not taken: mailbox unavailable", null],
    ["550 5.1.1 <a@b.example>: Recipient address rejected: User unknown in virtual mailbox table", "5.1.1"],
    ["550 5.1.1", "5.1.1"],
    ["The mailbox does not exist", null],
    ["550 unknown user", null],
    ["550 invalid recipient", null],
    [
      "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address",
      "5.1.1",
    ],
  ])("a plain unknown user: %s", (text, status) => {
    expect(reason(text, status)).toBe("unknown-recipient");
  });
});

describe("vague hints do not outweigh the recipient's own status code", () => {
  it.each<[string, string, Reason]>([
    // The status code's subject is the content, the system or the policy: not the address.
    // X.6.0 is "other or undefined media error" (RFC 3463): the content, even undetailed.
    ["550 5.6.0 <a@b.example>: Recipient address rejected: Media error", "5.6.0", "content-rejected"],
    ["554 5.3.0 <a@b.example>: Recipient address rejected: Internal system error", "5.3.0", "other"],
    ["551 5.7.1 <a@b.example>: Recipient address rejected: Delivery not authorized", "5.7.1", "sender-rejected"],
    // A bare 550 with a protocol or policy code is not an unknown user.
    ["550 5.5.0 Service rejected", "5.5.0", "other"],
    ["550 5.7.0 Rejected", "5.7.0", "other"],
  ])("%s (%s) → %s", (text, status, expected) => {
    expect(reason(text, status)).toBe(expected);
  });

  it("keeps the recipient-side hint when the code is about the address or says nothing", () => {
    expect(reason("550 5.1.0 <a@b.example>: Recipient address rejected", "5.1.0")).toBe("unknown-recipient");
    expect(reason("550 5.0.0 <a@b.example>: Recipient address rejected", "5.0.0")).toBe("unknown-recipient");
    expect(reason("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "5.4.1")).toBe(
      "unknown-recipient",
    );
  });

  it("a weak phrase elsewhere in the notice says less than the recipient's status code", () => {
    const input = { text: "", status: "5.6.9", action: "failed" as const };
    const fallbackText = "----- Transcript of session follows -----\n554 5.0.0 Service unavailable";
    expect(classifyReason({ ...input, fallbackText })).toBe("content-rejected");
    // A hint in the recipient's own text is still read before a vague code of another cause.
    const hint = { status: "5.4.4", action: "failed" as const };
    expect(classifyReason({ ...hint, text: "550 Account unavailable" })).toBe("unknown-recipient");
    expect(classifyReason({ ...hint, text: "", fallbackText: "550 Account unavailable" })).toBe("host-unknown");
  });
});

describe("a bare 550 says nothing of the address", () => {
  it("is not taken for an unknown recipient (RFC 5321: mailbox not found, no access, or policy)", () => {
    expect(reason("550 Requested action not taken", null)).toBe("other");
    expect(reason("550 System error", null)).toBe("other");
    expect(reason("550 Access denied", null)).toBe("other");
  });
  it("still reads what the words say", () => {
    expect(reason("550 Requested action not taken: mailbox unavailable", null)).toBe("unknown-recipient");
    expect(reason("550 <a@b.example>: Recipient address rejected", null)).toBe("unknown-recipient");
    expect(reason("550 <a@b.example>... User unknown", null)).toBe("unknown-recipient");
  });
});

describe("'does not exist' says what does not exist", () => {
  it("an address or a mailbox: the recipient is unknown", () => {
    expect(reason("550 <a@b.example> does not exist", null)).toBe("unknown-recipient");
    expect(reason("550 5.1.1 Recipient does not exist here", "5.1.1")).toBe("unknown-recipient");
  });
  it("a domain named by the text: the domain is unknown, not the recipient", () => {
    expect(reason("550 5.4.310 DNS domain b.example does not exist [Message=InfoDomainNonexistent]", "5.4.310")).toBe(
      "host-unknown",
    );
    expect(reason("The domain you attempted to contact doesn't exist.", null)).toBe("host-unknown");
  });
  it("a host name alone (553 with no status code): the host is unknown, not the recipient", () => {
    expect(reason("SMTP error from remote mail server after end of data: 553 mx.b.example does not exist", null)).toBe(
      "host-unknown",
    );
    expect(reason("553 <relay.b.example> doesn't exist", null)).toBe("host-unknown");
  });
  it("a host named 'not found' after the word host or domain", () => {
    expect(reason("DNS lookup failure: host mx.b.example not found", null)).toBe("host-unknown");
    expect(reason("user jean.dupont.b not found", null)).not.toBe("host-unknown");
  });
  it("a name that is not a whole host name stays a mailbox", () => {
    expect(reason("553 jean.dupont does not exist", null)).toBe("unknown-recipient");
    expect(reason("553 jean.dupont@b.example does not exist", null)).toBe("unknown-recipient");
    expect(reason("553 mailbox mx.b.example1 does not exist", null)).toBe("unknown-recipient");
  });
});

describe("a refused connection with a security or policy code", () => {
  it("is a refusal of the sending server, not a network failure", () => {
    expect(reason("550 5.7.1 Connection refused by policy", "5.7.1")).toBe("sender-rejected");
    expect(reason("421 4.7.1 Connection dropped: too many sessions", "4.7.1")).toBe("sender-rejected");
    // Without an X.7 code, a refused or lost connection is still the network's.
    expect(reason("550 5.4.1 Connection timed out", "5.4.1")).toBe("network-error");
    expect(reason("554 Connection refused", null)).toBe("network-error");
  });
});

describe("a permanent failure in words of a temporary one", () => {
  it("reads the status code when the text only says 'unavailable'", () => {
    expect(reason("554 5.7.1 Service unavailable", "5.7.1")).toBe("sender-rejected");
    expect(reason("554 5.6.0 Service unavailable", "5.6.0")).toBe("content-rejected");
  });

  it("the remote server's own disk is not the recipient's mailbox", () => {
    expect(reason("552 5.3.1 Insufficient system storage", "5.3.1")).toBe("other");
    expect(reason("552 5.2.2 Insufficient storage for this mailbox", "5.2.2")).toBe("mailbox-full");
  });
});

describe("multi-line SMTP replies", () => {
  it("reads a phrase cut by the code that begins the next line", () => {
    const text = [
      "550-5.7.1 [192.0.2.1] The IP you're using to send mail is not authorized to",
      "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your",
      "550 5.7.1 service provider instead.",
    ].join("\n");
    expect(reason(text, "5.0.0")).toBe("sender-rejected");
    expect(reason(text.replace(/\n/g, " "), null)).toBe("sender-rejected");
  });

  it("keeps numbers that are not reply codes", () => {
    expect(reason("Message could not be delivered for 5 days", null)).toBe("expired");
    expect(reason("ip address 192.0.2.1 blocked", null)).toBe("sender-rejected");
  });
});

describe("a relay's code and label before the remote server's reply", () => {
  it("is not read as the cause: the reply that follows is", () => {
    expect(reason("5.1.0 - Unknown address error 550-'5.7.1 <b@relay.example>... Access denied'", "5.7.1")).toBe(
      "sender-rejected",
    );
    expect(reason("5.1.0 - Unknown address error 550 5.1.1 <a@b.example>... User unknown", "5.1.1")).toBe(
      "unknown-recipient",
    );
  });
  it("is still read when no reply follows it", () => {
    expect(reason("5.1.0 - Unknown address error", null)).toBe("unknown-recipient");
  });
});
