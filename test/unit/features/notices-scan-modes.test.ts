/**
 * The two modes of the folder scan. Quick (the default): a message is decided from the
 * list's author and subject first; only those candidates have their headers read (together,
 * per page), and only the candidates of the headers are read in full. Thorough: the headers
 * of every message. Both count the header reads, and both stop when cancelled.
 */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { scanFolders, type ScanProgress } from "../../../src/features/notices/scan.js";
import { MAX_FULL_READS_IN_FLIGHT } from "../../../src/features/notices/process.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/notices/${name}`, import.meta.url), "utf8");
const CLOSED = fixture("mes-closed-text-fr.eml");
const RECEIPT = fixture("mdn-displayed-patient-fr.eml");
/** A DSN without a Message-ID of its own: one is added, as a record needs it. */
const DSN_UNKNOWN = fixture("patient-unknown-dsn-en.eml").replace(/^From:/m, "Message-ID: <dsn-unknown-1@relay.hopital-exemple.fr>\nFrom:");
const ORDINARY = fixture("ordinary-fr.eml");

/** Ordinary mail from a colleague (the fixture), with its own Message-ID. */
const ordinary = (n: number): string => ORDINARY.replace(/^Message-ID:.*$/im, `Message-ID: <ordinary-${n}@cabinet.example>`);

