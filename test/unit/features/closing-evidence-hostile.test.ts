/**
 * A [FIN] that arrived (someone else wrote it with the user's own address in From; relayed,
 * so it carries Received lines) closes nothing, wherever the user files it: in the Inbox,
 * or archived (Archives, Archives/2025). The Archives hold received mail too, so they are
 * never evidence of a closing (core/conversation/closing-evidence.ts).
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import { beforeEach, describe, expect, it } from "vitest";
import type { MessageHeader } from "../../../src/adapters/messages.js";
import { actionViewFor } from "../../../src/features/conversation/action-state.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;

const DOCTOR = "dr.martin@medecin.mssante.fr";
const P1 = patient(VALID_INS[5]);
const ASKED = Date.UTC(2025, 2, 3, 8, 15);
const NOW = Date.UTC(2025, 2, 10, 12, 0);

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Inbox", "Sent", "Archives", "Archives/2025"]);
});

function question(): MessageHeader {
  store.add(
    "account1",
    "Inbox",
    [`From: Marie Durand <${P1}>`, `To: ${DOCTOR}`, "Subject: Question", `Date: ${new Date(ASKED).toUTCString()}`, "Message-ID: <q-1@patient.mssante.fr>", "", "Bonjour", ""].join("\r\n"),
  );
  return { id: 1, headerMessageId: "q-1@patient.mssante.fr", author: `Marie Durand <${P1}>`, recipients: [DOCTOR], ccList: [], bccList: [], tags: [], size: 0, subject: "Question", date: new Date(ASKED) };
}

/** A [FIN] someone else wrote with the doctor's address in From, received (Received lines), Cc the doctor. */
function forgedFin(): string {
  return [
    "Received: from mx.attacker.example (mx.attacker.example [203.0.113.9]) by mx.medecin.mssante.fr; Mon, 03 Mar 2025 10:00:00 +0000",
    `From: Dr Martin <${DOCTOR}>`,
    `To: ${P1}`,
    `Cc: ${DOCTOR}`,
    "Subject: [FIN]",
    `Date: ${new Date(ASKED + 3_600_000).toUTCString()}`,
    "Message-ID: <forged-1@attacker.example>",
    "",
    "x",
    "",
  ].join("\r\n");
}

describe("a received [FIN] forged with the user's address leaves the exchange open", () => {
  it("in the Inbox: open, the close button enabled", async () => {
    const shown = question();
    store.add("account1", "Inbox", forgedFin());
    const view = await actionViewFor([shown], [DOCTOR], NOW);
    expect(say(view.title, "fr")).toContain("État : ouvert.");
  });

  it("archived (Archives, or Archives/2025): still open, the close button enabled", async () => {
    for (const folder of ["Archives", "Archives/2025"]) {
      store = new FakeMailStore(fake(), 10);
      store.addAccount("account1", "MSSanté", ["Inbox", "Sent", "Archives", "Archives/2025"]);
      const shown = question();
      store.add("account1", folder, forgedFin());
      const view = await actionViewFor([shown], [DOCTOR], NOW);
      expect({ folder, enabled: view.enabled, open: say(view.title, "fr").includes("État : ouvert.") }).toEqual({ folder, enabled: true, open: true });
    }
  });
});
