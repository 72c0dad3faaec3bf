/**
 * Fourth hostile round against the blind-set rules, after 8f113f6 and 2880352: the sentence
 * splitting of `neverToBeDelivered` (a refusal wrapped over two lines, "e.g." and a URL before a
 * condition), CONDITION words that are no condition in French (« si bien que », « le SI » of a
 * hospital) or English ("after 90 days of inactivity"), and `hostNamed` / `domainOfNamedMailbox`
 * against the French « nom de domaine » and the English "domain name". Shapes of spam/virus
 * gateways (French and English) and plain-text notices of French operators.
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
  it("hostile 256 KB inputs of abbreviations, URLs and « nom de domaine » stay fast", async () => {
    const inputs = [
      textBounce(big("e.g. approx. 72.5 h https://a.b/c?d=e. if it\nwill not be delivered ; sera distribue plus tard si\n")),
      textBounce(big("le nom de domaine a.b.c est introuvable du domaine x.y n'existe pas ")),
      dsn(LAB, "5.1.2", big("recipient a at domain b.c not found domain name d.e not found ")),
    ];
    for (const raw of inputs) {
      const t0 = performance.now();
      await classifyMessage(raw);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });
});

describe("found", () => {
  // A text notice wrapped at 72 columns splits "will not be / delivered": the virus refusal is still final, not held.
  it("'… (virus found) and will not be' / 'delivered.' wrapped over two lines, with a held-spam footer, is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Your message to ${LAB} was blocked by the content filter (virus found) and will not be`,
          "delivered.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([LAB]);
  });

  // « si bien que » means "so that": the account is gone, so the message will never be delivered.
  it("« … a été supprimé, si bien que votre message ne sera pas distribué » with the held-spam remark is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: "Antispam <quarantaine@passerelle.hopital.example>",
        subject: "Message non remis : Résultats",
        body: [
          `Le compte de ${PATIENT} a été supprimé, si bien que votre message ne sera pas distribué.`,
          "",
          HELD_NOTE_FR,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });

  // « le SI » is the hospital's information system (a noun), not « si » (if): the refusal is final.
  it("« bloqué par le SI de l'établissement (pièce jointe interdite) et ne sera pas distribué » is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: "Antispam <quarantaine@passerelle.hopital.example>",
        subject: "Message non remis : Résultats",
        body: [
          `Votre message à ${PATIENT} a été bloqué par le SI de l'établissement (pièce jointe interdite) et ne sera pas distribué.`,
          "",
          HELD_NOTE_FR,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });

  // "after 90 days of inactivity" dates the closing of the mailbox; it sets no condition on this message's delivery.
  it("'deactivated after 90 days of inactivity, so your message will not be delivered' with a held-spam footer is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `The mailbox of ${LAB} was deactivated after 90 days of inactivity, so your message will not be delivered.`,
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([LAB]);
  });

  // The condition "If … within 72 hours, it" is on the line before: the message is held, pending release, not refused.
  it("'If this message is not released … within 72 hours, it' / 'will not be delivered.' wrapped is still pending", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message held: Résultats",
        body: [
          `Your message to ${LAB} was quarantined as suspected spam.`,
          "If this message is not released by an administrator within 72 hours, it",
          "will not be delivered.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("delay");
  });

  // "Unless" opens the sentence; the dots of "e.g." do not end it: the message is held, pending review.
  it("'Unless released by an administrator (e.g. after a review), it will not be delivered' is still pending", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message held: Résultats",
        body: [
          `Your message to ${LAB} was quarantined as suspected spam.`,
          "Unless released by an administrator (e.g. after a false-positive review), it will not be delivered.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("delay");
  });

  // « nom de domaine … introuvable » is the ordinary French for "domain name not found": the domain does not exist.
  it("« Le nom de domaine bio-analyses.example est introuvable » in a French text notice is an unknown host", async () => {
    const n = await classifyMessage(
      textBounce(
        [
          "Ceci est un message automatique du serveur de messagerie.",
          "",
          "Votre message n'a pas pu être remis au destinataire suivant :",
          "",
          `    ${LAB}`,
          "",
          "Le nom de domaine bio-analyses.example est introuvable. Erreur permanente.",
        ].join("\r\n"),
        "Message non remis",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[LAB, "host-unknown"]]);
  });
});
