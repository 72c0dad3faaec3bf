import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildClosingReply,
  closingIdentity,
  closingText,
  conversationPatient,
  conversationState,
  NEUTRAL_SALUTATION,
  parseMessageIds,
  textToHtml,
  type ConversationPatient,
  type MessageParties,
  type SentMessage,
} from "../../../src/core/conversation/index.js";
import { DEFAULT_CLOSING_TEMPLATE } from "../../../src/core/settings/index.js";
import { arbIns, BAD_KEY_INS, patient, VALID_INS } from "../compose/fixtures.js";

const DOCTOR = "dr.martin@medecin.mssante.fr";
const OTHER_OWN = "secretariat@cabinet.mssante.fr";
const P1 = patient(VALID_INS[5]);
const P2 = patient(VALID_INS[1]);

const parties = (p: Partial<MessageParties>): MessageParties => ({ author: "", recipients: [], ccList: [], bccList: [], ...p });

function found(message: MessageParties, own: readonly string[] = [DOCTOR]): ConversationPatient {
  const lookup = conversationPatient(message, own);
  if (!lookup.ok) throw new Error(`not a patient message: ${lookup.reason}`);
  return lookup.patient;
}

describe("the patient of a message", () => {
  it("is the sender of a message from a patient mailbox, with the display name", () => {
    const p = found(parties({ author: `Marie Durand <${P1}>`, recipients: [DOCTOR] }));
    expect(p).toMatchObject({ address: P1, ins: VALID_INS[5], name: "Marie Durand", direction: "from-patient" });
    expect(p.identity.sex).toBe("female");
  });

  it("has no name when the display name is the address or the INS", () => {
    expect(found(parties({ author: `${P1} <${P1}>` })).name).toBe("");
    expect(found(parties({ author: `"${VALID_INS[5]}" <${P1}>` })).name).toBe("");
    expect(found(parties({ author: P1 })).name).toBe("");
  });

  it("is the one patient we wrote to, when one of our addresses sent it", () => {
    const p = found(parties({ author: `Dr Martin <${DOCTOR}>`, recipients: [`Marie Durand <${P1}>`], ccList: ["cardio@ch.mssante.fr"] }));
    expect(p).toMatchObject({ address: P1, direction: "to-patient", name: "Marie Durand" });
    // Case of the patient address and of our address do not matter.
    expect(found(parties({ author: DOCTOR.toUpperCase(), bccList: [P1.toLowerCase()] })).address).toBe(P1.toLowerCase());
  });

  it("says why otherwise", () => {
    const reason = (m: MessageParties): string => {
      const lookup = conversationPatient(m, [DOCTOR, OTHER_OWN]);
      return lookup.ok ? "ok" : lookup.reason;
    };
    expect(reason(parties({ author: "cardio@ch.mssante.fr", recipients: [DOCTOR] }))).toBe("not-patient");
    expect(reason(parties({ author: DOCTOR, recipients: [P1, P2] }))).toBe("several-patients");
    expect(reason(parties({ author: DOCTOR, recipients: [P1], ccList: [P1.toUpperCase().replace("PATIENT.MSSANTE.FR", "patient.mssante.fr")] }))).toBe("ok");
    expect(reason(parties({ author: "cardio@ch.mssante.fr", recipients: [P1] }))).toBe("not-ours");
    expect(reason(parties({ author: patient(BAD_KEY_INS), recipients: [DOCTOR] }))).toBe("invalid-ins");
    expect(reason(parties({ author: DOCTOR, recipients: [patient(BAD_KEY_INS)] }))).toBe("invalid-ins");
    expect(reason(parties({}))).toBe("not-patient");
  });
});

describe("the identity to close from", () => {
  const identities = [
    { id: "id1", email: DOCTOR },
    { id: "id3", email: OTHER_OWN },
  ];
  it("is the one the patient wrote to, else the one that wrote to the patient", () => {
    expect(closingIdentity(parties({ author: P1, recipients: [`Secrétariat <${OTHER_OWN.toUpperCase()}>`] }), "from-patient", identities)?.id).toBe("id3");
    expect(closingIdentity(parties({ author: P1, recipients: ["x@y.fr"], ccList: [DOCTOR] }), "from-patient", identities)?.id).toBe("id1");
    expect(closingIdentity(parties({ author: OTHER_OWN, recipients: [P1] }), "to-patient", identities)?.id).toBe("id3");
    expect(closingIdentity(parties({ author: P1, recipients: ["alias@cabinet.mssante.fr"] }), "from-patient", identities)).toBeNull();
  });
});

