/**
 * Thunderbird starts: the event page runs (`src/background/main.ts` registers every feature)
 * and `runtime.onStartup` fires. The closes waiting for a message sent later are looked at
 * once for their age, then once for where their message is.
 */
import { expect, it } from "vitest";
import { rememberPendingClose } from "../../../src/features/conversation/pending-closes.js";
import { INDEX_KEY, indexValue } from "../../../src/core/notice-records/index.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { ignoreFeatureEvents } from "./ignore-events.js";

const fake = useFakeThunderbird();

const DOCTOR = "dr.martin@medecin.mssante.fr";
const DAY = 24 * 3_600_000;

function eml(to: string, id: string): string {
  return [`From: Dr Martin <${DOCTOR}>`, `To: ${to}`, "Subject: Vos résultats", "Date: Mon, 03 Mar 2025 09:15:00 +0100", `Message-ID: <${id}>`, "", "Bonjour,", ""].join("\r\n");
}

it("gives up the closes that waited too long once, and looks once where the others' messages are", async () => {
  const store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Inbox", "Unsent Messages", "Sent", "Trash"], [DOCTOR]);
  ignoreFeatureEvents(fake);
  const told: string[] = [];
  fake().override("notifications", "create", ((_id: string, options: { message: string }) => {
    told.push(options.message);
    return Promise.resolve("close-conversation");
  }) as never);
  // The notices' index exists: no migration reads the whole storage.
  fake().seedStorage("local", { [INDEX_KEY]: indexValue(new Map()) });
  const old = patient(VALID_INS[5]);
  const waiting = patient(VALID_INS[4]);
  await rememberPendingClose({ headerMessageId: "old@medecin.mssante.fr", patientAddress: old }, new Date(Date.now() - 60 * DAY));
  await rememberPendingClose({ headerMessageId: "waiting@medecin.mssante.fr", patientAddress: waiting });
  store.add("account1", "Unsent Messages", eml(waiting, "waiting@medecin.mssante.fr"));
  const before = fake().localReads.whole;

  await import("../../../src/background/main.js");
  await fake().startUp();
  // Every fake call answers on a microtask: one macrotask later, all the start-up work is done.
  await new Promise((resolve) => setTimeout(resolve, 0));

  // The waiting closes are kept under one key each: each look at them reads storage.local whole.
  expect(fake().localReads.whole - before, "reads of every waiting close: one for their age, one for their messages").toBe(2);
  expect(told).toHaveLength(1);
  const stored = JSON.stringify(fake().storage("local"));
  expect(stored).not.toContain(old);
  expect(stored).toContain(waiting);
});
