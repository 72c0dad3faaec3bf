/**
 * Sixth hostile round against the blind-set rules, after 64c8fa7: notices about a message
 * refused, deleted or purged FOR GOOD (quarantine gateways, Exchange, Postfix-style relays, in
 * French and English) that the held-for-later rule (`heldForLater`, `neverToBeDelivered`'s
 * CONDITION, REFUSED_AFTER) could show as a delay, leaving the doctor waiting for ever.
 * `withstood` holds what the code reads right; `found` holds cases that fail now, each stating
 * the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { mail, PATIENT } from "./notice-builders.js";

const LAB = "laboratoire@bio-analyses.example";
const GATEWAY = "Mail Delivery System <MAILER-DAEMON@gateway.example.net>";
const HELD_NOTE_FR =
  "Remarque : tout message retenu pour suspicion de SPAM sera distribué plus tard, après validation par l'administrateur.";
const HELD_NOTE_EN = "Note: any message held as suspected spam will be delivered later once released by an administrator.";

describe("withstood", () => {
  it("a 5.1.1 refusal whose footer says 'your next messages will be delivered normally' and « les prochains messages seront distribués » is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Your message to ${LAB} was rejected: 550 5.1.1 user unknown.`,
          "",
          "Once the address is corrected, your next messages will be delivered normally. Les prochains messages seront distribués normalement.",
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
  it("a refusal by a security gateway with a 'messages to the other recipients will be delivered later' sentence keeps the failed recipient", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Your message could not be delivered to ${LAB}: 550 5.1.1 mailbox unavailable.`,
          "",
          "Messages to the other recipients will be delivered later.",
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toContain(LAB);
  });
});

describe("found", () => {
  // "was not released … and will not be delivered" states a past fact, not a condition: the quarantine is over and the message is lost.
  it("'held in quarantine. It was not released by the administrator and will not be delivered.' beside a held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message not delivered: Résultats",
        body: [
          `Your message to ${LAB} was held in quarantine.`,
          "It was not released by the administrator and will not be delivered.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
  // « L'administrateur ne l'ayant pas validé » is a reason already given, not a condition: the message will not be delivered.
  it("« retenu en quarantaine. L'administrateur ne l'ayant pas validé, votre message ne sera pas distribué. » beside a held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message non distribué : Résultats",
        body: [
          `Votre message à ${LAB} a été retenu en quarantaine.`,
          "L'administrateur ne l'ayant pas validé, votre message ne sera pas distribué.",
          "",
          HELD_NOTE_FR,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
  // A review "within 24 hours" already done is no condition on the delivery: the administrator decided, the message is lost.
  it("'quarantined; the administrator reviewed it within 24 hours and it will not be delivered' beside a held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message not delivered: Résultats",
        body: [
          `Your message to ${LAB} has been quarantined as suspected spam.`,
          "The administrator reviewed it within 24 hours and it will not be delivered.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
  // A quarantined message "purged" when the retention period expired is gone for good (Proofpoint/Mimecast digest wording), as « effacé ».
  it("'was quarantined … the retention period has expired and the message has been purged' beside a held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message not delivered: Résultats",
        body: [
          `Your message to ${LAB} was quarantined as suspected spam on 01/12/2025.`,
          "The quarantine retention period has expired and the message has been purged.",
          "",
          HELD_NOTE_EN,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
  // « retenu puis bloqué définitivement » is a final block, like « rejeté »; « bloqué » is not a hold.
  it("« a été retenu puis bloqué définitivement par la passerelle » beside a held-spam note is a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Message non distribué : Résultats",
        body: [`Votre message à ${LAB} a été retenu puis bloqué définitivement par la passerelle de sécurité.`, "", HELD_NOTE_FR].join(
          "\r\n",
        ),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([LAB]);
  });
  // The patient's 5.1.1 refusal is final; only the other recipient's copy is late: the notice must still report the patient as failed.
  it("a notice with a 5.1.1 refusal for the patient and 'The copy to <lab> will be delivered later' reports the patient failed", async () => {
    const n = await classifyMessage(
      mail({
        from: GATEWAY,
        subject: "Undeliverable: Résultats",
        body: [
          `Delivery to ${PATIENT} failed: 550 5.1.1 user unknown.`,
          "",
          `The copy to ${LAB} will be delivered later (greylisting).`,
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toContain(PATIENT);
  });
});
