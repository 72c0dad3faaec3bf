/**
 * The exchanges view on a large profile, in a real headless Thunderbird: 10,000 messages in
 * Local Folders — received mail (colleagues, and patients writing to the doctor) and sent mail
 * (to colleagues, to patients, some exchanges closed by a [FIN]). The view is opened in a tab
 * again and again; each time, the time from the tab's navigation start to the first lines
 * drawn (the page's `exchanges-first-drawn` User Timing mark, after the first page of
 * messages read) and to all the lines drawn (`exchanges-drawn`), and the lines shown. Beside it, bare passes
 * over every message from the same page, for comparison: `messages.query` in pages of 1,000
 * (how the view reads) and `messages.list` folder by folder in Thunderbird's pages of 100.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { indexLocalFolder, markLocalFolderAsSent, MSSANTE_IDENTITY, pageEval, pageQueryAll, pageWaitForSelector, startHarness, type PageTarget } from "../harness/index.js";
import { median } from "./statistics.js";
import { DOCTOR } from "./synthetic-mail.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
const INBOX = "Bench-inbox";
const SENT = "Bench-sent";
const PAGE = "/pages/exchanges/exchanges.html";

export interface ExchangesOptions {
  /** Messages in the profile (default 10,000). */
  readonly total?: number;
  /** Patients the doctor exchanges with (default 400). */
  readonly patients?: number;
  /** Openings of the view timed (default 5; one more first, not counted). */
  readonly runs?: number;
  readonly addonDir?: string;
  readonly progress?: (note: string) => void;
}

export interface ExchangesFigures {
  readonly messages: number;
  readonly patientMessages: number;
  /** Exchanges the profile holds (patients written to or by). */
  readonly patients: number;
  /** Lines the view drew (last run), and its counts text. */
  readonly lines: number;
  readonly counts: string;
  /** Open to the first lines drawn, while the rest is read (ms). */
  readonly firstLines: { readonly median: number; readonly runs: readonly number[] };
  /** Open to all lines drawn (ms). */
  readonly open: { readonly median: number; readonly runs: readonly number[] };
  /** A bare pass of `messages.query` over every message, from the view's page (ms). */
  readonly bareQuery: { readonly median: number; readonly runs: readonly number[] };
  /** A bare pass of `messages.list` over every folder, from the view's page (ms). */
  readonly bareList: { readonly median: number; readonly runs: readonly number[] };
}

/** A key-valid matricule INS for patient `n` (woman, born in Paris, n < 1000 gives distinct ones). */
export function benchIns(n: number): string {
  const body = `2${String(40 + (n % 50)).padStart(2, "0")}${String(1 + (n % 12)).padStart(2, "0")}75${String(100 + (n % 900)).padStart(3, "0")}${String(n % 1000).padStart(3, "0")}`;
  return body + String(97n - (BigInt(body) % 97n)).padStart(2, "0");
}

function date(n: number, total: number): string {
  // Spread over the last 400 days, oldest first.
  return new Date(Date.now() - (total - n) * ((400 * 86_400_000) / total)).toUTCString().replace("GMT", "+0000");
}

