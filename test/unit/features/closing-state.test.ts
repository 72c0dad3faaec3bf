/**
 * "Already closed" comes only from a real closing: the state of an exchange read from the
 * fake mail store through the real adapter. A [FIN] draft, its Outbox or Trash copy, a
 * template, a [FIN] someone else addressed to the patient, or one dated in the future leave
 * the exchange open, and the one-click close still sends its [FIN]; a [FIN] an identity
 * sent, in a Sent folder (or below one), closes it; the Archives do not count.
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import { beforeEach, describe, expect, it } from "vitest";
import type { MessageHeader } from "../../../src/adapters/messages.js";
import { actionViewFor } from "../../../src/features/conversation/action-state.js";
import { closeConversation, type CloseDeps } from "../../../src/features/conversation/close.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { DOCTOR, quietCloseDeps, stateFromMail } from "./close-deps.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;

const P1 = patient(VALID_INS[5]);
const ASKED = Date.UTC(2025, 2, 3, 8, 15);
const NOW = Date.UTC(2025, 2, 10, 12, 0);
const HOUR = 3_600_000;

const FOLDERS = ["Inbox", "Sent", "Drafts", "Unsent Messages", "Trash", "Templates", "Junk", "Archives", "Archives/2025", "Sent/Patients", "Patients"];

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", FOLDERS);
});

function eml(fields: { from: string; to: string; subject: string; date: number; id: string }): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Date: ${new Date(fields.date).toUTCString()}`,
    `Message-ID: <${fields.id}>`,
    "",
    "Bonjour,",
    "",
  ].join("\r\n");
}

/** The patient's question, in the Inbox: the message the user looks at. */
function question(): MessageHeader {
  const id = store.add("account1", "Inbox", eml({ from: `Marie Durand <${P1}>`, to: DOCTOR, subject: "Question", date: ASKED, id: "q-1@patient.mssante.fr" }));
  return { id, headerMessageId: "q-1@patient.mssante.fr", author: `Marie Durand <${P1}>`, recipients: [DOCTOR], ccList: [], bccList: [], tags: [], size: 0, subject: "Question", date: new Date(ASKED) };
}

let n = 0;
function fin(folder: string, options: { from?: string; date?: number } = {}): void {
  n += 1;
  store.add("account1", folder, eml({ from: options.from ?? `Dr Martin <${DOCTOR}>`, to: P1, subject: "[FIN]", date: options.date ?? ASKED + HOUR, id: `fin-${n}@medecin.mssante.fr` }));
}

async function stateShown(message: MessageHeader): Promise<string> {
  const view = await actionViewFor([message], [DOCTOR], NOW);
  const title = say(view.title, "fr");
  const state = title.includes("État : ouvert.") ? "open" : title.includes("État : clos le") ? "closed" : title.includes("État : clôture en attente") ? "waiting" : "?";
  return `${view.enabled ? "enabled" : "disabled"} ${state}`;
}

