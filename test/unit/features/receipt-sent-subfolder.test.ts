/**
 * A genuine read receipt (from the patient, about a message the user sent that patient) is
 * verified when the sent message is filed in Sent or in a folder below it (Sent/Patients,
 * by a filter or by hand): the same rule as the closing evidence (`filedAsSent`). A sent
 * message found only in the Archives does not verify it (the Archives hold received mail
 * too): the receipt is listed unverified ("not-sent", with its reason) and tags nothing.
 */
import { sayOr } from "../i18n/say.js";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getMessage, messageInfoOf, type MessageInfo } from "../../../src/adapters/messages.js";
import { loadRecords } from "../../../src/features/notices/notice-store.js";
import { receiptCheckText } from "../../../src/core/notice-records/index.js";
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
  return messageInfoOf(info);
}

async function receiptAbout(folder: string): Promise<{ check: unknown; tagged: boolean }> {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "Cabinet", ["Inbox", "Sent", "Sent/Patients", "Archives", "Archives/2024", "Drafts", "Trash"], [DOCTOR]);
  const sentId = store.add("account1", folder, SENT);
  await processNewMail([await headerOf(store.add("account1", "Inbox", RECEIPT))]);
  const records = await loadRecords();
  return { check: records[0]?.receiptCheck, tagged: store.tagsOf(sentId).includes(READ_TAG_KEY) };
}

describe("a genuine receipt about a sent message filed in Sent, below Sent, or archived", () => {
  for (const folder of ["Sent", "Sent/Patients"]) {
    it(`sent message in ${folder}: verified, the sent message tagged read`, async () => {
      expect({ folder, ...(await receiptAbout(folder)) }).toEqual({ folder, check: "verified", tagged: true });
    });
  }

  for (const folder of ["Archives", "Archives/2024"]) {
    it(`sent message only in ${folder}: unverified (not found among sent messages, reason given), nothing tagged`, async () => {
      expect({ folder, ...(await receiptAbout(folder)) }).toEqual({ folder, check: "not-sent", tagged: false });
      expect(sayOr(receiptCheckText("not-sent"), "fr")).toContain("n'a pas été trouvé parmi les messages envoyés");
      expect(sayOr(receiptCheckText("not-sent"), "en")).toContain("was not found among the messages sent");
    });
  }
});