function mail(head: readonly string[]): string {
  return [...head, "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "", "Bonjour,", "", "Cordialement.", ""].join("\r\n");
}

/**
 * The profile's mail: of every 20 messages, 12 received from colleagues, 4 from patients,
 * 3 sent to colleagues, 1 sent to a patient (one in five of those a [FIN]).
 */
export function exchangesMail(total: number, patients: number): { received: string[]; sent: string[]; patientMessages: number } {
  const received: string[] = [];
  const sent: string[] = [];
  let patientMessages = 0;
  for (let n = 0; n < total; n++) {
    const slot = n % 20;
    // Each patient message goes to the next patient in turn: every patient has a few.
    const p = benchIns(patientMessages % patients);
    const when = date(n, total);
    const id = `bench-${n}@example.fr`;
    if (slot < 12) {
      received.push(mail([`From: Service ${n % 37} <service${n % 37}@ch-exemple.mssante.fr>`, `To: ${DOCTOR}`, `Subject: Compte rendu ${n}`, `Date: ${when}`, `Message-ID: <${id}>`]));
    } else if (slot < 16) {
      patientMessages++;
      received.push(mail([`From: Patient ${n % patients} <${p}@patient.mssante.fr>`, `To: ${DOCTOR}`, `Subject: Question ${n}`, `Date: ${when}`, `Message-ID: <${id}>`]));
    } else if (slot < 19) {
      sent.push(mail([`From: ${DOCTOR}`, `To: confrere${n % 11}@cabinet.mssante.fr`, `Subject: Avis ${n}`, `Date: ${when}`, `Message-ID: <${id}>`]));
    } else {
      patientMessages++;
      const closing = n % 100 === 99;
      sent.push(mail([`From: ${DOCTOR}`, `To: <${p}@patient.mssante.fr>`, `Subject: ${closing ? "[FIN]" : `Re: Question ${n}`}`, `Date: ${when}`, `Message-ID: <${id}>`]));
    }
  }
  return { received, sent, patientMessages };
}

const OPEN = String.raw`async (page) => (await messenger.tabs.create({ url: page })).id`;
const CLOSE = String.raw`async (tabId) => { await messenger.tabs.remove(tabId); return true; }`;
const DRAWN = String.raw`() => performance.getEntriesByName("exchanges-drawn")[0]?.startTime ?? null`;
const FIRST_DRAWN = String.raw`() => performance.getEntriesByName("exchanges-first-drawn")[0]?.startTime ?? null`;
const BARE_LIST = String.raw`async () => {
  const start = performance.now();
  let count = 0;
  const walk = async (folders) => {
    for (const folder of folders ?? []) {
      if (!folder.isVirtual) {
        let page = await messenger.messages.list(folder.id);
        count += page.messages.length;
        while (page.id) {
          page = await messenger.messages.continueList(page.id);
          count += page.messages.length;
        }
      }
      await walk(folder.subFolders);
    }
  };
  for (const account of await messenger.accounts.list(true)) await walk(account.rootFolder?.subFolders ?? account.folders);
  return { ms: performance.now() - start, count };
}`;
const BARE_QUERY = String.raw`async () => {
  const start = performance.now();
  let page = await messenger.messages.query({ messagesPerPage: 1000 });
  let count = page.messages.length;
  while (page.id) {
    page = await messenger.messages.continueList(page.id);
    count += page.messages.length;
  }
  return { ms: performance.now() - start, count };
}`;

export async function exchangesFigures(options: ExchangesOptions = {}): Promise<ExchangesFigures> {
  const total = options.total ?? 10_000;
  const patients = Math.min(options.patients ?? 400, 1000);
  const runs = options.runs ?? 5;
  const note = options.progress ?? (() => {});
  const mailbox = exchangesMail(total, patients);
  note(`starting Thunderbird with ${total} messages (${mailbox.patientMessages} to or from patients)`);
  const harness = await startHarness({
    extensions: [options.addonDir ?? resolve("dist/addon")],
    identities: [MSSANTE_IDENTITY],
    localFolders: { [INBOX]: mailbox.received, [SENT]: mailbox.sent },
    prefs: { "intl.locale.requested": "fr" },
  });
  try {
    const { ui, bidi } = harness;
    const main = await ui.mainWindow();
    await indexLocalFolder(bidi, main, INBOX, mailbox.received.length, 600_000);
    await indexLocalFolder(bidi, main, SENT, mailbox.sent.length, 600_000);
    await markLocalFolderAsSent(bidi, main, SENT);
    const openTimes: number[] = [];
    const firstTimes: number[] = [];
    const queryTimes: number[] = [];
    const listTimes: number[] = [];
    let lines = 0;
    let counts = "";
    for (let i = 0; i <= runs; i++) {
      const tabId = z.number().parse(await ui.backgroundEval(ADDON_ID, OPEN, [PAGE]));
      const view: PageTarget = await ui.tabPage("exchanges.html");
      await pageWaitForSelector(bidi, view, "body[data-state='ready']", { state: "attached", timeoutMs: 300_000 });
      const drawn = z.number().parse(await pageEval(bidi, view, DRAWN));
      const first = z.number().parse(await pageEval(bidi, view, FIRST_DRAWN));
      lines = (await pageQueryAll(bidi, view, "#rows tr")).length;
      counts = z.string().parse(await pageEval(bidi, view, `() => document.getElementById("counts").textContent`));
      const bare = z.object({ ms: z.number(), count: z.number() }).parse(await pageEval(bidi, view, BARE_QUERY, [], { timeoutMs: 300_000 }));
      if (bare.count < total) throw new Error(`messages.query saw ${bare.count} messages, not ${total}`);
      const listed = z.object({ ms: z.number(), count: z.number() }).parse(await pageEval(bidi, view, BARE_LIST, [], { timeoutMs: 300_000 }));
      if (listed.count < total) throw new Error(`messages.list saw ${listed.count} messages, not ${total}`);
      // The first opening reads the folders' summaries from disk: not counted.
      if (i > 0) {
        openTimes.push(drawn);
        firstTimes.push(first);
        queryTimes.push(bare.ms);
        listTimes.push(listed.ms);
      }
      note(`${i === 0 ? "warm-up" : `run ${i}`}: first lines drawn ${first.toFixed(0)} ms, all lines ${drawn.toFixed(0)} ms after opening, ${lines} lines; bare query ${bare.ms.toFixed(0)} ms, bare list ${listed.ms.toFixed(0)} ms`);
      await ui.backgroundEval(ADDON_ID, CLOSE, [tabId]);
    }
    return {
      messages: total,
      patientMessages: mailbox.patientMessages,
      patients: Math.min(patients, mailbox.patientMessages),
      lines,
      counts,
      firstLines: { median: median(firstTimes), runs: firstTimes },
      open: { median: median(openTimes), runs: openTimes },
      bareQuery: { median: median(queryTimes), runs: queryTimes },
      bareList: { median: median(listTimes), runs: listTimes },
    };
  } finally {
    await harness.stop();
  }
}

/** The figures as the benchmark prints them: label, value, aim or details. */
export function exchangesLines(f: ExchangesFigures): [string, string, string][] {
  const ms = (values: readonly number[]): string => `(${values.map((t) => t.toFixed(0)).join(", ")} ms)`;
  return [
    [`exchanges view, ${f.messages.toLocaleString("en")} messages: open → first lines drawn`, `${f.firstLines.median.toFixed(0)} ms`, `median ${ms(f.firstLines.runs)}`],
    [`exchanges view, ${f.messages.toLocaleString("en")} messages: open → all lines drawn`, `${f.open.median.toFixed(0)} ms`, `median ${ms(f.open.runs)}`],
    ["exchanges view: lines drawn", f.lines.toLocaleString("en"), `(${f.patients} patients, ${f.patientMessages.toLocaleString("en")} patient messages)`],
    ["exchanges view: bare messages.list of every folder", `${f.bareList.median.toFixed(0)} ms`, `median ${ms(f.bareList.runs)}`],
    ["exchanges view: bare messages.query of every message", `${f.bareQuery.median.toFixed(0)} ms`, `median ${ms(f.bareQuery.runs)}`],
  ];
}
