/**
 * BREAK (what is stored): "close after sending" with Send Later keeps the patient's address
 * (which holds the INS) in storage.local (`pendingClose:<Message-ID>` → {patient}), across
 * restarts (src/adapters/pending-closes.ts:18-20). The options page and docs/admin.md say the
 * add-on keeps nothing about patients but notice records (core/notice-records/texts.ts:150,
 * docs/admin.md "Rien d'autre sur les patients n'est conservé"), and no retention applies:
 * a message that stays in the Outbox (server refuses it, user never sends again) keeps the
 * entry for ever — the maintenance that prunes notices leaves it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { rememberPendingClose } from "../../../src/adapters/pending-closes.js";
import { storedDataText } from "../../../src/core/notice-records/index.js";
import { maintainNotices } from "../../../src/features/notices/retention.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
const P1 = patient(VALID_INS[5]);
const ID = "later-1@medecin.mssante.fr";

beforeEach(() => {
  const store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Unsent Messages", "Sent", "Trash"]);
  store.add("account1", "Unsent Messages", [`From: dr@medecin.mssante.fr`, `To: ${P1}`, "Subject: Résultats", `Message-ID: <${ID}>`, "", "x", ""].join("\r\n"));
});

describe("BREAK a waiting close keeps the patient's address, unsaid and without retention", () => {
  it("storage.local holds the patient's address (this holds: shown for the record)", async () => {
    await rememberPendingClose({ headerMessageId: ID, patientAddress: P1 });
    expect(JSON.stringify(fake().storage("local"))).toContain(P1);
  });

  it("the options page's text says so — FAILS: it says nothing else is kept", () => {
    const all = storedDataText(12).paragraphs.map((p) => p.fr).join(" ");
    expect(all).toMatch(/boîte d'envoi|en attente|clore après l'envoi|\[FIN\]/i);
  });

  it("two years later, with a 1-month retention, the entry is gone — FAILS: kept for ever", async () => {
    await rememberPendingClose({ headerMessageId: ID, patientAddress: P1 });
    await maintainNotices({ now: new Date(Date.now() + 2 * 365 * 24 * 3_600_000) });
    expect(JSON.stringify(fake().storage("local"))).not.toContain(P1);
  });
});
