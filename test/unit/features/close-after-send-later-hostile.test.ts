/**
 * "Close after sending" on two messages sent later to the same patient (A queued at 10:00,
 * B at 10:05). The Outbox sends A; its [FIN] goes at 11:00:00; B leaves the Outbox after it
 * (11:00:30): the patient could reply to B. B's waiting close sends a [FIN] after B, even
 * though B's Date header (when it was queued) is older than A's [FIN]; and one waiting
 * close sends one [FIN] only, however many looks run at once.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { pendingCloses, rememberPendingClose } from "../../../src/features/conversation/pending-closes.js";
import { settlePendingCloses } from "../../../src/features/conversation/pending-close.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { DOCTOR, pendingFromStorage, quietCloseDeps, stateFromMail } from "./close-deps.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;

const P1 = patient(VALID_INS[5]);
const at = (hh: number, mm: number, ss = 0): number => Date.UTC(2025, 2, 3, hh, mm, ss);

const eml = (id: string, subject: string, date: number, extra: string[] = []): string =>
  [`From: Dr Martin <${DOCTOR}>`, `To: ${P1}`, `Subject: ${subject}`, `Date: ${new Date(date).toUTCString()}`, `Message-ID: <${id}>`, ...extra, "", "Bonjour,", ""].join("\r\n");

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Inbox", "Unsent Messages", "Sent", "Trash"]);
});

describe("two messages sent later to one patient, each with close after sending", () => {
  it("B leaves the Outbox after A's [FIN]: a second [FIN] follows B, not 'already closed'", async () => {
    const sends: string[] = [];
    let clock = at(11, 0, 0);
    const deps = quietCloseDeps({
      ...stateFromMail,
      send: () => {
        const id = `fin-${sends.length + 1}@medecin.mssante.fr`;
        sends.push(id);
        store.add("account1", "Sent", eml(id, "[FIN]", clock));
        return Promise.resolve({ queued: false, headerMessageId: id });
      },
      now: () => clock,
    });

    await rememberPendingClose({ headerMessageId: "a@medecin.mssante.fr", patientAddress: P1 });
    await rememberPendingClose({ headerMessageId: "b@medecin.mssante.fr", patientAddress: P1 });
    // A has been sent (filed in Sent); B still waits in the Outbox.
    store.add("account1", "Sent", eml("a@medecin.mssante.fr", "Résultats", at(10, 0)));
    store.add("account1", "Unsent Messages", eml("b@medecin.mssante.fr", "Ordonnance", at(10, 5)));
    const first = await settlePendingCloses(pendingFromStorage, deps);
    expect(first.map((o) => o.outcome).sort()).toEqual(["closed", "waiting"]);
    expect(sends).toHaveLength(1);

    // B leaves the Outbox after the [FIN] (its Date header stays 10:05, the time it was queued).
    clock = at(11, 0, 30);
    store.add("account1", "Sent", eml("b@medecin.mssante.fr", "Ordonnance", at(10, 5)));
    // Two looks at once (two folders emptied together): B's [FIN] goes once.
    const [second, third] = await Promise.all([settlePendingCloses(pendingFromStorage, deps), settlePendingCloses(pendingFromStorage, deps)]);
    expect(second).toEqual([{ headerMessageId: "b@medecin.mssante.fr", outcome: "closed", close: expect.objectContaining({ outcome: "sent" }) as unknown }]);
    expect(third).toEqual([]);
    expect(sends).toHaveLength(2);
    expect(await pendingCloses()).toEqual([]);
    expect(await settlePendingCloses(pendingFromStorage, deps)).toEqual([]);
    expect(sends).toHaveLength(2);
  });
});
