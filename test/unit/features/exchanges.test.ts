/**
 * The exchanges view's use cases against the fake Thunderbird: every message header read
 * through `messages.query` (large pages), grouped by patient, the read receipt asked (one
 * header read per line), the returns stored by the notices; and a close from a line, which
 * runs the one close use case on the message the line named (right identity, one [FIN] for
 * two confirmations).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { ReplyFields } from "../../../src/adapters/compose.js";
import { DEFAULT_CLOSING_TEMPLATE } from "../../../src/core/settings/index.js";
import type { NoticeRecord } from "../../../src/core/notice-records/index.js";
import { closeConversation, realCloseDeps, type CloseDeps } from "../../../src/features/conversation/close.js";
import { closeFromLine } from "../../../src/features/exchanges/close-line.js";
import { folderChains, gatherMessages, PAGE_SIZE } from "../../../src/features/exchanges/gather.js";
import type { FolderInfo } from "../../../src/adapters/accounts.js";
import { loadExchangeRows } from "../../../src/features/exchanges/load.js";
import { saveRecord } from "../../../src/features/notices/notice-store.js";
import { getMessage as realCloseLineMessage } from "../../../src/adapters/messages.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;

const DOCTOR = "dr.martin@medecin.mssante.fr";
const SECRETARIAT = "secretariat@cabinet-martin.mssante.fr";
const [A, B, C] = VALID_INS;
const NOW = Date.now();
const DAY = 86_400_000;

function eml(fields: { from: string; to: string; subject: string; date: number; id: string; receipt?: boolean; bcc?: string }): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    ...(fields.bcc === undefined ? [] : [`Bcc: ${fields.bcc}`]),
    `Subject: ${fields.subject}`,
    `Date: ${new Date(fields.date).toUTCString()}`,
    `Message-ID: <${fields.id}>`,
    ...(fields.receipt === true ? [`Disposition-Notification-To: ${DOCTOR}`] : []),
    "",
    "Bonjour,",
    "",
  ].join("\r\n");
}

const ids: Record<string, number> = {};

beforeEach(() => {
  store = new FakeMailStore(fake(), 3);
  store.addAccount("account1", "MSSanté", ["Inbox", "Sent", "Drafts", "Trash", "Archives", "Patients"], [DOCTOR]);
  store.addAccount("account2", "Secrétariat", ["Inbox", "Sent"], [SECRETARIAT]);
  // A wrote to the secretariat, which answered asking for a receipt: open, receipt awaited.
  ids["a-question"] = store.add("account2", "Inbox", eml({ from: `Marie Durand <${patient(A)}>`, to: SECRETARIAT, subject: "Question", date: NOW - 10 * DAY, id: "a-1@patient.mssante.fr" }));
  ids["a-answer"] = store.add("account2", "Sent", eml({ from: `Secrétariat <${SECRETARIAT}>`, to: `Marie Durand <${patient(A)}>`, subject: "Re: Question", date: NOW - 9 * DAY, id: "a-2@cabinet.mssante.fr", receipt: true }));
  // A [FIN] draft to A closes nothing.
  store.add("account1", "Drafts", eml({ from: DOCTOR, to: patient(A), subject: "[FIN]", date: NOW - DAY, id: "a-draft@medecin.mssante.fr" }));
  // B: closed by a [FIN] in Sent.
  store.add("account1", "Patients", eml({ from: `Paul Girard <${patient(B)}>`, to: DOCTOR, subject: "Rendez-vous", date: NOW - 30 * DAY, id: "b-1@patient.mssante.fr" }));
  store.add("account1", "Sent", eml({ from: DOCTOR, to: `Paul Girard <${patient(B)}>`, subject: "[FIN]", date: NOW - 29 * DAY, id: "b-fin@medecin.mssante.fr" }));
  // C: the patient wrote last, the message is also archived.
  const c = eml({ from: `<${patient(C)}>`, to: DOCTOR, subject: "Ordonnance", date: NOW - 2 * DAY, id: "c-1@patient.mssante.fr" });
  ids["c-question"] = store.add("account1", "Inbox", c);
  store.add("account1", "Archives", c);
  // Ordinary mail, and a patient's message in the Trash.
  store.add("account1", "Inbox", eml({ from: "cardio@ch-exemple.mssante.fr", to: DOCTOR, subject: "Compte rendu", date: NOW - DAY, id: "cr@ch.mssante.fr" }));
  store.add("account1", "Trash", eml({ from: `<${patient(VALID_INS[3])}>`, to: DOCTOR, subject: "Effacé", date: NOW - DAY, id: "t@patient.mssante.fr" }));
});

describe("loading the exchanges", () => {
  it("reads the folders of every account that can hold an exchange (not Drafts nor Trash) with one query in large pages, and gives one row per patient", async () => {
    const messages = await fake().background.run(() => gatherMessages());
    expect(messages).toHaveLength(7);
    expect(messages.map((m) => m.folderUses)).toContainEqual([["archives"]]);
    expect(store.calls.query).toBe(1);
    expect(store.queryPageSizes).toEqual([PAGE_SIZE]);
    expect(store.calls.getRaw).toBe(0);

    const rows = await fake().background.run(() => loadExchangeRows());
    const byIns = new Map(rows.map((r) => [r.ins, r]));
    expect([...byIns.keys()].sort()).toEqual([A, B, C].sort());
    const a = byIns.get(A);
    expect(a?.state).toEqual({ state: "open" });
    expect(a?.last.writer).toBe("professional");
    expect(a?.receiptAwaited).toBe(true);
    expect(a?.answer?.headerMessageId).toBe("a-2@cabinet.mssante.fr");
    expect(byIns.get(B)?.state.state).toBe("closed");
    expect(byIns.get(C)?.last.writer).toBe("patient");
    expect(byIns.get(C)?.messageIds).toHaveLength(1);
    // One header read: the one message that may wait for a receipt (B's [FIN] was not asked one, C has none sent).
    expect(store.calls.getHeaders).toBeLessThanOrEqual(2);
  });

  it("a read receipt stored by the notices ends the wait; the bounces about a patient are counted on their row", async () => {
    const base = { v: 2, date: new Date(NOW).toISOString(), accountId: null, folderPath: null, originalDate: null, receiptCheck: null, handled: null, stored: new Date(NOW).toISOString(), moreRecipients: 0 } as const;
    const recipient = { address: patient(A), action: null, status: null, reason: null, ins: A, insValid: true, disposition: null, dispositionError: false, date: null };
    const receipt: NoticeRecord = { ...base, id: "mdn@patient.mssante.fr", kind: "receipt", originalId: "a-2@cabinet.mssante.fr", receiptCheck: "verified", recipients: [{ ...recipient, disposition: "displayed" }] };
    const bounce: NoticeRecord = { ...base, id: "dsn@mx", kind: "bounce", originalId: null, recipients: [{ ...recipient, action: "failed", status: "5.2.1", reason: "mailbox-closed" }] };
    await fake().background.run(async () => {
      await saveRecord(receipt, { months: 12, now: new Date(NOW) });
      await saveRecord(bounce, { months: 12, now: new Date(NOW) });
    });
    const rows = await fake().background.run(() => loadExchangeRows());
    const a = rows.find((r) => r.ins === A);
    expect(a?.receiptAwaited).toBe(false);
    expect([a?.returns, a?.returnsToHandle]).toEqual([1, 1]);
  });

  it("a mailbox larger than a page is read to its end", async () => {
    for (let i = 0; i < PAGE_SIZE; i++) store.add("account1", "Inbox", eml({ from: "x@example.fr", to: DOCTOR, subject: `n${i}`, date: NOW - i * 60_000, id: `n${i}@example.fr` }));
    const messages = await fake().background.run(() => gatherMessages());
    expect(messages).toHaveLength(PAGE_SIZE + 7);
    expect(store.calls.continueList).toBeGreaterThan(0);
    const told: number[] = [];
    await fake().background.run(() => gatherMessages((read) => told.push(read)));
    expect(told.at(-1)).toBe(PAGE_SIZE + 7);
    expect(told).toEqual([...told].sort((a, b) => a - b));
  });

  it("each folder's special uses, then those of the folders above it", () => {
    const folder = (path: string, depth: number, specialUse: string[], isVirtual = false): FolderInfo => ({ id: `a:${path}`, accountId: "a", path, name: path, depth, specialUse, isVirtual });
    const list = [folder("/Inbox", 1, ["inbox"]), folder("/Trash", 1, ["trash"]), folder("/Trash/Old", 2, []), folder("/Trash/Old/Deeper", 3, []), folder("/Sent", 1, ["sent"]), folder("/Sent/Patients", 2, []), folder("/Notes", 1, [])];
    expect([...folderChains(list).values()]).toEqual([[["inbox"]], [["trash"]], [[], ["trash"]], [[], [], ["trash"]], [["sent"]], [[], ["sent"]], [[]]]);
  });
});

describe("closing from a line", () => {
  function closeDeps(): { deps: CloseDeps; replies: { messageId: number; identityId: string | null }[]; fields: ReplyFields[]; sent: number[] } {
    const replies: { messageId: number; identityId: string | null }[] = [];
    const fields: ReplyFields[] = [];
    const sent: number[] = [];
    let tab = 50;
    return {
      replies,
      fields,
      sent,
      deps: {
        ...realCloseDeps,
        settings: () => Promise.resolve({ closingTemplate: DEFAULT_CLOSING_TEMPLATE, readReceiptDefault: true, reviewBeforeClosing: false }),
        beginReply: (messageId, identityId) => {
          replies.push({ messageId, identityId });
          return Promise.resolve(tab++);
        },
        isPlainText: () => Promise.resolve(true),
        setFields: (_tab, f) => {
          fields.push(f);
          return Promise.resolve();
        },
        settleOptions: () => Promise.resolve(),
        send: (tabId) => {
          sent.push(tabId);
          return new Promise((resolve) => setTimeout(() => { resolve(`<fin-${tabId}@cabinet>`); }, 5));
        },
        focus: () => Promise.resolve(),
        tell: () => Promise.resolve(),
      },
    };
  }

  it("answers the message the line named, from the identity the patient wrote to; two confirmations send one [FIN]", async () => {
    const recorded = closeDeps();
    const lineDeps = { message: realCloseLineMessage, close: (m: Parameters<typeof closeConversation>[0]) => closeConversation(m, recorded.deps) };
    const answer = { id: ids["c-question"] ?? -1, headerMessageId: "c-1@patient.mssante.fr" };
    const [first, second] = await fake().background.run(() => Promise.all([closeFromLine(answer, lineDeps), closeFromLine(answer, lineDeps)]));
    expect([first, second].map((r) => r.result).sort()).toEqual(["duplicate", "sent"]);
    expect(recorded.sent).toHaveLength(1);
    expect(recorded.replies).toEqual([{ messageId: ids["c-question"], identityId: "account1-id1" }]);
    expect(recorded.fields[0]?.subject).toBe("[FIN]");
    expect(recorded.fields[0]?.to).toEqual([patient(C)]);
  });

  it("the secretariat's line is closed from the secretariat", async () => {
    const recorded = closeDeps();
    const lineDeps = { message: realCloseLineMessage, close: (m: Parameters<typeof closeConversation>[0]) => closeConversation(m, recorded.deps) };
    const result = await fake().background.run(() => closeFromLine({ id: ids["a-answer"] ?? -1, headerMessageId: "a-2@cabinet.mssante.fr" }, lineDeps));
    expect(result).toEqual({ result: "sent" });
    expect(recorded.replies).toEqual([{ messageId: ids["a-answer"], identityId: "account2-id1" }]);
    expect(recorded.fields[0]?.to).toEqual([`Marie Durand <${patient(A)}>`]);
  });

  it("a message gone, or another message under that number, sends nothing", async () => {
    const recorded = closeDeps();
    const lineDeps = { message: realCloseLineMessage, close: (m: Parameters<typeof closeConversation>[0]) => closeConversation(m, recorded.deps) };
    expect(await fake().background.run(() => closeFromLine({ id: 9999, headerMessageId: "c-1@patient.mssante.fr" }, lineDeps))).toEqual({ result: "gone" });
    expect(await fake().background.run(() => closeFromLine({ id: ids["a-question"] ?? -1, headerMessageId: "c-1@patient.mssante.fr" }, lineDeps))).toEqual({ result: "gone" });
    expect(recorded.replies).toEqual([]);
    expect(recorded.sent).toEqual([]);
  });

  it("an exchange the mail shows closed is not closed again", async () => {
    const recorded = closeDeps();
    store.add("account1", "Sent", eml({ from: DOCTOR, to: patient(C), subject: "[FIN]", date: NOW - DAY, id: "c-fin@medecin.mssante.fr" }));
    const lineDeps = { message: realCloseLineMessage, close: (m: Parameters<typeof closeConversation>[0]) => closeConversation(m, recorded.deps) };
    const result = await fake().background.run(() => closeFromLine({ id: ids["c-question"] ?? -1, headerMessageId: "c-1@patient.mssante.fr" }, lineDeps));
    expect(result.result).toBe("already-closed");
    expect(recorded.sent).toEqual([]);
  });
});
