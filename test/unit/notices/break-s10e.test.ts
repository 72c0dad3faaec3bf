/**
 * Fifth hostile round against the blind-set rules, after e781e12 and e40731a: `heldForLater`'s
 * HELD_BACK words ("was retained", "has been quarantined") used for something other than this
 * message being held, or a message held and then refused, beside a gateway's general held-spam note.
 * `withstood` holds what the code reads right; `found` holds cases that fail now, each stating
 * the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { mail } from "./notice-builders.js";

const LAB = "laboratoire@bio-analyses.example";
const GATEWAY = "Mail Delivery System <MAILER-DAEMON@gateway.example.net>";
const HELD_NOTE_FR =
  "Remarque : tout message retenu pour suspicion de SPAM sera distribué plus tard, après validation par l'administrateur.";
const HELD_NOTE_EN = "Note: any message held as suspected spam will be delivered later once released by an administrator.";

describe("withstood", () => {
  it("a quarantine notice (Microsoft Defender shape) saying this message was quarantined stays a delay", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message quarantined",
        body: [`Your message to ${LAB} has been quarantined as suspected spam.`, "", HELD_NOTE_EN].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("delay");
  });
  it("a 5.1.1 refusal with a held-spam footer and 'a copy was retained in your Sent Items' is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Delivery to ${LAB} failed permanently: 550 5.1.1 user unknown. The message will not be delivered.`,
          "",
          "A copy of the original message was retained in your Sent Items folder.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
});

describe("found", () => {
  // "held … and then rejected: 550 5.7.1" says the gateway gave up on this message: a final refusal, not a release later.
  it("'was held by the content filter and then rejected: 550 5.7.1 virus found' beside a held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [`Your message to ${LAB} was held by the content filter and then rejected: 550 5.7.1 virus found.`, "", HELD_NOTE_EN].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => [r.address.toLowerCase(), r.reason])).toEqual([[LAB, "content-rejected"]]);
  });

  // « a été retenu puis rejeté définitivement : 550 5.7.1 » is a final refusal of this message, whatever the footer says.
  it("« a été retenu puis rejeté définitivement : 550 5.7.1 virus détecté » beside a French held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Non remis : Résultats",
        body: [`Votre message à ${LAB} a été retenu puis rejeté définitivement : 550 5.7.1 virus détecté.`, "", HELD_NOTE_FR].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => [r.address.toLowerCase(), r.reason])).toEqual([[LAB, "content-rejected"]]);
  });

  // The quarantined message was deleted and "will never be delivered": nothing will come later, the doctor must resend.
  it("'was quarantined. The administrator has deleted it; it will never be delivered.' beside a held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Your message to ${LAB} was quarantined. The administrator has deleted it; it will never be delivered.`,
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
});
