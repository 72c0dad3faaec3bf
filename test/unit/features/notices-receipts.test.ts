/**
 * Forged read receipts: a receipt marks the sent message "read by the patient" only when it
 * comes from that patient's address and names a message the user sent that patient (Sent
 * folder, one of the user's identities, the patient among the recipients). Any other receipt
 * is kept, marked unverified, and tags nothing.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getMessage, messageInfoOf, type MessageInfo } from "../../../src/adapters/messages.js";
import { loadRecords } from "../../../src/features/notices/notice-store.js";
import { buildView, type ReceiptCheck } from "../../../src/core/notice-records/index.js";
import { processNewMail, READ_TAG_KEY } from "../../../src/features/notices/process.js";
import { scanFolders } from "../../../src/features/notices/scan.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const RECEIPT = readFileSync(new URL("../../fixtures/notices/mdn-displayed-patient-fr.eml", import.meta.url), "utf8");
const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "295109912611193@patient.mssante.fr";
const DOCTOR = "dr.martin@medecin.mssante.fr";
const SENT_ID = "cr-2024-03-25-0007@medecin.mssante.fr";

function sent(options: { from?: string; to?: string; bcc?: string } = {}): string {
  return [
    "Date: Mon, 25 Mar 2024 09:00:00 +0100",
    `From: ${options.from ?? `Dr Martin <${DOCTOR}>`}`,
    `To: ${options.to ?? `Marie Durand <${PATIENT}>`}`,
    ...(options.bcc === undefined ? [] : [`Bcc: ${options.bcc}`]),
    "Subject: Compte rendu",
    `Message-ID: <${SENT_ID}>`,
    "",
    "Bonjour.",
    "",
  ].join("\r\n");
}

/** The patient's receipt, with another `From` when given. */
function receipt(from?: string): string {
  return from === undefined ? RECEIPT : RECEIPT.replace(/^From: .*$/m, `From: ${from}`);
}

const fake = useFakeThunderbird();
let store: FakeMailStore;

/** The fixtures' notices are of spring 2024: "now" is a little later, well within the retention. */
const NOW = new Date("2024-05-20T08:00:00Z");

afterEach(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "Cabinet", ["Inbox", "Sent", "Drafts", "Trash"], [DOCTOR]);
});

async function headerOf(id: number): Promise<MessageInfo> {
  const info = await getMessage(id);
  if (info === null) throw new Error(`no message ${id}`);
  return messageInfoOf(info);
}

/** A receipt arrives; what was stored about it, and whether the sent message was tagged. */
async function arrive(raw: string, sentId: number): Promise<{ check: ReceiptCheck | null; tagged: boolean; readOn: string | null }> {
  await processNewMail([await headerOf(store.add("account1", "Inbox", raw))]);
  const records = await loadRecords();
  expect(records).toHaveLength(1);
  const record = records[0];
  return {
    check: record?.receiptCheck ?? null,
    tagged: store.tagsOf(sentId).includes(READ_TAG_KEY),
    readOn: buildView(records).groups[0]?.messages[0]?.readOn ?? null,
  };
}

describe("a read receipt", () => {
  it("from the patient, about a message sent to that patient from the Sent folder: verified, tags the sent message", async () => {
    const id = store.add("account1", "Sent", sent());
    expect(await arrive(receipt(), id)).toEqual({ check: "verified", tagged: true, readOn: "2024-03-25T18:42:07.000Z" });
  });

  it("with the patient's address written in another case, or behind a display name: verified", async () => {
    const id = store.add("account1", "Sent", sent());
    expect((await arrive(receipt(`"Marie Durand" <${PATIENT.toUpperCase()}>`), id)).check).toBe("verified");
  });

  it("from another address: kept, unverified, tags nothing and searches nothing", async () => {
    const id = store.add("account1", "Sent", sent());
    expect(await arrive(receipt("Marie Durand <marie.durand@example.com>"), id)).toEqual({ check: "other-sender", tagged: false, readOn: null });
    expect(store.calls.query).toBe(0);
  });

  it("from another address that puts the patient's in its display name: unverified", async () => {
    const id = store.add("account1", "Sent", sent());
    expect((await arrive(receipt(`"${PATIENT}" <forger@example.com>`), id)).check).toBe("other-sender");
  });

  it("from another patient's address: unverified", async () => {
    const id = store.add("account1", "Sent", sent());
    expect((await arrive(receipt(OTHER_PATIENT), id)).check).toBe("other-sender");
  });

  it("from the patient, about a draft never sent: unverified", async () => {
    const id = store.add("account1", "Drafts", sent());
    expect(await arrive(receipt(), id)).toEqual({ check: "not-sent", tagged: false, readOn: null });
  });

  it("from the patient, about a message in the Trash: unverified", async () => {
    const id = store.add("account1", "Trash", sent());
    expect((await arrive(receipt(), id)).check).toBe("not-sent");
  });

  it("about a message in the Sent folder not written from one of the user's identities: unverified", async () => {
    const id = store.add("account1", "Sent", sent({ from: "Dr Autre <dr.autre@medecin.mssante.fr>" }));
    expect((await arrive(receipt(), id)).check).toBe("not-sent");
  });

  it("about a message the user sent to someone else: unverified", async () => {
    const id = store.add("account1", "Sent", sent({ to: OTHER_PATIENT }));
    expect((await arrive(receipt(), id)).check).toBe("not-sent");
  });

  it("about a message sent to the patient in Bcc: verified", async () => {
    const id = store.add("account1", "Sent", sent({ to: "Dr Martin <dr.martin@medecin.mssante.fr>", bcc: PATIENT }));
    expect((await arrive(receipt(), id)).check).toBe("verified");
  });

  it("about a message that is nowhere: unverified", async () => {
    const id = store.add("account1", "Sent", sent().replace(SENT_ID, "autre@medecin.mssante.fr"));
    expect((await arrive(receipt(), id)).check).toBe("not-sent");
  });

  it("naming no message: unverified", async () => {
    const id = store.add("account1", "Sent", sent());
    const anonymous = RECEIPT.replace(/^References:.*\r?\n/m, "").replace(/^Original-Message-ID:.*\r?\n/m, "");
    expect((await arrive(anonymous, id)).check).toBe("no-original");
  });

  it("is checked the same way by a folder scan: the forged one tags nothing, the genuine one does", async () => {
    const id = store.add("account1", "Sent", sent());
    store.add("account1", "Inbox", receipt("Marie Durand <marie.durand@example.com>").replace(/^Message-ID:.*$/m, "Message-ID: <forged@example.com>"));
    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });
    expect(result).toMatchObject({ notices: 1, errors: 0 });
    expect(store.tagsOf(id)).toEqual([]);
    expect((await loadRecords()).map((r) => r.receiptCheck)).toEqual(["other-sender"]);

    store.add("account1", "Inbox", receipt());
    await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });
    expect(store.tagsOf(id)).toEqual([READ_TAG_KEY]);
    expect((await loadRecords()).map((r) => r.receiptCheck).sort()).toEqual(["other-sender", "verified"]);
  });
});
