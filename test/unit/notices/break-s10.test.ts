/**
 * Hostile but realistic shapes against the six rules of de38c6b (blind-s10): "no longer accepts
 * mail" as a closed mailbox, `nosuchuser`, an unknown-recipient phrase overturning 5.1.2, the
 * "will be delivered later" delay words, sender labels in other languages, and "please send to".
 * `withstood` holds what the code reads right; `found` holds cases that fail now, each stating the
 * answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";
import { DOCTOR, dsn, mail, textBounce } from "./notice-builders.js";

const LAB = "laboratoire@bio-analyses.example";
/** The practice's shared address the original was sent from; the notice reaches the doctor's own mailbox. */
const PRACTICE = "secretariat@cabinet-martin.example";

const failed = (n: Notice): [string, string | null][] => n.recipients.map((r) => [r.address.toLowerCase(), r.reason]);

function qmail(address: string, words: string, originalBody = ""): string {
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
      "",
      originalBody,
    ].join("\r\n"),
    "failure notice",
  );
}

function exim(lines: string[], original: string[]): string {
  return textBounce(
    [
      "This message was created automatically by mail delivery software.",
      "",
      "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:",
      "",
      ...lines,
      "",
      "------ This is a copy of the message, including all the headers. ------",
      "",
      ...original,
    ].join("\r\n"),
  );
}

/** A filter's two-language notice (Polish first), the sender given under `senderLabel`. */
function twoLanguages(senderLabel: string | null, recipientLines: string[]): string {
  return mail({
    from: "Postmaster <postmaster@hopital-nord.example>",
    subject: "Wiadomosc odrzucona/Undeliverable message",
    body: [
      "Przesyłka nie mogła zostać dostarczona.",
      ...recipientLines,
      ...(senderLabel === null ? [] : [`${senderLabel} ${PRACTICE}`]),
      "",
      "Your message could not be delivered: user unknown.",
    ].join("\r\n"),
  });
}

const big = (s: string): string => s.repeat(Math.ceil(262144 / s.length)).slice(0, 262144);

