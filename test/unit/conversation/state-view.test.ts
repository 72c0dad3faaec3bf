/**
 * The exchange's state as the message header shows it: computed from the [FIN] messages
 * found in the mail (with the fewest reads), then rendered as the button's label and tooltip.
 */
import { both } from "../i18n/say.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { describe, expect, it } from "vitest";
import type { MessageHeader } from "../../../src/adapters/messages.js";
import { conversationPatient, dateText, exchangeView, groupedIns } from "../../../src/core/conversation/index.js";
import { actionViewFor } from "../../../src/features/conversation/action-state.js";
import type { ClosingCandidate } from "../../../src/features/conversation/closing-messages.js";
import { exchangeStateOf, type StateDeps } from "../../../src/features/conversation/state.js";
import { patient, VALID_INS } from "../compose/fixtures.js";

const DOCTOR = "dr.martin@medecin.mssante.fr";
const INS = VALID_INS[5];
const P1 = patient(INS);
const ASKED = Date.UTC(2025, 2, 3, 8, 15);

const question: MessageHeader = {
  id: 7,
  headerMessageId: "q-1@patient.mssante.fr",
  author: `Marie Durand <${P1}>`,
  recipients: [DOCTOR],
  ccList: [],
  bccList: [],
  tags: [],
  size: 0,
  subject: "Question",
  date: new Date(ASKED),
};

const NOW = ASKED + 7 * 86_400_000;
const CONTEXT = { ownAddresses: [DOCTOR], now: NOW };

/** A [FIN] the doctor sent (in Sent), with its per-session id; `references` are its thread headers. */
interface Fin extends ClosingCandidate {
  readonly references: readonly string[];
}

function fin(date: number, references: readonly string[] = [], to = P1): Fin {
  return { id: 1000 + (date % 1000), headerMessageId: `fin-${date}@cab`, date, subject: "[FIN]", author: DOCTOR, recipients: [to], ccList: [], bccList: [], folderUses: [["sent"]], references };
}

function deps(closings: readonly Fin[], references: readonly string[] = []): StateDeps & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    closings: (address) => {
      reads.push(`closings ${address}`);
      return Promise.resolve([...closings]);
    },
    references: (id) => {
      reads.push(`references ${id}`);
      const own = closings.find((c) => c.id === id);
      return Promise.resolve([...(own === undefined ? references : own.references)]);
    },
  };
}

function lookup(): Extract<ReturnType<typeof conversationPatient>, { ok: true }>["patient"] {
  const found = conversationPatient(question, [DOCTOR]);
  if (!found.ok) throw new Error("not a patient");
  return found.patient;
}

describe("the state of an exchange, from the mail", () => {
  it("is open without any [FIN] to the patient, and reads nothing more than the search", async () => {
    const d = deps([]);
    expect(await exchangeStateOf(question, lookup(), CONTEXT, d)).toEqual({ state: "open" });
    expect(d.reads).toEqual([`closings ${P1}`]);
  });

  it("is closed by a later [FIN] to the patient, without reading any thread header", async () => {
    const d = deps([fin(ASKED + 3_600_000)]);
    expect(await exchangeStateOf(question, lookup(), CONTEXT, d)).toMatchObject({ state: "closed", on: ASKED + 3_600_000 });
    expect(d.reads).toHaveLength(1);
  });

  it("reads the displayed message's thread only for an earlier [FIN], closed when that [FIN] is in its thread", async () => {
    const earlier = ASKED - 86_400_000;
    const open = deps([fin(earlier, ["<other@x>"])], ["<older@patient.mssante.fr>"]);
    expect(await exchangeStateOf(question, lookup(), CONTEXT, open)).toEqual({ state: "open" });
    expect(open.reads).toEqual([`closings ${P1}`, "references 7", `references ${fin(earlier).id}`]);
    const threaded = deps([fin(earlier, ["<older@patient.mssante.fr>"])], ["<older@patient.mssante.fr>"]);
    expect(await exchangeStateOf(question, lookup(), CONTEXT, threaded)).toMatchObject({ state: "closed", on: earlier });
  });

  it("ignores a [FIN] draft, someone else's [FIN] or one dated in the future, and reads no thread header for them", async () => {
    const earlier = ASKED - 86_400_000;
    const d = deps([
      { ...fin(earlier, ["<q-1@patient.mssante.fr>"]), folderUses: [["drafts"]] },
      { ...fin(earlier + 1, ["<q-1@patient.mssante.fr>"]), author: "someone@exemple.fr", folderUses: [["inbox"]] },
      fin(NOW + 86_400_000),
    ]);
    expect(await exchangeStateOf(question, lookup(), CONTEXT, d)).toEqual({ state: "open" });
    expect(d.reads).toEqual([`closings ${P1}`]);
  });

  it("ignores a [FIN] to another patient", async () => {
    expect(await exchangeStateOf(question, lookup(), CONTEXT, deps([fin(ASKED + 1, [], patient(VALID_INS[0]))]))).toEqual({ state: "open" });
  });
});

