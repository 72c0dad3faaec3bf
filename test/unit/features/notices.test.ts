/**
 * The notices feature against the fake Thunderbird and its fake mail store: classification
 * of new mail and of scanned folders, headers first; what is stored; tags, moves, the read
 * receipt marking the sent message; "handled" kept over a new scan.
 */
import { scanSettled } from "../../../src/features/notices/scan-service.js";
import { SCAN_STATUS_KEY } from "../../../src/features/notices/scan-status.js";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadRecords, setHandled } from "../../../src/features/notices/notice-store.js";
import { openMessageById } from "../../../src/adapters/message-display.js";
import { buildView, RECORD_PREFIX } from "../../../src/core/notice-records/index.js";
import { loadNoticeDetail, loadSentInfo } from "../../../src/features/notices/detail.js";
import { NOTICE_TAG_KEY, processNewMail, READ_TAG_KEY } from "../../../src/features/notices/process.js";
import { scanFolders } from "../../../src/features/notices/scan.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/notices/${name}`, import.meta.url), "utf8");

const CLOSED = fixture("mes-closed-text-fr.eml");
const RECEIPT = fixture("mdn-displayed-patient-fr.eml");
const ORDINARY = fixture("ordinary-fr.eml");
/** A delay warning for a message to a patient (the French text fixture, sent to a patient's mailbox). */
const DELAY = fixture("delay-text-fr.eml").replace("n.caron@hopital-exemple.fr", "255081416802538@patient.mssante.fr");
const SENT = [
  "Date: Mon, 25 Mar 2024 09:00:00 +0100",
  "From: Dr Martin <dr.martin@medecin.mssante.fr>",
  "To: Marie Durand <255081416802538@patient.mssante.fr>",
  "Subject: Compte rendu",
  "Message-ID: <cr-2024-03-25-0007@medecin.mssante.fr>",
  "",
  "Bonjour.",
  "",
].join("\r\n");

function ordinary(n: number): string {
  return ORDINARY.replace(/^Message-ID:.*$/im, `Message-ID: <ordinary-${n}@cabinet.example>`);
}

const fake = useFakeThunderbird();

afterEach(() => {
  vi.useRealTimers();
});
let store: FakeMailStore;

/** The fixtures' notices are of March 2024: "now" is two months later, well within the retention. */
const NOW = new Date("2024-05-20T08:00:00Z");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "Cabinet", ["Inbox", "Sent"], ["dr.martin@medecin.mssante.fr"]);
});

