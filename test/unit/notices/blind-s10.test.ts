/**
 * Shapes found by a blind evaluation on public messages the classifier had never seen (test
 * data of mail servers, MIME libraries and spam filters), written here anew: a qmail notice
 * for an address that no longer takes mail, a report whose only cause is `err.nosuchuser` or
 * "not a registered gateway user", a `5.1.2` whose server says the user does not exist, and a
 * two-language notice of a message held back as suspected spam and delivered later.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";
import { dsn, mail, textBounce } from "./notice-builders.js";

const LAB = "laboratoire@bio-analyses.example";
const PATIENT = "295109912611193@patient.mssante.fr";

const failed = (n: Notice): [string, string | null][] => n.recipients.map((r) => [r.address.toLowerCase(), r.reason]);

/** qmail's notice for one recipient, with the remote's words under its address. */
function qmail(address: string, words: string): string {
  return textBounce(
    [
      "Hi. This is the qmail-send program at relay.example.net.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      "",
      `<${address}>:`,
      words,
      "",
      "--- Below this line is a copy of the message.",
      "",
      "Subject: Résultats",
    ].join("\r\n"),
    "failure notice",
  );
}

/** A report whose recipient block has no Status field (older MTAs), only a diagnostic. */
function reportWithoutStatus(address: string, diagnostic: string): string {
  return mail({
    from: "Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>",
    subject: "Returned mail: User unknown",
    contentType: 'multipart/report; report-type=delivery-status; boundary="r"',
    body: [
      "--r",
      "Content-Type: text/plain",
      "",
      `error: ${address}`,
      "--r",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; relay.example.net",
      `Final-Recipient: RFC822; ${address}`,
      "Action: failed",
      `Diagnostic-Code: X-LOCAL; ${diagnostic}`,
      "",
      "--r--",
    ].join("\r\n"),
  });
}

/** A filter's notice in two languages, for a message held back as suspected spam. */
function heldBack(senderLabel: string, lastWords: string): string {
  return mail({
    from: "Postmaster <postmaster@hopital-nord.example>",
    subject: "Wiadomosc odrzucona/Blocked Message (RBL block)",
    body: [
      "---English version below------",
      "",
      "Temat: Compte rendu",
      `${senderLabel} dr.martin@medecin.mssante.fr`,
      "Odbiorca(y):",
      LAB,
      "",
      "Przesyłka została zablokowana z powodu podejrzenia o SPAM.",
      "W przypadku wątpliwości proszę o kontakt z Administratorem poczty sysadmin@hopital-nord.example",
      "",
      "------------------",
      "Subject: Compte rendu",
      "From: dr.martin@medecin.mssante.fr",
      "Recipient(s):",
      LAB,
      "",
      "Did not reach the recipient. Reasons for block listed below.",
      lastWords,
      "Your mail server is listed by a block list (RBL).",
      "",
      "Any help or comment please send to sysadmin@hopital-nord.example",
    ].join("\r\n"),
  });
}

describe("an address that no longer takes mail is a closed mailbox", () => {
  it.each([
    ["This address no longer accepts mail."],
    ["Sorry, this address no longer accepts email"],
    ["Cette adresse n'accepte plus de courrier."],
  ])("%s", async (words) => {
    const n = await classifyMessage(qmail(LAB, words));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "mailbox-closed"]]);
  });
});

describe("an unknown user in a report's own words", () => {
  it("'500 (err.nosuchuser)', with no Status field", async () => {
    const n = await classifyMessage(reportWithoutStatus(LAB, "500 (err.nosuchuser)"));
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });

  it("'… is not a registered gateway user', under a bare 5.0.0", async () => {
    const n = await classifyMessage(dsn(LAB, "5.0.0", `550 '${LAB}' is not a registered gateway user`));
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });
});

describe("a 5.1.2 whose server says the user does not exist", () => {
  it("is an unknown recipient: the server that answers for the domain found no such mailbox", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.1.2", "550 User does not exist"));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it.each([
    ["550 Host unknown"],
    ["550 5.1.2 Domain not found"],
    ["550 5.1.2 Bad destination system address"],
    ["550 User does not exist: domain not found"],
  ])("stays a host unknown when the words say so, or say nothing more: %s", async (words) => {
    const n = await classifyMessage(dsn(LAB, "5.1.2", words));
    expect(failed(n)).toEqual([[LAB, "host-unknown"]]);
  });
});

describe("a message held back as suspected spam, delivered later", () => {
  it.each([["OD:"], ["Od:"], ["Von:"], ["Da:"], ["От:"]])(
    "is a delay for the recipient only, not for the sender (%s) nor the help desk",
    async (label) => {
      const n = await classifyMessage(heldBack(label, "Message was suspected as SPAM and will be delivered to recipient with delay."));
      expect(n.kind).toBe("delay");
      expect(failed(n)).toEqual([[LAB, "temporary"]]);
    },
  );

  it("« sera distribué avec retard » is a delay too", async () => {
    const n = await classifyMessage(heldBack("De :", "Le message est retenu : il sera distribué au destinataire avec retard."));
    expect(n.kind).toBe("delay");
    expect(failed(n)).toEqual([[LAB, "temporary"]]);
  });

  it("without those words it is a refusal of the sender's server, and still names only the recipient", async () => {
    const n = await classifyMessage(heldBack("OD:", "The message was refused."));
    expect(n.kind).toBe("bounce");
    expect(failed(n).map(([a]) => a)).toEqual([LAB]);
  });
});

describe("a gateway's footer about held messages in general", () => {
  const NOTE_EN = "Note: messages quarantined as suspected spam will be delivered later if released by an administrator.";
  const NOTE_FR = "Remarque : un message retenu pour suspicion de SPAM sera distribué avec retard, après validation.";
  const gateway = (lines: readonly string[]): string => textBounce(lines.join("\r\n"), "Message refusé / Message rejected");

  it.each([
    [[`Your message to ${LAB} could not be delivered: the attachment contains a virus.`, "", NOTE_EN]],
    [[`Votre message à ${LAB} n'a pas pu être remis : pièce jointe interdite.`, "", NOTE_FR]],
  ])("does not turn a refusal of this message into a delay: %j", async (lines) => {
    const n = await classifyMessage(gateway(lines));
    expect(n.kind).toBe("bounce");
    expect(failed(n).map(([a]) => a)).toEqual([LAB]);
  });

  it.each([
    [[`Your message to ${LAB} was quarantined as suspected spam.`, "", NOTE_EN]],
    [[`Votre message à ${LAB} a été retenu par le filtre antispam.`, "", NOTE_FR]],
  ])("makes a delay of a message the notice says was held back: %j", async (lines) => {
    const n = await classifyMessage(gateway(lines));
    expect(n.kind).toBe("delay");
    expect(failed(n)).toEqual([[LAB, "temporary"]]);
  });
});
