/**
 * Third hostile round against the blind-set rules, after 8f113f6: `neverToBeDelivered`'s
 * CONDITION words (a plain final refusal whose sentence holds "if", "until" or « sous » must not
 * become "still pending" because the same notice also carries HELD's release-later words),
 * SENDER_LINE_END (a line ending with « de : » or "from" before the failed recipient),
 * `namesMissingHost` now taking "domain x.y" / « domaine x.y … introuvable » (where x.y follows a
 * mailbox's name), and the weak "no longer accepts messages" against status codes. Shapes of
 * spam/virus gateways (French and English), qmail, French text notices and RFC 3464 reports.
 * `withstood` holds what the code reads right; `found` holds cases that fail now, each stating
 * the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";
import { PATIENT, dsn, mail, textBounce } from "./notice-builders.js";

const LAB = "laboratoire@bio-analyses.example";
const GATEWAY = "Mail Delivery System <MAILER-DAEMON@gateway.example.net>";
/** A gateway's stock footer: held (suspected spam) messages may be released later. */
const HELD_NOTE_EN = "Note: messages quarantined as suspected spam will be delivered later if released by an administrator.";
const HELD_NOTE_FR =
  "Remarque : un message retenu pour suspicion de SPAM sera distribué avec retard, après validation par l'administrateur.";

const failed = (n: Notice): [string, string | null][] => n.recipients.map((r) => [r.address.toLowerCase(), r.reason]);
const addresses = (n: Notice): string[] => n.recipients.map((r) => r.address.toLowerCase());

const big = (s: string): string => s.repeat(Math.ceil(262144 / s.length)).slice(0, 262144);

describe("withstood", () => {
  it("« Impossible de remettre votre message dans la boîte aux lettres de : » then the patient's address: the patient failed", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          "Ceci est un message automatique du serveur de messagerie.",
          "",
          "Impossible de remettre votre message dans la boîte aux lettres de :",
          "",
          `    ${PATIENT}`,
          "",
          "La boîte aux lettres du destinataire est pleine (quota dépassé). Erreur permanente.",
        ].join("\r\n"),
        "Message non remis",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "mailbox-full"]]);
  });

  it("qmail whose sentence before the blank line ends with 'came from' still names '<recipient>:'", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          "Hi. This is the qmail-send program at relay.example.net.",
          "I'm afraid I wasn't able to deliver your message to the following addresses.",
          "This is a permanent error; I've given up. Sorry it didn't work out. The error came from",
          "",
          `<${LAB}>:`,
          "192.0.2.5 does not like recipient.",
          "Remote host said: 550 5.1.1 user unknown",
        ].join("\r\n"),
        "failure notice",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });

  it("5.1.1 'User laboratoire in domain bio-analyses.example not found' stays an unknown recipient", async () => {
    const n = await classifyMessage(dsn(LAB, "5.1.1", "550 5.1.1 User laboratoire in domain bio-analyses.example not found"));
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });

  it("5.2.2 'over quota and no longer accepts messages' stays a full mailbox", async () => {
    const n = await classifyMessage(dsn(LAB, "5.2.2", "552 5.2.2 This mailbox is over quota and no longer accepts messages"));
    expect(failed(n)).toEqual([[LAB, "mailbox-full"]]);
  });

  it("hostile 256 KB inputs against CONDITION sentences, line-end sender labels and « domaine … introuvable » stay fast", async () => {
    const inputs = [
      textBounce(big("will not be delivered if si sous ; sera distribue plus tard\nde :\n x@y.example\n")),
      textBounce(big("domaine a.b.c.d.e.f.g est introuvable n'existe pas inexistant ")),
      dsn(LAB, "5.0.0", big("domain a.b not found host x.y introuvable ")),
    ];
    for (const raw of inputs) {
      const t0 = performance.now();
      await classifyMessage(raw);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });
});

describe("found", () => {
  // A virus-infected message « placé sous quarantaine … ne sera pas distribué » is refused for good; « sous » is no condition here.
  it("« placé sous quarantaine (virus détecté) et ne sera pas distribué » with the gateway's held-message remark is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: "Antispam <quarantaine@passerelle.hopital.example>",
        subject: "Message non remis : Résultats",
        body: [
          `Votre message à ${PATIENT} a été placé sous quarantaine (virus détecté) et ne sera pas distribué.`,
          "",
          HELD_NOTE_FR,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });

  // The "if" opens the next clause of a comma splice (whom to contact), not a condition on delivery: the infected message is refused.
  it("'It will not be delivered, if you believe this is an error please contact …' with a held-spam footer is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Your message to ${LAB} was blocked: attachment contains a virus (W97M/Downloader).`,
          "It will not be delivered, if you believe this is an error please contact your administrator.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([LAB]);
  });

  // "until further notice" qualifies the mailbox's state; this message is refused and will never be delivered.
  it("'will not be delivered: the recipient's mailbox has been disabled until further notice' with a held-spam footer is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Your message to ${LAB} will not be delivered: the recipient's mailbox has been disabled until further notice.`,
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([LAB]);
  });

  // The missing thing is the recipient « 295109912611193 » of the domain, not patient.mssante.fr (which exists).
  it("« Le destinataire 295109912611193 du domaine patient.mssante.fr est introuvable » under 5.0.0 is an unknown recipient", async () => {
    const local = PATIENT.split("@")[0] ?? "";
    const n = await classifyMessage(dsn(PATIENT, "5.0.0", `550 Le destinataire ${local} du domaine patient.mssante.fr est introuvable`));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  // "Recipient X at domain Y not found" says the user X is unknown at Y; the domain itself answered.
  it("'550 Recipient laboratoire at domain bio-analyses.example not found' under 5.0.0 is an unknown recipient", async () => {
    const n = await classifyMessage(dsn(LAB, "5.0.0", "550 Recipient laboratoire at domain bio-analyses.example not found"));
    expect(failed(n)).toEqual([[LAB, "unknown-recipient"]]);
  });
});