describe("what does not close an exchange", () => {
  it("a [FIN] draft, its Trash, template or junk copy: still open", async () => {
    const shown = question();
    for (const folder of ["Drafts", "Trash", "Templates", "Junk"]) fin(folder);
    expect(await stateShown(shown)).toBe("enabled open");
  });

  it("a [FIN] of the user's waiting in the Outbox: not closed, but no second one offered (« clôture en attente », since when)", async () => {
    const shown = question();
    fin("Unsent Messages");
    expect(await stateShown(shown)).toBe("disabled waiting");
    const view = await actionViewFor([shown], [DOCTOR], NOW, undefined, "fr-FR");
    expect(say(view.label, "fr")).toBe("Clôture en attente");
    expect(say(view.title, "fr")).toMatch(/attend dans la boîte d'envoi depuis le 0[34]\/03\/2025 à \d\d:\d\d/);
    expect(say(view.menuTitle, "fr")).toBe("Clore l'échange — [FIN] en attente dans la boîte d'envoi");
    expect(say(view.label, "en")).toBe("Closing pending");
  });

  it("a [FIN] in the Outbox that someone else wrote: still open", async () => {
    const shown = question();
    fin("Unsent Messages", { from: "Dr Autre <autre@clinique.mssante.fr>" });
    expect(await stateShown(shown)).toBe("enabled open");
  });

  it("a [FIN] to the patient from someone else (even filed in Sent), or an incoming one dated in the future: still open", async () => {
    const shown = question();
    fin("Inbox", { from: "Inconnu <someone@exemple.fr>", date: NOW + 30 * 24 * HOUR });
    fin("Sent", { from: "Inconnu <someone@exemple.fr>" });
    fin("Sent", { from: `Marie Durand <${P1}>` });
    expect(await stateShown(shown)).toBe("enabled open");
  });

  it("a [FIN] from the user in Sent but dated in the future (beyond a few minutes): still open", async () => {
    const shown = question();
    fin("Sent", { date: NOW + 24 * HOUR });
    expect(await stateShown(shown)).toBe("enabled open");
  });

  it("a [FIN] filed in a folder that is not a Sent folder (nor under one): still open", async () => {
    const shown = question();
    fin("Patients");
    expect(await stateShown(shown)).toBe("enabled open");
  });
});

describe("what closes an exchange", () => {
  it("a [FIN] the user sent, in Sent, in a folder under Sent, or dated within the clock skew", async () => {
    for (const [folder, date] of [
      ["Sent", ASKED + HOUR],
      ["Sent/Patients", ASKED + HOUR],
      ["Sent", NOW + 60_000],
    ] as const) {
      store = new FakeMailStore(fake(), 10);
      store.addAccount("account1", "MSSanté", FOLDERS);
      const shown = question();
      fin(folder, { date, from: `DR MARTIN <${DOCTOR.toUpperCase()}>` });
      expect(`${folder} ${await stateShown(shown)}`).toBe(`${folder} disabled closed`);
    }
  });
});

describe("the one-click close with a [FIN] draft and an incoming [FIN] in the store", () => {
  function deps(sent: string[]): CloseDeps {
    return quietCloseDeps({
      ...stateFromMail,
      send: () => {
        sent.push("[FIN]");
        return Promise.resolve({ queued: false, headerMessageId: "fin-new@medecin.mssante.fr" });
      },
      now: () => NOW,
    });
  }

  it("sends exactly one [FIN]", async () => {
    const shown = question();
    fin("Drafts");
    fin("Inbox", { from: "Inconnu <someone@exemple.fr>", date: NOW + 30 * 24 * HOUR });
    const sent: string[] = [];
    expect(await closeConversation(shown, deps(sent))).toMatchObject({ outcome: "sent" });
    expect(sent).toEqual(["[FIN]"]);
  });

  it("refuses when a [FIN] was really sent, and says since when", async () => {
    const shown = question();
    fin("Sent");
    const sent: string[] = [];
    expect(await closeConversation(shown, deps(sent))).toEqual({ outcome: "already-closed", on: Math.floor((ASKED + HOUR) / 1000) * 1000 });
    expect(sent).toEqual([]);
  });

  it("sends no second [FIN] while one of the user's waits in the Outbox (Send Later, or offline before a restart)", async () => {
    const shown = question();
    fin("Unsent Messages");
    const sent: string[] = [];
    expect(await closeConversation(shown, deps(sent))).toEqual({ outcome: "duplicate", claim: { status: "queued", at: Math.floor((ASKED + HOUR) / 1000) * 1000 } });
    expect(sent).toEqual([]);
  });

  it("still sends when the [FIN] in the Outbox is someone else's", async () => {
    const shown = question();
    fin("Unsent Messages", { from: "Dr Autre <autre@clinique.mssante.fr>" });
    const sent: string[] = [];
    expect(await closeConversation(shown, deps(sent))).toMatchObject({ outcome: "sent" });
    expect(sent).toEqual(["[FIN]"]);
  });
});