/** Ordinary mail from a patient: a candidate for its author, not for its headers. */
const fromPatient = (n: number): string =>
  [
    "From: Marie Durand <255081416802538@PATIENT.MSSANTE.FR>",
    "To: dr.martin@medecin.mssante.fr",
    "Subject: Question sur mon traitement",
    "Date: Thu, 4 Apr 2024 17:45:10 +0200",
    `Message-ID: <patient-${n}@patient.mssante.fr>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Bonjour docteur, puis-je prendre le traitement le soir ?",
    "",
  ].join("\r\n");

/** Ordinary mail whose subject looks like a receipt's: a candidate all the way, read in full, not a notice. */
const lookalike = (n: number): string =>
  ORDINARY.replace(/^Message-ID:.*$/im, `Message-ID: <lookalike-${n}@cabinet.example>`).replace(/^Subject:.*$/im, "Subject: Lu : votre courrier du 3 avril");

const fake = useFakeThunderbird();
let store: FakeMailStore;

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "Cabinet", ["Inbox"]);
});

type ById = (id: number, ...rest: unknown[]) => Promise<unknown>;

/** Records the ids a `messages` function is called with, and how many calls are in flight at most. */
function watch(name: "getHeaders" | "getRaw"): { ids: number[]; most: () => number } {
  const original = (messenger.messages as unknown as Record<string, ById>)[name];
  if (original === undefined) throw new Error(`no fake messages.${name}`);
  const ids: number[] = [];
  let inFlight = 0;
  let most = 0;
  const wrapped: ById = async (id, ...rest) => {
    ids.push(id);
    most = Math.max(most, ++inFlight);
    try {
      return await original(id, ...rest);
    } finally {
      inFlight--;
    }
  };
  fake().override("messages", name as keyof typeof messenger.messages, wrapped as never);
  return { ids, most: () => most };
}

/** A folder of 30 messages: 22 ordinary, 4 from patients, 1 look-alike, 3 notices (ids noted). */
function fillFolder(): { ordinary: number[]; patients: number[]; lookalike: number; notices: number[] } {
  const ids = { ordinary: [] as number[], patients: [] as number[], lookalike: 0, notices: [] as number[] };
  for (let i = 0; i < 30; i++) {
    if (i === 4) ids.notices.push(store.add("account1", "Inbox", CLOSED));
    else if (i === 13) ids.notices.push(store.add("account1", "Inbox", RECEIPT));
    else if (i === 27) ids.notices.push(store.add("account1", "Inbox", DSN_UNKNOWN));
    else if (i === 18) ids.lookalike = store.add("account1", "Inbox", lookalike(i));
    else if (i % 7 === 1) ids.patients.push(store.add("account1", "Inbox", fromPatient(i)));
    else ids.ordinary.push(store.add("account1", "Inbox", ordinary(i)));
  }
  return ids;
}

describe("the quick scan (default)", () => {
  it("reads the headers of the list's candidates only, and in full only the candidates of the headers", async () => {
    const ids = fillFolder();
    const headers = watch("getHeaders");
    const raw = watch("getRaw");
    const seen: ScanProgress[] = [];

    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") }, { onProgress: (p) => seen.push(p) });

    const summaryCandidates = [...ids.notices, ...ids.patients, ids.lookalike].sort((a, b) => a - b);
    expect(headers.ids.sort((a, b) => a - b)).toEqual(summaryCandidates);
    expect(raw.ids.sort((a, b) => a - b)).toEqual([...ids.notices, ids.lookalike].sort((a, b) => a - b));
    expect(result).toMatchObject({
      cancelled: false,
      thorough: false,
      messages: 30,
      headerReads: summaryCandidates.length,
      fullReads: 4,
      notices: 3,
      errors: 0,
    });
    expect(seen.at(-1)?.headerReads).toBe(summaryCandidates.length);
    expect(store.calls.continueList).toBe(2);
  });

  it("asks for the headers of a page's candidates together", async () => {
    for (let i = 0; i < 10; i++) store.add("account1", "Inbox", i % 3 === 0 ? ordinary(i) : fromPatient(i));
    const headers = watch("getHeaders");

    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });

    expect(result).toMatchObject({ messages: 10, headerReads: 6, fullReads: 0, notices: 0 });
    expect(headers.most()).toBe(6);
  });

  it("reads nothing of ordinary mail from colleagues", async () => {
    for (let i = 0; i < 25; i++) store.add("account1", "Inbox", ordinary(i));

    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });

    expect(result).toMatchObject({ messages: 25, headerReads: 0, fullReads: 0, notices: 0 });
    expect([store.calls.getHeaders, store.calls.getRaw]).toEqual([0, 0]);
  });

  it("stops between messages when cancelled", async () => {
    for (let i = 0; i < 35; i++) store.add("account1", "Inbox", i === 11 ? CLOSED : ordinary(i));
    const controller = new AbortController();
    const result = await scanFolders(
      { kind: "folder", folder: store.folder("account1", "Inbox") },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.messages === 12) controller.abort();
        },
      },
    );
    // The notice whose read had begun when the scan was cancelled is finished and counted
    // (after the ordinary message that followed it); nothing after that is looked at.
    expect(result).toMatchObject({ cancelled: true, messages: 13, headerReads: 1, fullReads: 1, notices: 1 });
    expect(store.calls.continueList).toBe(2);
  });

  it("on Thunderbird 140 (no getHeaders) counts no header read", async () => {
    store.withoutGetHeaders();
    fillFolder();
    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });
    // The bounces and the look-alike are told by their sender or subject; the receipt's
    // subject ("Accusé de lecture") tells it too.
    expect(result).toMatchObject({ messages: 30, headerReads: 0, fullReads: 4, notices: 3 });
    expect(store.calls.getHeaders).toBe(0);
  });
});

describe("the thorough scan", () => {
  it("reads the headers of every message, and in full the same candidates", async () => {
    const ids = fillFolder();
    const headers = watch("getHeaders");
    const raw = watch("getRaw");

    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") }, { thorough: true });

    expect(headers.ids).toHaveLength(30);
    expect(new Set(headers.ids).size).toBe(30);
    expect(raw.ids.sort((a, b) => a - b)).toEqual([...ids.notices, ids.lookalike].sort((a, b) => a - b));
    expect(result).toMatchObject({ cancelled: false, thorough: true, messages: 30, headerReads: 30, fullReads: 4, notices: 3 });
  });

  it("stops when cancelled", async () => {
    for (let i = 0; i < 35; i++) store.add("account1", "Inbox", ordinary(i));
    const controller = new AbortController();
    const result = await scanFolders(
      { kind: "all" },
      {
        thorough: true,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.messages === 15) controller.abort();
        },
      },
    );
    expect(result).toMatchObject({ cancelled: true, thorough: true });
    // Messages already being read when the scan was cancelled are finished (a few at most); no other is started.
    expect(result.messages).toBeGreaterThanOrEqual(15);
    expect(result.messages).toBeLessThan(15 + MAX_FULL_READS_IN_FLIGHT);
    // The second page's headers were asked for together; no third page's.
    expect(result.headerReads).toBe(20);
    expect(store.calls.getHeaders).toBe(20);
  });
});