describe("withstood", () => {
  it("'no longer accepts mail from your server' under 5.0.0 is the sending server refused", async () => {
    const n = await classifyMessage(dsn(LAB, "5.0.0", "550 mx.bio-analyses.example no longer accepts mail from your server"));
    expect(failed(n)).toEqual([[LAB, "sender-rejected"]]);
  });

  it("Exim: 'no longer accepts mail from unauthenticated senders' after MAIL FROM", async () => {
    const n = await classifyMessage(
      exim(
        [
          `  ${LAB}`,
          "    host mx.bio-analyses.example [192.0.2.7]",
          `    SMTP error from remote mail server after MAIL FROM:<${DOCTOR}> SIZE=2048:`,
          "    550 Our server no longer accepts mail from unauthenticated senders",
        ],
        ["Subject: R"],
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "sender-rejected"]]);
  });

  it("qmail: 'no longer accepts mail; please send to <new address>' names only the old address", async () => {
    const n = await classifyMessage(qmail(LAB, "This address no longer accepts mail; please send to labo@nouveau-labo.example instead."));
    expect(failed(n)).toEqual([[LAB, "mailbox-closed"]]);
  });

  it("a sentence that only names the new address after 'Please send to' does not report it", async () => {
    const n = await classifyMessage(
      textBounce([`The address ${LAB} no longer accepts mail.`, "Please send to labo@nouveau-labo.example instead."].join("\r\n"), "Undeliverable"),
    );
    expect(failed(n)).toEqual([[LAB, "mailbox-closed"]]);
  });

  it("'#5.1.0 Address rejected nosuchuser' under 5.0.0", async () => {
    const n = await classifyMessage(dsn(LAB, "5.0.0", "550 #5.1.0 Address rejected nosuchuser"));
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });

  it("Exchange's 5.1.2 BadDestinationSystemAddress with 'The email address couldn't be found' stays a host unknown", async () => {
    const n = await classifyMessage(
      dsn(LAB, "5.1.2", "550 5.1.2 RESOLVER.ADR.BadDestinationSystemAddress", "The email address couldn't be found. The domain bio-analyses.example could not be resolved."),
    );
    expect(failed(n)).toEqual([[LAB, "host-unknown"]]);
  });

  it("qmail's quoted original « vous sera remis plus tard » leaves the notice a bounce", async () => {
    const n = await classifyMessage(
      qmail(LAB, "Sorry, no mailbox here by that name. (#5.1.1)", "Bonjour,\r\nle compte rendu définitif vous sera remis plus tard.\r\nDr Martin"),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });

  it("Exim's copied original 'will be delivered later' leaves the notice a bounce", async () => {
    const n = await classifyMessage(
      exim([`  ${LAB}`, "    mailbox is full: retry timeout exceeded"], ["Subject: Report", "", "Hi, the final report will be delivered later.", "Dr Martin"]),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "mailbox-full"]]);
  });

  it("Outlook's French notice with the original inline under « Message d'origine »", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          "Votre message n'a pas pu être remis au destinataire suivant :",
          "",
          LAB,
          "",
          "Le destinataire n'existe pas.",
          "",
          "-----Message d'origine-----",
          `De : ${DOCTOR}`,
          `À : ${LAB}`,
          "Objet : Résultats",
          "",
          "Le compte rendu complet vous sera remis plus tard.",
        ].join("\r\n"),
        "Non remis : Résultats",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });

  it("a report's Action: failed wins over 'will be delivered later' in its human part", async () => {
    const n = await classifyMessage(dsn(LAB, "5.2.2", "552 5.2.2 Mailbox full", "Your message could not be delivered. It will be delivered later if you resend it."));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "mailbox-full"]]);
  });

  it.each([["Van:", "An:"], ["Da:", "A:"], ["Fra:", "Til:"]])("a %s sender line beside a %s recipient line", async (from, to) => {
    const n = await classifyMessage(twoLanguages(from, [`${to} ${LAB}`]));
    expect(failed(n).map(([a]) => a)).toEqual([LAB]);
  });

  it("an « Od: » line with a display name", async () => {
    const n = await classifyMessage(
      mail({
        from: "Postmaster <postmaster@hopital-nord.example>",
        subject: "Wiadomosc odrzucona/Undeliverable message",
        body: [`Odbiorca: ${LAB}`, `Od: "Dr Martin" <${PRACTICE}>`, "", "Your message could not be delivered: user unknown."].join("\r\n"),
      }),
    );
    expect(failed(n).map(([a]) => a)).toEqual([LAB]);
  });

  it.each([["Do:"], ["Till:"]])("a recipient given only on a %s line is still the failed one", async (to) => {
    const n = await classifyMessage(twoLanguages(null, [`${to} ${LAB}`]));
    expect(failed(n).map(([a]) => a)).toEqual([LAB]);
  });

  it("'Please send to <recipient> again once…' keeps the recipient", async () => {
    const n = await classifyMessage(
      textBounce(
        ["Your message could not be delivered to the recipient because the mailbox is full.", "", `Recipient: ${LAB}`, "", `Please send to ${LAB} again once the recipient has freed some space.`].join("\r\n"),
        "Undeliverable",
      ),
    );
    expect(failed(n)).toEqual([[LAB, "mailbox-full"]]);
  });

  it("'Please send to <recipient> again later' as the only mention keeps the recipient", async () => {
    const n = await classifyMessage(textBounce(["Delivery failed: the mailbox is full.", "", `Please send to ${LAB} again later.`].join("\r\n"), "Undeliverable"));
    expect(failed(n)).toEqual([[LAB, "mailbox-full"]]);
  });

  it("Gmail-like notice with 'Questions? Please send to support@…' names only the recipient", async () => {
    const n = await classifyMessage(
      textBounce(
        ["Delivery to the following recipient failed permanently:", "", `     ${LAB}`, "", "Questions? Please send to support@relay.example.net"].join("\r\n"),
        "Delivery Status Notification (Failure)",
      ),
    );
    expect(failed(n).map(([a]) => a)).toEqual([LAB]);
  });

  it.each([
    ["delay words", "will be delivered to the recipients with a will be delivered to "],
    ["French delay words", "sera distribue au destinataire avec du sera remis "],
    ["help-desk words", "please send to please send mail to a@b.example "],
    ["sender labels", "od: von: van: da: fra: från: от:   \r\n"],
    ["closed / unknown phrases", "no longer accepts no longer accepts mail nosuchuser not a registered gateway "],
  ])("256 KB of %s is read quickly", async (_name, unit) => {
    const start = Date.now();
    await classifyMessage(textBounce(big(unit), "Undeliverable"));
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("found", () => {
  // 5.7.1 and "from your domain": the refusal is aimed at the sender's domain, the lab's mailbox is open.
  it("5.7.1 'This server no longer accepts mail from your domain' is the sender refused", async () => {
    const n = await classifyMessage(dsn(LAB, "5.7.1", "550 5.7.1 This server no longer accepts mail from your domain"));
    expect(failed(n)).toEqual([[LAB, "sender-rejected"]]);
  });

  // « en provenance de votre domaine »: the same refusal of the sender's domain, in French.
  it("5.7.1 « Ce serveur n'accepte plus de messages en provenance de votre domaine » is the sender refused", async () => {
    const n = await classifyMessage(dsn(LAB, "5.7.1", "550 5.7.1 Ce serveur n'accepte plus de messages en provenance de votre domaine"));
    expect(failed(n)).toEqual([[LAB, "sender-rejected"]]);
  });

  // The mailbox still takes mail, only not messages over 10 MB: a size limit, not a closed mailbox.
  it("qmail 'This mailbox no longer accepts messages larger than 10 MB' is a message too large", async () => {
    const n = await classifyMessage(qmail(LAB, "This mailbox no longer accepts messages larger than 10 MB."));
    expect(failed(n)).toEqual([[LAB, "message-too-large"]]);
  });

  // The words name the recipient's DOMAIN as unknown/invalid, agreeing with 5.1.2: host unknown.
  it.each([
    ["550 5.1.2 Invalid recipient domain"],
    [`550 5.1.2 <${LAB}>: Unknown recipient domain`],
    ["553 5.1.2 Bad recipient domain bio-analyses.example"],
    ["550 5.1.2 recipient not found: bio-analyses.example has no mail exchanger"],
  ])("a 5.1.2 whose words are about the recipient's domain stays a host unknown: %s", async (words) => {
    const n = await classifyMessage(dsn(LAB, "5.1.2", words));
    expect(failed(n)).toEqual([[LAB, "host-unknown"]]);
  });

  // "will NOT be delivered" is final; "will be delivered later" is only about a release that may never come.
  it("a spam filter's 'will NOT be delivered' with a note on released messages is a bounce", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          `Your message to ${LAB} was blocked as suspected SPAM and will NOT be delivered.`,
          "This is a permanent error.",
          "",
          "Note: messages released from quarantine by the administrator will be delivered later.",
        ].join("\r\n"),
        "Message blocked",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "content-rejected"]]);
  });

  // « ne sera pas distribué » is final; the remark on a release is no retry of this message.
  it("« bloqué comme SPAM et ne sera pas distribué » with a remark on released messages is a bounce", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          `Votre message n'a pas pu être distribué à ${LAB} : il a été bloqué comme SPAM et ne sera pas distribué.`,
          "",
          "Remarque : un message libéré de la quarantaine par l'administrateur sera distribué avec retard.",
        ].join("\r\n"),
        "Message bloqué",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "content-rejected"]]);
  });

  // The delay words are the doctor's own subject, quoted by Domino; the notice says "was not delivered".
  it("Domino quoting a subject « … vous sera remis plus tard » is a bounce", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          "Your message",
          "",
          "  Subject: Compte rendu provisoire - le définitif vous sera remis plus tard",
          "",
          "was not delivered to:",
          "",
          `  ${LAB}`,
          "",
          "because:",
          "",
          `  User laboratoire (${LAB}) not listed in Domino Directory`,
        ].join("\r\n"),
        "DELIVERY FAILURE: User laboratoire not listed in Domino Directory",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });

  // Office 365's "Original Message Details" quote the subject; "wasn't found" is final.
  it("Office 365 quoting a subject '… will be delivered later' is a bounce", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          `Your message to ${LAB} couldn't be delivered.`,
          "laboratoire wasn't found at bio-analyses.example.",
          "",
          "Original Message Details",
          "Created Date: 12/1/2025 9:00:00 AM",
          `Sender Address: ${DOCTOR}`,
          `Recipient Address: ${LAB}`,
          "Subject: Provisional report - the final one will be delivered later",
        ].join("\r\n"),
        "Undeliverable: Provisional report - the final one will be delivered later",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n).map(([a]) => a)).toEqual([LAB]);
  });

  // Nadawca / Absender / Mittente / Avsändare / Afzender are the sender's field, like Od / Von / Da / Från / Van.
  it.each([["Nadawca:"], ["Absender:"], ["Mittente:"], ["Avsändare:"], ["Afzender:"]])(
    "a %s sender line is not a failed recipient",
    async (label) => {
      const n = await classifyMessage(twoLanguages(label, ["Odbiorca(y):", LAB]));
      expect(failed(n).map(([a]) => a)).toEqual([LAB]);
    },
  );

  // Outside the six rules, met on the way: a mail system's French filter notice that says the
  // message "ne sera pas distribué" is a final refusal, yet it is read as no notice at all.
  it("« Votre message à … a été bloqué comme SPAM et ne sera pas distribué » is a bounce", async () => {
    const n = await classifyMessage(textBounce(`Votre message à ${LAB} a été bloqué comme SPAM et ne sera pas distribué.`, "Message bloqué"));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "content-rejected"]]);
  });
});