describe("new mail", () => {
  it("classifies a closed patient mailbox, stores ids and states only, and tags it", async () => {
    const id = store.add("account1", "Inbox", CLOSED);
    const [result] = await processNewMail([await headerOf(id)]);

    expect(result?.outcome).toBe("notice");
    const records = await loadRecords();
    expect(records).toEqual([
      expect.objectContaining({
        id: "ndr-20240312100210.7781@mx1.mssante.example",
        kind: "bounce",
        originalId: "cr-2024-03-12-0001@medecin.mssante.fr",
        handled: null,
        recipients: [expect.objectContaining({ address: "295109912611193@patient.mssante.fr", reason: "mailbox-closed", ins: "295109912611193", insValid: true })],
      }),
    ]);
    // No message content kept: no subject, no body, no diagnostic.
    const stored = JSON.stringify(fake().storage("local"));
    expect(stored).not.toContain("Compte rendu");
    expect(stored).not.toContain("clôturée");
    expect(store.tagsOf(id)).toEqual([NOTICE_TAG_KEY]);
    expect(store.knownTags()).toEqual([`${NOTICE_TAG_KEY}=Retour MSSanté`, `${READ_TAG_KEY}=Lu par le patient`]);
  });

  it("reads ordinary mail's headers only", async () => {
    const ids = [store.add("account1", "Inbox", ordinary(1)), store.add("account1", "Inbox", ordinary(2))];
    const results = await processNewMail(await Promise.all(ids.map(headerOf)));

    expect(results.map((r) => r.outcome)).toEqual(["ordinary", "ordinary"]);
    expect(store.calls.getHeaders).toBe(2);
    expect(store.calls.getRaw).toBe(0);
    expect(await loadRecords()).toEqual([]);
  });

  it("marks the sent message read by the patient when the receipt arrives", async () => {
    const sent = store.add("account1", "Sent", SENT);
    const receipt = store.add("account1", "Inbox", RECEIPT);
    await processNewMail([await headerOf(receipt)]);

    expect(store.tagsOf(sent)).toEqual([READ_TAG_KEY]);
    // The receipt itself is not undelivered mail: no "returned" tag on it.
    expect(store.tagsOf(receipt)).toEqual([]);
    const view = buildView(await loadRecords());
    expect(view.groups[0]?.messages[0]?.readOn).toBe("2024-03-25T18:42:07.000Z");
  });

  it("looks for the sent message in the Sent folder first; one found only elsewhere does not make the receipt verified", async () => {
    store.addAccount("account2", "Archives", ["Inbox", "2024"]);
    const sent = store.add("account1", "Sent", SENT);
    await processNewMail([await headerOf(store.add("account1", "Inbox", RECEIPT))]);
    expect(store.tagsOf(sent)).toEqual([READ_TAG_KEY]);
    expect(store.calls.query).toBe(1);

    // Only in another folder: one search of the Sent folders finds nothing, the second finds
    // it; but a message outside a Sent folder may not be one the user sent (anyone can write
    // a message "from" the user): the receipt is kept, unverified, and tags nothing.
    const archived = store.add("account2", "2024", SENT.replace("cr-2024-03-25-0007", "cr-2024-03-25-0008"));
    const receipt = RECEIPT.replaceAll("cr-2024-03-25-0007", "cr-2024-03-25-0008").replace(/^Message-ID:.*$/im, "Message-ID: <mdn-2@patient.mssante.fr>");
    await processNewMail([await headerOf(store.add("account1", "Inbox", receipt))]);
    expect(store.tagsOf(archived)).toEqual([]);
    expect(store.calls.query).toBe(3);
    expect((await loadRecords()).find((r) => r.id === "mdn-2@patient.mssante.fr")?.receiptCheck).toBe("not-sent");
  });

  it("still finds the sent message when the search of the Sent folders fails (a folder removed meanwhile)", async () => {
    const sent = store.add("account1", "Sent", SENT);
    const query = messenger.messages.query.bind(messenger.messages);
    fake().override("messages", "query", (async (info: { folderId?: unknown }) => {
      if (info.folderId !== undefined) throw new Error("Folder not found");
      return query(info as never);
    }) as never);
    const [result] = await processNewMail([await headerOf(store.add("account1", "Inbox", RECEIPT))]);
    expect(result?.outcome).toBe("notice");
    expect(store.tagsOf(sent)).toEqual([READ_TAG_KEY]);
  });

  it("moves patient bounces to the notices folder when the user asked for it", async () => {
    fake().seedStorage("local", { settingsVersion: 1, bounceMove: true, bounceFolderName: "Retours MSSanté" });
    const id = store.add("account1", "Inbox", CLOSED);
    const other = store.add("account1", "Inbox", ordinary(3));
    await processNewMail([await headerOf(id), await headerOf(other)]);

    expect(store.folderOf(id)).toBe("/Retours MSSanté");
    expect(store.folderOf(other)).toBe("/Inbox");
  });

  it("leaves a patient's delay warning and read receipt where they arrived, even when bounces are filed", async () => {
    fake().seedStorage("local", { settingsVersion: 1, bounceMove: true, bounceFolderName: "Retours MSSanté" });
    store.add("account1", "Sent", SENT);
    const delay = store.add("account1", "Inbox", DELAY);
    const receipt = store.add("account1", "Inbox", RECEIPT);
    const results = await processNewMail([await headerOf(delay), await headerOf(receipt)]);

    expect(results.map((r) => [r.record?.kind, r.move])).toEqual([
      ["delay", false],
      ["receipt", false],
    ]);
    expect(store.folderOf(delay)).toBe("/Inbox");
    expect(store.folderOf(receipt)).toBe("/Inbox");
    expect(store.tagsOf(delay)).toEqual([NOTICE_TAG_KEY]);
  });

  it("registers its listeners: new mail in every folder, the toolbar button, the Tools menu", async () => {
    const clicks: (() => void)[] = [];
    const menuClicks: ((info: { menuItemId: string }) => void)[] = [];
    fake().override("action", "onClicked", { addListener: (cb: () => void) => clicks.push(cb) } as never);
    fake().override("menus", "onClicked", { addListener: (cb: (info: { menuItemId: string }) => void) => menuClicks.push(cb) } as never);
    const { noticesFeature } = await import("../../../src/features/notices/register.js");
    noticesFeature.register();
    expect(store.newMail.listeners.map((l) => l.all)).toEqual([true]);
    expect([clicks.length, menuClicks.length]).toEqual([1, 1]);

    const id = store.add("account1", "Inbox", CLOSED);
    await store.deliver([id]);
    expect((await loadRecords()).map((r) => r.kind)).toEqual(["bounce"]);

    noticesFeature.install("install");
    expect(fake().createdMenus).toEqual([{ id: "open-notices-panel", title: "Retours et accusés de lecture MSSanté", contexts: ["tools_menu"] }]);
    // Install also scans recent mail (notices-scan-background.test.ts): over before the test ends.
    await vi.waitFor(() => {
      expect((fake().storage("session")[SCAN_STATUS_KEY] as { state?: unknown } | undefined)?.state).toBe("done");
    });
    await scanSettled();
  });

  it("classifies every page of a large arrival, not only the first", async () => {
    fake().override("action", "onClicked", { addListener: () => undefined } as never);
    fake().override("menus", "onClicked", { addListener: () => undefined } as never);
    const { registerNoticeListeners } = await import("../../../src/features/notices/register.js");
    registerNoticeListeners();

    // 25 messages with 10 a page: the bounce comes on the third page.
    const ids = Array.from({ length: 24 }, (_, i) => store.add("account1", "Inbox", ordinary(i)));
    const bounce = store.add("account1", "Inbox", CLOSED);
    await store.deliver([...ids, bounce]);

    expect(store.calls.continueList).toBe(2);
    expect(store.calls.getHeaders).toBe(25);
    expect(store.calls.getRaw).toBe(1);
    expect(store.tagsOf(bounce)).toEqual([NOTICE_TAG_KEY]);
    expect((await loadRecords()).map((r) => r.kind)).toEqual(["bounce"]);
  });
});