describe("what the header button shows", () => {
  it("an open exchange: enabled, 'Clore l'échange', the INS, what it decodes to and 'ouvert'", async () => {
    const view = await actionViewFor([question], [DOCTOR], ASKED, deps([]), "fr");
    expect(view.enabled).toBe(true);
    expect(both(view.label)).toEqual({ fr: "Clore l'échange", en: "Close the exchange" });
    expect(say(view.title, "fr")).toContain("Échange Mon espace santé avec Marie Durand — INS 2 55 08 14 168 025 38 (Femme, née en août 1955");
    expect(say(view.title, "fr")).toContain("État : ouvert.");
    expect(say(view.title, "en")).toContain("State: open.");
  });

  it("a closed exchange: disabled, 'Échange clos le …' and the date in the tooltip", () => {
    const on = Date.UTC(2025, 2, 3, 9, 30);
    const view = exchangeView(lookup(), { state: "closed", on, closingMessageId: "<f@x>" }, 2025, -60, "fr");
    expect(view.enabled).toBe(false);
    expect(say(view.label, "fr")).toBe("Échange clos le 03/03/2025");
    const en = exchangeView(lookup(), { state: "closed", on, closingMessageId: "<f@x>" }, 2025, -60, "en-GB");
    expect(say(en.label, "en")).toBe("Exchange closed on 03/03/2025");
    expect(say(en.title, "en")).toContain("State: closed on 03/03/2025 at 10:30 ([FIN] sent)");
    const us = exchangeView(lookup(), { state: "closed", on: Date.UTC(2025, 2, 13, 9, 30), closingMessageId: "<f@x>" }, 2025, -60, "en-US");
    expect(say(us.label, "en")).toBe("Exchange closed on 03/13/2025");
    expect(say(us.title, "en")).toContain("born in August 1955");
    expect(say(view.title, "fr")).toContain("État : clos le 03/03/2025 à 10:30 ([FIN] envoyé)");
    expect(say(view.title, "fr")).toContain("Échange déjà clos");
  });

  it("not a patient's message: disabled with the reason, label unchanged", async () => {
    const view = await actionViewFor([{ ...question, author: "cardio@ch.mssante.fr" }], [DOCTOR], ASKED, deps([]), "fr");
    expect(view.enabled).toBe(false);
    expect(say(view.label, "fr")).toBe("Clore l'échange");
    expect(say(view.title, "fr")).toContain("indisponible");
  });

  it("a state that cannot be read leaves the button usable", async () => {
    const failing: StateDeps = { closings: () => Promise.reject(new Error("query failed")), references: () => Promise.resolve([]) };
    const errors = console.error;
    console.error = () => undefined;
    try {
      expect((await actionViewFor([question], [DOCTOR], ASKED, failing, "fr")).enabled).toBe(true);
    } finally {
      console.error = errors;
    }
  });

  it("writes dates in the given time zone and groups the INS as on the card", () => {
    expect(say(dateText(Date.UTC(2025, 11, 31, 23, 30), -60, "fr").dayAndTime, "fr")).toBe("01/01/2026 à 00:30");
    expect(say(dateText(Date.UTC(2025, 11, 31, 23, 30), -60, "en-GB").dayAndTime, "en")).toBe("01/01/2026 at 00:30");
    expect(say(dateText(Date.UTC(2025, 11, 31, 23, 30), -60, "en-US").dayAndTime, "en")).toBe("01/01/2026 at 12:30 AM");
    expect(dateText(Date.UTC(2025, 6, 4, 12), 0, "en-US").day).toBe("07/04/2025");
    expect(groupedIns("253072A07300443")).toBe("2 53 07 2A 073 004 43");
  });
});
