/**
 * The exchanges view's grouping: one line per patient, every patient message in exactly one
 * line (its patient's), never two patients in one line, a [FIN] closes only its patient's
 * line, and only a [FIN] the user really sent (the core's closing evidence).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLines, counted, LineCollector, messageKey, patientsOf, sortLines, type ExchangeLine, type ExchangeMessage } from "../../../src/core/exchanges/index.js";
import { patient } from "../compose/fixtures.js";
import { A, arbMailbox, B, C, COLLEAGUE, DAY, fin, fromPatient, message, ME, NOW, OWN, toPatient } from "./fixtures.js";

const context = { ownAddresses: OWN, now: NOW };
const lines = (messages: readonly ExchangeMessage[]): ExchangeLine[] => buildLines(messages, context);
const lineOf = (all: readonly ExchangeLine[], ins: string): ExchangeLine => {
  const found = all.find((l) => l.ins === ins);
  if (found === undefined) throw new Error(`no line for ${ins}`);
  return found;
};

describe("buildLines", () => {
  it("one line per patient: the last message, who wrote it, open since the first message", () => {
    const asked = fromPatient(A, NOW - 5 * DAY, { subject: "Question" });
    const answered = toPatient(A, NOW - 4 * DAY, { subject: "Re: Question" });
    const other = fromPatient(B, NOW - 1 * DAY, { author: `Paul Girard <${patient(B)}>`, subject: "Rendez-vous" });
    const all = lines([asked, answered, other, message({ author: COLLEAGUE, recipients: [ME] })]);
    expect(all.map((l) => l.ins).sort()).toEqual([A, B].sort());
    const a = lineOf(all, A);
    expect(a.name).toBe("Marie Durand");
    expect(a.last.subject).toBe("Re: Question");
    expect(a.last.writer).toBe("professional");
    expect(a.state).toEqual({ state: "open" });
    expect(a.openSince).toBe(NOW - 5 * DAY);
    expect(a.answer?.headerMessageId).toBe(answered.headerMessageId);
    expect(a.lastFromPatient?.headerMessageId).toBe(asked.headerMessageId);
    expect(a.lastToPatient?.headerMessageId).toBe(answered.headerMessageId);
    const b = lineOf(all, B);
    expect(b.name).toBe("Paul Girard");
    expect(b.last.writer).toBe("patient");
  });

  it("a [FIN] sent after the last message closes the line, dated by the [FIN]; the close answers the message before it", () => {
    const asked = fromPatient(A, NOW - 5 * DAY);
    const closing = fin(A, NOW - 2 * DAY);
    const a = lineOf(lines([asked, closing]), A);
    expect(a.state).toEqual({ state: "closed", on: NOW - 2 * DAY, closingMessageId: `<${closing.headerMessageId}>` });
    expect(a.openSince).toBeNull();
    expect(a.last.subject).toBe("[FIN]");
    expect(a.answer?.headerMessageId).toBe(asked.headerMessageId);
  });

  it("a new message after a [FIN] opens the exchange again, open since that message", () => {
    const a = lineOf(lines([fromPatient(A, NOW - 30 * DAY), fin(A, NOW - 20 * DAY), toPatient(A, NOW - 3 * DAY), fromPatient(A, NOW - DAY)]), A);
    expect(a.state).toEqual({ state: "open" });
    expect(a.openSince).toBe(NOW - 3 * DAY);
  });

  it("only a [FIN] the user really sent closes: not a draft, an Outbox or Trash copy, the Archives, a colleague's, one dated in the future", () => {
    const asked = fromPatient(A, NOW - 5 * DAY);
    for (const notProof of [
      fin(A, NOW - DAY, { folderUses: [["drafts"]] }),
      fin(A, NOW - DAY, { folderUses: [["outbox"]] }),
      fin(A, NOW - DAY, { folderUses: [["trash"]] }),
      fin(A, NOW - DAY, { folderUses: [["archives"]] }),
      fin(A, NOW - DAY, { folderUses: [[]] }),
      fin(A, NOW - DAY, { author: COLLEAGUE }),
      fin(A, NOW + DAY),
      fin(A, NOW - DAY, { subject: "Re: [FIN]" }),
    ]) {
      expect(lineOf(lines([asked, notProof]), A).state).toEqual({ state: "open" });
    }
    // Filed in a subfolder of Sent: it was sent.
    expect(lineOf(lines([asked, fin(A, NOW - DAY, { folderUses: [[], ["sent"]] })]), A).state.state).toBe("closed");
  });

  it("drafts, templates, the Outbox, the Trash and junk hold no exchange", () => {
    for (const use of ["drafts", "templates", "outbox", "trash", "junk"]) {
      expect(lines([fromPatient(A, NOW, { folderUses: [[use]] })])).toEqual([]);
      expect(lines([fromPatient(A, NOW, { folderUses: [[], [use]] })])).toEqual([]);
      expect(counted([[use]])).toBe(false);
    }
    expect(counted([["archives"]])).toBe(true);
    expect(counted([])).toBe(true);
  });

  it("a colleague's message to a patient, and a patient address whose INS fails its key, are in no line", () => {
    expect(lines([message({ author: COLLEAGUE, recipients: [patient(A)] })])).toEqual([]);
    expect(lines([message({ author: "295109912611199@patient.mssante.fr", recipients: [ME] })])).toEqual([]);
    expect(patientsOf(message({ author: `Dr <${ME}>`, recipients: [COLLEAGUE] }), OWN)).toBeNull();
  });

  it("a message to several patients is in each one's line, but a close never answers it", () => {
    const group = toPatient(A, NOW - DAY, { bccList: [patient(B), patient(C)] });
    const all = lines([group]);
    expect(all.map((l) => l.ins).sort()).toEqual([A, B, C].sort());
    for (const line of all) {
      expect(line.last.headerMessageId).toBe(group.headerMessageId);
      expect(line.last.onlyThisPatient).toBe(false);
      expect(line.answer).toBeNull();
    }
  });

  it("two copies of one message count once; the name comes from the latest message that gives one", () => {
    const m = fromPatient(A, NOW - DAY, { author: `Marie Durand-Leroy <${patient(A)}>` });
    const a = lineOf(lines([fromPatient(A, NOW - 9 * DAY), m, { ...m, id: 999_999, folderUses: [["archives"]] }, toPatient(A, NOW, { recipients: [patient(A)] })]), A);
    expect(a.messageIds).toHaveLength(3);
    expect(a.name).toBe("Marie Durand-Leroy");
  });

  it("the INS is matched whatever its case (2a, 2A): one patient, one line", () => {
    const ins = "253072A07300443";
    const all = lines([fromPatient(ins, NOW - 2 * DAY, { author: `<${ins.toLowerCase()}@patient.mssante.fr>` }), toPatient(ins, NOW - DAY)]);
    expect(all).toHaveLength(1);
    expect(all[0]?.ins).toBe(ins);
  });
});

describe("buildLines, for every mailbox", () => {
  it("read page by page (any cuts), the lines are those of the whole mailbox at once; after each page, those of the pages so far", () => {
    fc.assert(
      fc.property(arbMailbox, fc.array(fc.nat(), { maxLength: 6 }), (mailbox, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (mailbox.length + 1)))].sort((a, b) => a - b);
        const collector = new LineCollector(context);
        let from = 0;
        for (const to of [...points, mailbox.length]) {
          collector.add(mailbox.slice(from, to));
          from = Math.max(from, to);
          expect(sortLines(collector.result())).toEqual(sortLines(lines(mailbox.slice(0, from))));
        }
        expect(sortLines(collector.result())).toEqual(sortLines(lines(mailbox)));
      }),
    );
  });

  it("every patient message lands in exactly one line, its patient's; a message to several patients in each of theirs", () => {
    fc.assert(
      fc.property(arbMailbox, (mailbox) => {
        const all = lines(mailbox);
        for (const m of mailbox) {
          const found = patientsOf(m, OWN);
          const holding = all.filter((l) => l.messageIds.includes(messageKey(m)));
          if (found === null || !counted(m.folderUses)) {
            // Not a patient message, or a copy in a folder that holds none: no line holds it unless another copy counted.
            if (found === null) expect(holding).toEqual([]);
            continue;
          }
          expect(holding.map((l) => l.ins).sort()).toEqual(found.patients.map((p) => p.ins).sort());
        }
      }),
    );
  });

  it("never two patients in one line: each line's messages are from, or to, that line's patient", () => {
    fc.assert(
      fc.property(arbMailbox, (mailbox) => {
        const byKey = new Map(mailbox.map((m) => [messageKey(m), m]));
        const all = lines(mailbox);
        expect(new Set(all.map((l) => l.ins)).size).toBe(all.length);
        for (const line of all) {
          for (const key of line.messageIds) {
            const m = byKey.get(key);
            expect(m).toBeDefined();
            if (m === undefined) continue;
            expect(patientsOf(m, OWN)?.patients.map((p) => p.ins)).toContain(line.ins);
          }
          if (line.answer !== null) expect(line.answer.onlyThisPatient).toBe(true);
        }
      }),
    );
  });

  it("a [FIN] closes only its patient's line, and closes it", () => {
    fc.assert(
      fc.property(arbMailbox, fc.constantFrom(A, B, C), (mailbox, ins) => {
        // Later than every message generated (some are dated in the future), and sent by now.
        const later = { ownAddresses: OWN, now: NOW + 10 * DAY };
        const before = buildLines(mailbox, later);
        const after = buildLines([...mailbox, fin(ins, NOW + 3 * DAY)], later);
        expect(lineOf(after, ins).state.state).toBe("closed");
        for (const line of before) {
          if (line.ins === ins) continue;
          expect(lineOf(after, line.ins)).toEqual(line);
        }
      }),
    );
  });

  it("the lines do not depend on the order the messages come in", () => {
    fc.assert(
      fc.property(
        arbMailbox.chain((mailbox) => fc.tuple(fc.constant(mailbox), fc.shuffledSubarray(mailbox, { minLength: mailbox.length, maxLength: mailbox.length }))),
        ([mailbox, shuffled]) => {
          const sort = (all: ExchangeLine[]): ExchangeLine[] => [...all].sort((a, b) => (a.ins < b.ins ? -1 : 1));
          expect(sort(lines(shuffled))).toEqual(sort(lines(mailbox)));
        },
      ),
    );
  });

  it("the last message is the latest one, the state is open or closed by the core's rule, an open line is open since a date no later than its last message", () => {
    fc.assert(
      fc.property(arbMailbox, (mailbox) => {
        for (const line of lines(mailbox)) {
          if (line.state.state === "open" && line.openSince !== null && Number.isFinite(line.last.date)) expect(line.openSince).toBeLessThanOrEqual(line.last.date);
          if (line.state.state === "closed") {
            expect(line.openSince).toBeNull();
            expect(line.state.on).toBeLessThanOrEqual(NOW + 5 * 60_000);
          }
        }
      }),
    );
  });
});