describe("scanning folders", () => {
  it("scans an account page by page, reading in full only the candidates", async () => {
    store.add("account1", "Sent", SENT);
    for (let i = 0; i < 25; i++) store.add("account1", "Inbox", ordinary(i));
    store.add("account1", "Inbox", CLOSED);
    store.add("account1", "Inbox", RECEIPT);
    const progress: number[] = [];

    const result = await scanFolders({ kind: "account", accountId: "account1" }, { onProgress: (p) => progress.push(p.messages) });

    expect(result).toMatchObject({ cancelled: false, folders: 2, foldersDone: 2, messages: 28, fullReads: 2, notices: 2, errors: 0 });
    expect(store.calls.getRaw).toBe(2);
    expect(store.calls.continueList).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(28);
    expect((await loadRecords()).map((r) => r.kind).sort()).toEqual(["bounce", "receipt"]);
  });

  it("stops when cancelled", async () => {
    for (let i = 0; i < 30; i++) store.add("account1", "Inbox", ordinary(i));
    const controller = new AbortController();
    const result = await scanFolders(
      { kind: "all" },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.messages === 5) controller.abort();
        },
      },
    );
    expect(result.cancelled).toBe(true);
    expect(result.messages).toBe(5);
  });

  it("keeps what the user marked handled when the folder is scanned again", async () => {
    store.add("account1", "Inbox", CLOSED);
    await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });
    const [record] = await loadRecords();
    expect(record).toBeDefined();
    expect(await setHandled(record?.id ?? "", true, new Date("2024-04-01T10:00:00Z"))).toBe(true);

    await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });
    expect((await loadRecords()).map((r) => r.handled)).toEqual(["2024-04-01T10:00:00.000Z"]);
    expect(Object.keys(fake().storage("local")).filter((k) => k.startsWith(RECORD_PREFIX))).toHaveLength(1);
  });

  it("on Thunderbird 140 (no getHeaders) decides from the list's author and subject", async () => {
    store.withoutGetHeaders();
    store.add("account1", "Inbox", ordinary(1));
    store.add("account1", "Inbox", CLOSED);
    const result = await scanFolders({ kind: "all" });
    expect(result).toMatchObject({ messages: 2, fullReads: 1, notices: 1 });
    expect(store.calls.getHeaders).toBe(0);
  });
});

describe("what the panel reads on demand", () => {
  it("the notice's own text, the sent message's subject and the patient's name, and opening them", async () => {
    store.add("account1", "Sent", SENT);
    store.add("account1", "Inbox", RECEIPT);
    store.add("account1", "Inbox", CLOSED);
    await scanFolders({ kind: "all" });
    const records = await loadRecords();
    const bounce = records.find((r) => r.kind === "bounce");
    if (bounce === undefined) throw new Error("no bounce");

    const detail = await loadNoticeDetail(bounce, 0);
    expect(detail?.diagnostic).toContain("clôturée");
    const info = await loadSentInfo("cr-2024-03-25-0007@medecin.mssante.fr");
    expect(info?.subject).toBe("Compte rendu");
    expect(info?.names.get("255081416802538@patient.mssante.fr")).toBe("Marie Durand");

    expect(await openMessageById(bounce.id)).toBe(true);
    expect(await openMessageById("gone@nowhere.example")).toBe(false);
    expect(store.calls.open).toEqual([bounce.id]);
  });
});

async function headerOf(id: number): Promise<import("../../../src/adapters/messages.js").MessageInfo> {
  const { getMessage, messageInfoOf } = await import("../../../src/adapters/messages.js");
  const info = await getMessage(id);
  if (info === null) throw new Error(`no message ${id}`);
  return messageInfoOf(info);
}