describe("the closing reply", () => {
  const from = found(parties({ author: `Marie Durand <${P1}>` }));
  it("goes to the patient only, subject exactly [FIN], threaded, with the greeting filled", () => {
    const reply = buildClosingReply({
      patient: from,
      template: DEFAULT_CLOSING_TEMPLATE,
      readReceiptDefault: true,
      inReplyTo: "abc@mes.fr",
      references: ["<root@x>", "<abc@mes.fr>"],
    });
    expect(reply.to).toEqual([`Marie Durand <${P1}>`]);
    expect(reply.cc).toEqual([]);
    expect(reply.bcc).toEqual([]);
    expect(reply.subject).toBe("[FIN]");
    expect(reply.text.startsWith("Bonjour Marie Durand,\n\n")).toBe(true);
    expect(reply.returnReceipt).toBe(true);
    expect(reply.inReplyTo).toBe("<abc@mes.fr>");
    expect(reply.references).toEqual(["<root@x>", "<abc@mes.fr>"]);
  });

  it("keeps the user's receipt default, off too", () => {
    const reply = buildClosingReply({ patient: from, template: "x", readReceiptDefault: false, inReplyTo: "<a@b>", references: [] });
    expect(reply.returnReceipt).toBe(false);
    expect(reply.references).toEqual(["<a@b>"]);
  });

  it("greets neutrally without a name, and every placeholder is filled", () => {
    expect(closingText("Bonjour {patient}, {patient}.", "")).toBe(`Bonjour ${NEUTRAL_SALUTATION}, ${NEUTRAL_SALUTATION}.`);
    expect(closingText("a\r\nb\rc", "X")).toBe("a\nb\nc");
  });

  it("escapes the text for an HTML message", () => {
    expect(textToHtml("A <b> & \"c\"\nd")).toBe("<p>A &#60;b&#62; &#38; &#34;c&#34;<br>d</p>");
  });

  it("reads ids from a References field", () => {
    expect(parseMessageIds("<a@b> <c@d>\r\n <e@f>")).toEqual(["<a@b>", "<c@d>", "<e@f>"]);
  });

  it("always: subject exactly [FIN], the patient the only recipient, receipt as the setting says", () => {
    fc.assert(
      fc.property(arbIns, fc.string(), fc.string({ maxLength: 300 }), fc.boolean(), fc.boolean(), (ins, name, template, receipt, fromPatient) => {
        const address = patient(ins);
        const message = fromPatient
          ? parties({ author: `"${name.replace(/["\\]/g, "")}" <${address}>`, recipients: [DOCTOR] })
          : parties({ author: DOCTOR, recipients: [`"${name.replace(/["\\]/g, "")}" <${address}>`] });
        const lookup = conversationPatient(message, [DOCTOR]);
        if (!lookup.ok) throw new Error(lookup.reason);
        const reply = buildClosingReply({ patient: lookup.patient, template, readReceiptDefault: receipt, inReplyTo: "m@x", references: [] });
        expect(reply.subject).toBe("[FIN]");
        expect(reply.to).toHaveLength(1);
        expect(reply.to[0].endsWith(`<${address}>`) || reply.to[0] === address).toBe(true);
        expect(reply.cc).toEqual([]);
        expect(reply.bcc).toEqual([]);
        expect(reply.returnReceipt).toBe(receipt);
        expect(reply.text).not.toContain("{patient}");
        expect(reply.references.at(-1)).toBe("<m@x>");
      }),
    );
  });
});

describe("the state of a conversation", () => {
  const DAY = 86_400_000;
  const displayed = { headerMessageId: "p2@mes.fr", date: 10 * DAY, references: ["<d1@cab>", "<p1@mes.fr>"] };
  const fin = (p: Partial<SentMessage>): SentMessage => ({
    headerMessageId: "fin@cab",
    date: 11 * DAY,
    references: [],
    subject: "[FIN]",
    author: DOCTOR,
    recipients: [P1],
    ccList: [],
    bccList: [],
    folderUses: [["sent"]],
    ...p,
  });
  const context = { ownAddresses: [DOCTOR], now: 100 * DAY };

  it("is open with nothing sent, or nothing that closes", () => {
    expect(conversationState(P1, displayed, [], context)).toEqual({ state: "open" });
    expect(conversationState(P1, displayed, [fin({ subject: "Re: [FIN]" }), fin({ subject: "[Fin]" }), fin({ recipients: [P2] })], context)).toEqual({ state: "open" });
  });

  it("is closed by a [FIN] to the patient after the message, on the earliest such date", () => {
    expect(conversationState(P1, displayed, [fin({ date: 12 * DAY, headerMessageId: "<late@cab>" }), fin({})], context)).toEqual({
      state: "closed",
      on: 11 * DAY,
      closingMessageId: "<fin@cab>",
    });
    expect(conversationState(P1.toUpperCase().replace("@PATIENT.MSSANTE.FR", "@patient.mssante.fr"), displayed, [fin({ recipients: [`Marie <${P1}>`] })], context).state).toBe("closed");
  });

  it("is closed by an earlier [FIN] in the same thread, not by one in another thread", () => {
    expect(conversationState(P1, displayed, [fin({ date: 9 * DAY, references: ["<p1@mes.fr>"] })], context).state).toBe("closed");
    expect(conversationState(P1, displayed, [fin({ date: 9 * DAY, references: ["<other@cab>"] })], context)).toEqual({ state: "open" });
  });

  it("shows the [FIN] itself as closed", () => {
    const self = fin({ date: 5 * DAY });
    expect(conversationState(P1, self, [self], context).state).toBe("closed");
  });

  it("is not closed by a [FIN] that was not really sent: a draft, someone else's, one dated in the future", () => {
    expect(conversationState(P1, displayed, [fin({ folderUses: [["drafts"]] })], context)).toEqual({ state: "open" });
    expect(conversationState(P1, displayed, [fin({ folderUses: [["outbox"]] })], context)).toEqual({ state: "open" });
    expect(conversationState(P1, displayed, [fin({ author: "someone@exemple.fr", folderUses: [["inbox"]] })], context)).toEqual({ state: "open" });
    expect(conversationState(P1, displayed, [fin({ date: 101 * DAY })], context)).toEqual({ state: "open" });
  });
});
