/**
 * The exchanges view's use cases against the fake Thunderbird: every message header read
 * through `messages.query` (large pages), grouped by patient, the read receipt asked (one
 * header read per line), the returns stored by the notices; and a close from a line, which
 * runs the one close use case on the message the line named (right identity, one [FIN] for
 * two confirmations).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ReplyFields } from "../../../src/adapters/compose.js";
import { DEFAULT_CLOSING_TEMPLATE } from "../../../src/core/settings/index.js";
import type { NoticeRecord } from "../../../src/core/notice-records/index.js";
import { closeConversation, realCloseDeps, type CloseDeps } from "../../../src/features/conversation/close.js";
import { answerCloseRequests, closeFromLine, realCloseLineDeps } from "../../../src/features/exchanges/close-line.js";
import { folderChains, gatherMessages, PAGE_SIZE } from "../../../src/features/exchanges/gather.js";
import type { FolderInfo } from "../../../src/adapters/accounts.js";
import { loadExchangeRows } from "../../../src/features/exchanges/load.js";
import { saveRecord } from "../../../src/features/notices/notice-store.js";
import { getMessage } from "../../../src/adapters/messages.js";
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
    const { messages, skipped } = await fake().background.run(() => gatherMessages());
    expect(messages).toHaveLength(7);
    expect(skipped).toEqual([]);
    expect(messages.map((m) => m.folderUses)).toContainEqual([["archives"]]);
    expect(store.calls.query).toBe(1);
    expect(store.queryPageSizes).toEqual([PAGE_SIZE]);
    expect(store.calls.getRaw).toBe(0);

    const { rows } = await fake().background.run(() => loadExchangeRows());
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
    const { rows } = await fake().background.run(() => loadExchangeRows());
    const a = rows.find((r) => r.ins === A);
    expect(a?.receiptAwaited).toBe(false);
    expect([a?.returns, a?.returnsToHandle]).toEqual([1, 1]);
  });

  it("a mailbox larger than a page is read to its end", async () => {
    for (let i = 0; i < PAGE_SIZE; i++) store.add("account1", "Inbox", eml({ from: "x@example.fr", to: DOCTOR, subject: `n${i}`, date: NOW - i * 60_000, id: `n${i}@example.fr` }));
    const { messages } = await fake().background.run(() => gatherMessages());
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
          return new Promise((resolve) => setTimeout(() => { resolve({ queued: false, headerMessageId: `<fin-${tabId}@cabinet>` }); }, 5));
        },
        focus: () => Promise.resolve(),
        tell: () => Promise.resolve(),
      },
    };
  }

  it("answers the message the line named, from the identity the patient wrote to; two confirmations send one [FIN]", async () => {
    const recorded = closeDeps();
    const lineDeps = realCloseLineDeps(recorded.deps);
    const answer = { ins: C, headerMessageId: "c-1@patient.mssante.fr" };
    const [first, second] = await fake().background.run(() => Promise.all([closeFromLine(answer, lineDeps), closeFromLine(answer, lineDeps)]));
    expect([first, second].map((r) => r.result).sort()).toEqual(["duplicate", "sent"]);
    expect(recorded.sent).toHaveLength(1);
    expect(recorded.replies).toEqual([{ messageId: ids["c-question"], identityId: "account1-id1" }]);
    expect(recorded.fields[0]?.subject).toBe("[FIN]");
    expect(recorded.fields[0]?.to).toEqual([patient(C)]);
  });

  it("the secretariat's line is closed from the secretariat", async () => {
    const recorded = closeDeps();
    const lineDeps = realCloseLineDeps(recorded.deps);
    const result = await fake().background.run(() => closeFromLine({ ins: A, headerMessageId: "a-2@cabinet.mssante.fr" }, lineDeps));
    expect(result).toEqual({ result: "sent" });
    expect(recorded.replies).toEqual([{ messageId: ids["a-answer"], identityId: "account2-id1" }]);
    expect(recorded.fields[0]?.to).toEqual([`Marie Durand <${patient(A)}>`]);
  });

  it("a message gone, or no longer that patient's, sends nothing", async () => {
    const recorded = closeDeps();
    const lineDeps = realCloseLineDeps(recorded.deps);
    expect(await fake().background.run(() => closeFromLine({ ins: C, headerMessageId: "gone@patient.mssante.fr" }, lineDeps))).toEqual({ result: "gone" });
    expect(await fake().background.run(() => closeFromLine({ ins: C, headerMessageId: "" }, lineDeps))).toEqual({ result: "gone" });
    // A's message named for C's line: not that patient's exchange.
    expect(await fake().background.run(() => closeFromLine({ ins: C, headerMessageId: "a-1@patient.mssante.fr" }, lineDeps))).toEqual({ result: "not-closable" });
    // A colleague's message to a patient: not the user's exchange.
    store.add("account1", "Inbox", eml({ from: "cardio@ch-exemple.mssante.fr", to: patient(C), subject: "Copie", date: NOW - DAY, id: "colleague@ch.mssante.fr" }));
    expect(await fake().background.run(() => closeFromLine({ ins: C, headerMessageId: "colleague@ch.mssante.fr" }, lineDeps))).toEqual({ result: "not-closable" });
    expect(recorded.replies).toEqual([]);
    expect(recorded.sent).toEqual([]);
  });

  it("an exchange the mail shows closed is not closed again", async () => {
    const recorded = closeDeps();
    store.add("account1", "Sent", eml({ from: DOCTOR, to: patient(C), subject: "[FIN]", date: NOW - DAY, id: "c-fin@medecin.mssante.fr" }));
    const lineDeps = realCloseLineDeps(recorded.deps);
    const result = await fake().background.run(() => closeFromLine({ ins: C, headerMessageId: "c-1@patient.mssante.fr" }, lineDeps));
    expect(result.result).toBe("already-closed");
    expect(recorded.sent).toEqual([]);
  });
});

describe("one page sends a [FIN]: the view asks the background", () => {
  it("a close confirmed in the view and the header button's at the same moment send exactly one [FIN]", async () => {
    fake().background.run(() => {
      answerCloseRequests();
    });
    // The view is a page of its own: its modules are its own copies, as in Thunderbird.
    vi.resetModules();
    const view = fake().context("exchanges view");
    const { requestLineClose } = await import("../../../src/features/exchanges/close-contract.js");
    const shown = await fake().background.run(() => getMessage(ids["c-question"] ?? -1));
    if (shown === null) throw new Error("no message");
    const [fromView, fromHeader] = await Promise.all([
      view.run(() => requestLineClose({ ins: C }, { headerMessageId: "c-1@patient.mssante.fr" })),
      // What the header button runs, in the background page.
      fake().background.run(() => closeConversation(shown)),
    ]);
    const fins = fake().sentMessages.filter((m) => m.details.subject === "[FIN]");
    expect(fins).toHaveLength(1);
    expect(fins[0]?.details.to).toEqual([patient(C)]);
    expect([fromView.result, fromHeader.outcome].sort()).toEqual(["duplicate", "sent"]);
    expect(store.replies).toHaveLength(1);
  });

  it("the view is told each outcome: sent, already closed (with its date), a message gone", async () => {
    fake().background.run(() => {
      answerCloseRequests();
    });
    const view = fake().context("exchanges view");
    const { requestLineClose } = await import("../../../src/features/exchanges/close-contract.js");
    expect(await view.run(() => requestLineClose({ ins: C }, { headerMessageId: "c-1@patient.mssante.fr" }))).toEqual({ result: "sent" });
    store.add("account1", "Sent", eml({ from: DOCTOR, to: patient(A), subject: "[FIN]", date: NOW - 60_000, id: "a-fin@medecin.mssante.fr" }));
    const closed = await view.run(() => requestLineClose({ ins: A }, { headerMessageId: "a-2@cabinet.mssante.fr" }));
    expect(closed.result).toBe("already-closed");
    expect(await view.run(() => requestLineClose({ ins: B }, { headerMessageId: "nowhere@x" }))).toEqual({ result: "gone" });
    expect(fake().sentMessages).toHaveLength(1);
  });

  it("a send that fails is answered with its reason; a view with no background answering is told so", async () => {
    const view = fake().context("exchanges view");
    const { requestLineClose } = await import("../../../src/features/exchanges/close-contract.js");
    await expect(view.run(() => requestLineClose({ ins: C }, { headerMessageId: "c-1@patient.mssante.fr" }))).rejects.toThrow(/Receiving end does not exist/);
    fake().background.run(() => {
      answerCloseRequests();
    });
    fake().override("compose", "sendMessage", () => Promise.reject(new Error("SMTP refusé")));
    expect(await view.run(() => requestLineClose({ ins: C }, { headerMessageId: "c-1@patient.mssante.fr" }))).toEqual({ result: "failed", error: "SMTP refusé" });
    expect(fake().sentMessages).toHaveLength(0);
  });
});

describe("reading the mail page by page", () => {
  it("each page read is handed over as it comes, the rows so far with it, in the end the same rows as all at once", async () => {
    for (let i = 0; i < PAGE_SIZE; i++) store.add("account1", "Inbox", eml({ from: "x@example.fr", to: DOCTOR, subject: `n${i}`, date: NOW - i * 60_000, id: `n${i}@example.fr` }));
    const seen: { read: number; lines: string[] }[] = [];
    const { rows } = await fake().background.run(() => loadExchangeRows(undefined, (p) => seen.push({ read: p.read, lines: p.rows.map((r) => r.ins).sort() })));
    // The first page (1,000 messages), then the fake's pages of 3.
    expect(seen.map((s) => s.read)).toEqual([PAGE_SIZE, PAGE_SIZE + 3, PAGE_SIZE + 6, PAGE_SIZE + 7]);
    expect(seen.at(-1)?.lines).toEqual(rows.map((r) => r.ins).sort());
  });
});

describe("a folder that cannot be read", () => {
  it("is skipped and named; the other folders still make the view", async () => {
    store.failFolder("account1", "Archives");
    const { messages, skipped } = await fake().background.run(() => gatherMessages());
    expect(skipped).toEqual([{ accountName: "MSSanté", path: "Archives" }]);
    // Everything but the archived copy.
    expect(messages).toHaveLength(6);
    expect(new Set(messages.map((m) => m.id)).size).toBe(6);
    const loaded = await fake().background.run(() => loadExchangeRows());
    expect(loaded.skipped).toEqual([{ accountName: "MSSanté", path: "Archives" }]);
    expect(loaded.rows.map((r) => r.ins).sort()).toEqual([A, B, C].sort());
  });

  it("a failure in the middle of the reading keeps what was read, each message once", async () => {
    for (let i = 0; i < PAGE_SIZE; i++) store.add("account1", "Patients", eml({ from: "x@example.fr", to: DOCTOR, subject: `n${i}`, date: NOW - i * 60_000, id: `n${i}@example.fr` }));
    let pages = 0;
    const continueList = (fake().background.messenger.messages.continueList as (id: string) => Promise<unknown>).bind(null);
    fake().override("messages", "continueList", ((id: string) => (++pages === 1 ? Promise.reject(new Error("connection lost")) : continueList(id))) as never);
    const { messages, skipped } = await fake().background.run(() => gatherMessages());
    expect(skipped).toEqual([]);
    expect(messages).toHaveLength(PAGE_SIZE + 7);
    expect(new Set(messages.map((m) => m.id)).size).toBe(PAGE_SIZE + 7);
  });
});
