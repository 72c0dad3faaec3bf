/** Messages for the exchanges view's tests: headers as the mail store gives them, and a generator of mailboxes. */
import fc from "fast-check";
import type { ExchangeMessage } from "../../../src/core/exchanges/index.js";
import { patient, VALID_INS } from "../compose/fixtures.js";

export const ME = "dr.martin@medecin.mssante.fr";
export const ME_TOO = "secretariat@cabinet-martin.mssante.fr";
export const COLLEAGUE = "cardio@ch-exemple.mssante.fr";
export const OWN = [ME, ME_TOO];
export const NOW = Date.UTC(2026, 10, 30, 12, 0);
export const DAY = 86_400_000;
export const [A, B, C, D] = VALID_INS;
export const SENT = [["sent"]] as const;
export const INBOX = [["inbox"]] as const;

let next = 1;

export function message(fields: Partial<ExchangeMessage> & Pick<ExchangeMessage, "author">): ExchangeMessage {
  const id = next++;
  return {
    id,
    headerMessageId: `m-${id}@example.fr`,
    subject: `Sujet ${id}`,
    recipients: [],
    ccList: [],
    bccList: [],
    date: NOW - 10 * DAY,
    folderUses: INBOX,
    tags: [],
    ...fields,
  };
}

/** A patient's message to the user, received. */
export function fromPatient(ins: string, date: number, extra: Partial<ExchangeMessage> = {}): ExchangeMessage {
  return message({ author: `Marie Durand <${patient(ins)}>`, recipients: [ME], date, ...extra });
}

/** A message the user sent to the patient, filed in Sent. */
export function toPatient(ins: string, date: number, extra: Partial<ExchangeMessage> = {}): ExchangeMessage {
  return message({ author: `Dr Martin <${ME}>`, recipients: [`Marie Durand <${patient(ins)}>`], date, folderUses: SENT, ...extra });
}

/** The [FIN] the user sent to the patient, filed in Sent. */
export function fin(ins: string, date: number, extra: Partial<ExchangeMessage> = {}): ExchangeMessage {
  return toPatient(ins, date, { subject: "[FIN]", ...extra });
}

/** Any mix of patient mail (several patients, both directions, [FIN]s anywhere) and ordinary mail. */
export const arbMailbox: fc.Arbitrary<ExchangeMessage[]> = fc
  .array(
    fc.record({
      kind: fc.constantFrom("from-patient", "to-patient", "to-two", "fin", "colleague", "colleague-to-patient", "bad-ins"),
      ins: fc.constantFrom(...VALID_INS),
      other: fc.constantFrom(...VALID_INS),
      day: fc.integer({ min: -400, max: 2 }),
      folder: fc.constantFrom<readonly (readonly string[])[]>([["inbox"]], [["sent"]], [[], ["sent"]], [["drafts"]], [["trash"]], [["archives"]], [[]], [["outbox"]]),
      copy: fc.boolean(),
      author: fc.constantFrom(ME, ME_TOO),
    }),
    { maxLength: 40 },
  )
  .map((specs) => {
    const out: ExchangeMessage[] = [];
    for (const s of specs) {
      const date = NOW + s.day * DAY;
      const base = { date, folderUses: s.folder };
      const me = `Dr <${s.author}>`;
      let m: ExchangeMessage;
      switch (s.kind) {
        case "from-patient":
          m = fromPatient(s.ins, date, base);
          break;
        case "to-patient":
          m = toPatient(s.ins, date, { ...base, author: me });
          break;
        case "to-two":
          m = toPatient(s.ins, date, { ...base, author: me, bccList: [patient(s.other)] });
          break;
        case "fin":
          m = fin(s.ins, date, { ...base, author: me });
          break;
        case "colleague":
          m = message({ author: COLLEAGUE, recipients: [ME], ...base });
          break;
        case "colleague-to-patient":
          m = message({ author: COLLEAGUE, recipients: [patient(s.ins)], ...base });
          break;
        case "bad-ins":
          m = message({ author: "295109912611199@patient.mssante.fr", recipients: [ME], ...base });
          break;
      }
      out.push(m);
      // The same message filed twice (an Archives copy): one line entry still.
      if (s.copy) out.push({ ...m, id: m.id + 100_000, folderUses: [["archives"]] });
    }
    return out;
  });
