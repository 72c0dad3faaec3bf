/**
 * BREAK: a genuine read receipt (from the patient, about a message the user sent that
 * patient) is shown "unverified — someone else may have written it" when the sent message
 * was filed in a subfolder of Sent (Sent/Patients, by a filter or by hand) or archived
 * (Archives, Archives/2025). The exchange state counts those folders as "sent"
 * (core/conversation/closing-evidence.ts filedAsSent); the receipt check looks only at the
 * message's own folder and only at "sent" (core/notice-records/receipt-check.ts:82-84,
 * features/notices/receipt.ts folderUses: own specialUse only).
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getMessage, type MessageInfo } from "../../../src/adapters/messages.js";
import { loadRecords } from "../../../src/adapters/notice-store.js";
import { processNewMail, READ_TAG_KEY } from "../../../src/features/notices/process.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const RECEIPT = readFileSync(new URL("../../fixtures/notices/mdn-displayed-patient-fr.eml", import.meta.url), "utf8");
const PATIENT = "255081416802538@patient.mssante.fr";
const DOCTOR = "dr.martin@medecin.mssante.fr";
const SENT_ID = "cr-2024-03-25-0007@medecin.mssante.fr";

const SENT = [
  "Date: Mon, 25 Mar 2024 09:00:00 +0100",
  `From: Dr Martin <${DOCTOR}>`,
  `To: Marie Durand <${PATIENT}>`,
  "Subject: Compte rendu",
  `Message-ID: <${SENT_ID}>`,
  "",
  "Bonjour.",
  "",
].join("\r\n");

const fake = useFakeThunderbird();
let store: FakeMailStore;

afterEach(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2024-05-20T08:00:00Z") });
});

async function headerOf(id: number): Promise<MessageInfo> {
  const info = await getMessage(id);
  if (info === null) throw new Error(`no message ${id}`);
  return info;
}

describe("BREAK a genuine receipt about a sent message filed below Sent or archived", () => {
  for (const folder of ["Sent", "Sent/Patients", "Archives", "Archives/2024"]) {
    it(`sent message in ${folder}: verified and tagged (FAILS except for Sent: "not-sent", untagged)`, async () => {
      store = new FakeMailStore(fake(), 10);
      store.addAccount("account1", "Cabinet", ["Inbox", "Sent", "Sent/Patients", "Archives", "Archives/2024", "Drafts", "Trash"], [DOCTOR]);
      const sentId = store.add("account1", folder, SENT);
      await processNewMail([await headerOf(store.add("account1", "Inbox", RECEIPT))]);
      const records = await loadRecords();
      expect({ folder, check: records[0]?.receiptCheck, tagged: store.tagsOf(sentId).includes(READ_TAG_KEY) }).toEqual({ folder, check: "verified", tagged: true });
    });
  }
});
