/**
 * « Clore l'échange » while a [FIN] waits in the Outbox (`close.ts` `waitingFin`),
 * met by a "close after sending" on a message sent later (`pending-close.ts`).
 *
 * Reproduction: offline, the doctor sends message M to the patient with "close after
 * sending" (M goes to the Outbox, the close waits for it); still offline, they press
 * « Clore l'échange » in the patient's banner (nothing there says a close is pending): the
 * [FIN] goes to the Outbox behind M. Back online, Thunderbird sends M, then the [FIN]. When M
 * leaves, its waiting close runs `closeConversation(…, { evenIfClosed: true })`, which skips
 * the `waitingFin` check: a second [FIN] is sent now while the first is still in the Outbox,
 * so two [FIN] reach the patient.
 *
 * Expected: exactly one [FIN] leaves: the waiting close sees the [FIN] of the user's to that
 * patient still in the Outbox and sends none of its own.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { rememberPendingClose } from "../../../src/features/conversation/pending-closes.js";
import { settlePendingCloses } from "../../../src/features/conversation/pending-close.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { DOCTOR, pendingFromStorage, quietCloseDeps, stateFromMail } from "./close-deps.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;

const P1 = patient(VALID_INS[5]);
const at = (hh: number, mm: number, ss = 0): number => Date.UTC(2025, 2, 3, hh, mm, ss);

const eml = (id: string, subject: string, date: number): string =>
  [`From: Dr Martin <${DOCTOR}>`, `To: ${P1}`, `Subject: ${subject}`, `Date: ${new Date(date).toUTCString()}`, `Message-ID: <${id}>`, "", "Bonjour,", ""].join("\r\n");

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Inbox", "Unsent Messages", "Sent", "Trash"]);
});

describe("a close after sending while the user's [FIN] to the patient waits in the Outbox", () => {
  it("sends no second [FIN] when its message leaves ahead of the waiting [FIN]", async () => {
    const sends: string[] = [];
    const clock = at(11, 0, 0);
    const deps = quietCloseDeps({
      ...stateFromMail,
      send: () => {
        const id = `fin-${sends.length + 2}@medecin.mssante.fr`;
        sends.push(id);
        store.add("account1", "Sent", eml(id, "[FIN]", clock));
        return Promise.resolve({ queued: false, headerMessageId: id });
      },
      now: () => clock,
    });

    // M, sent later with "close after sending", has just left the Outbox (its copy filed in
    // Sent); the [FIN] queued offline from the banner after it still waits in the Outbox.
    await rememberPendingClose({ headerMessageId: "m@medecin.mssante.fr", patientAddress: P1 });
    store.add("account1", "Sent", eml("m@medecin.mssante.fr", "Vos résultats", at(10, 0)));
    store.add("account1", "Unsent Messages", eml("fin-1@medecin.mssante.fr", "[FIN]", at(10, 2)));

    await settlePendingCloses(pendingFromStorage, deps);
    // Fails today: ["fin-2@medecin.mssante.fr"], a second [FIN] while the first waits.
    expect(sends).toEqual([]);
  });
});
