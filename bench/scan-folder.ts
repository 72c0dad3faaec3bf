/**
 * Scanning a large folder for notices in a real headless Thunderbird: a Local Folders folder
 * of 10,000 generated messages (2% bounces, delays and read receipts written as real mail
 * systems write them, the rest ordinary mail, some with small attachments). Times, in the
 * add-on's own contexts:
 *  - a bare pass of `messages.list` / `continueList` over the folder (background page, where
 *    the scan runs, and the notices panel);
 *  - the real scan of the folder, started from the panel's "scan" button as a user does,
 *    until the status the background page publishes in `storage.session` says it ended, in
 *    both modes: quick (the default: author and subject first) and thorough (the headers of
 *    every message, the panel's checkbox).
 * Header and full reads are counted by wrapping `messages.getHeaders`, `getRaw` and `getFull`
 * in the background page, where the scan calls them, and compared with the feature's own
 * counts (the published status) and with the notices in the folder. A scan in which the
 * wrapper saw no header read or no notice read in full stops the benchmark: the counters
 * would no longer be counting the scan.
 */
import { median } from "./statistics.js";
import { base64Lines, DOCTOR, mailDate, patientAddress, sentHead as sharedSentHead } from "./synthetic-mail.js";
import { resolve } from "node:path";
import { z } from "zod";
import { mayBeNoticeFromSummary } from "../src/core/notices/index.js";
import type { BidiClient } from "../harness/bidi.js";
import { indexLocalFolder, MSSANTE_IDENTITY, pageEval, pageWaitForSelector, startHarness, type PageTarget } from "../harness/index.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
const FOLDER = "Bench-scan";
const SENT_FOLDER = "Sent";

export interface ScanFolderOptions {
  /** Messages in the folder (default 10,000). */
  readonly total?: number;
  /** One message in `noticeEvery` is a notice (default 50: 2%). */
  readonly noticeEvery?: number;
  /**
   * Of the ordinary mail, the share written by patients (`…@patient.mssante.fr`), the rest
   * by colleagues (default 2/3). A patient's mail is a candidate of the quick scan: its
   * headers are read, as a patient's mailbox sends read receipts.
   */
  readonly patientShare?: number;
  /** Runs of each measurement (default 3). */
  readonly runs?: number;
  /** The scan modes to time (default both). */
  readonly modes?: readonly ScanMode[];
  readonly addonDir?: string;
  readonly progress?: (note: string) => void;
}

export interface Timing {
  readonly median: number;
  readonly runs: readonly number[];
}

export type ScanMode = "quick" | "thorough";

export interface ModeFigures {
  /** The scan of the folder in that mode, click in the panel to the published end (ms). */
  readonly scan: Timing;
  /** Median scan / median bare pass in the background page. */
  readonly ratio: number;
  /** Median scan / median bare pass in the panel. */
  readonly ratioPanel: number;
  /** Per run: what the scan said, and what the wrapped API saw. */
  readonly runs: readonly ScanRun[];
}

export interface ScanFolderFigures {
  readonly messages: number;
  /** Notices written into the folder (bounces, delays, receipts). */
  readonly notices: number;
  readonly noticeKinds: Readonly<Record<string, number>>;
  /** Ordinary messages written by patients. */
  readonly ordinaryFromPatients: number;
  /** Messages the summary filter lets through (computed here on the generated From and Subject). */
  readonly summaryCandidates: number;
  /** Bare `list`/`continueList` pass, in the background page (ms). */
  readonly bareListBackground: Timing;
  /** Bare `list`/`continueList` pass, in the notices panel (ms). */
  readonly bareListPanel: Timing;
  readonly quick: ModeFigures;
  readonly thorough: ModeFigures;
}

export interface ScanRun {
  readonly ms: number;
  /** Messages the scan looked at (published status). */
  readonly examined: number | null;
  /** The feature's count of header reads (published status). */
  readonly featureHeaderReads: number | null;
  /** The feature's count of full reads (published status). */
  readonly featureFullReads: number | null;
  readonly noticesFound: number | null;
  /** `getRaw` + `getFull` calls seen by the wrapper. */
  readonly fullReadCalls: number;
  /** Of those, calls on messages that are not notices. */
  readonly fullReadsOfOrdinary: number;
  /** Distinct messages read in full. */
  readonly distinctFullReads: number;
  /** Distinct notices of the folder read in full. */
  readonly noticesReadInFull: number;
  /** `getHeaders` calls (the per-message pre-filter). */
  readonly headerCalls: number;
  /** Calls the scan made, by API function: how many, and the time spent waiting on them (summed, ms). */
  readonly api: Readonly<Record<string, { readonly calls: number; readonly ms: number }>>;
  readonly status: string;
}

// --- the folder ---------------------------------------------------------------------------

const FIRST_NAMES = ["Marie", "Jean", "Sophie", "Luc", "Camille", "Nicolas", "Julie", "Thomas", "Claire", "Antoine", "Léa", "Hugo"];
const LAST_NAMES = ["Durand", "Bernard", "Petit", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Garnier", "Roux", "Fontaine", "Chevalier"];
const SUBJECTS = [
  "Question sur mon traitement",
  "Résultats de prise de sang",
  "Demande de rendez-vous",
  "Renouvellement d'ordonnance",
  "Compte rendu de consultation",
  "Courrier pour le cardiologue",
  "Arrêt de travail",
  "Certificat pour le sport",
  "Réunion de service jeudi",
  "Planning des gardes",
  "Vaccination de mon fils",
  "Suite à notre échange",
];
const BODIES = [
  "Bonjour docteur,\n\nJe voulais savoir si je peux prendre le traitement le soir plutôt que le matin.\n\nMerci d'avance.",
  "Bonjour,\n\nVous trouverez ci-joint les résultats demandés.\n\nBien cordialement.",
  "Bonjour,\n\nSerait-il possible d'avancer mon rendez-vous de la semaine prochaine ?\n\nBonne journée.",
  "Chère consœur,\n\nJe vous adresse ce patient pour avis. Antécédents : HTA traitée, pas d'allergie connue.\n\nConfraternellement.",
  "Bonjour à tous,\n\nLa réunion est déplacée à 14 h en salle 2.\n\nÀ jeudi.",
];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

/**
 * Message n's date: 37 minutes apart, starting 270 days before today (08:00 UTC), so that the
 * 10,000 messages fall within the add-on's default retention (12 months) and every notice
 * found is stored, as it would be in a real mailbox.
 */
function date(n: number): string {
  return mailDate(n);
}

/** A few hundred bytes of a "PDF", base64, wrapped at 76. */
function attachment(n: number): string {
  return base64Lines(Buffer.alloc(600 + (n % 7) * 200, `%PDF-1.4 compte rendu ${n} `));
}

/** Whether ordinary message `n` is written by a patient: spread evenly, `share` of them. */
function writtenByPatient(n: number, share: number): boolean {
  // A little over, so that 3 × (2/3) counts as 2 despite rounding.
  return Math.floor((n + 1) * share + 1e-9) > Math.floor(n * share + 1e-9);
}

function ordinaryMessage(n: number, patientShare: number): string {
  const first = pick(FIRST_NAMES, n);
  const last = pick(LAST_NAMES, Math.floor(n / 3));
  const fromPatient = writtenByPatient(n, patientShare);
  const from = fromPatient ? `${first} ${last} <${String(1_000_000_000_000 + n * 7919).slice(0, 13)}@patient.mssante.fr>` : `Dr ${first} ${last} <${first.toLowerCase()}.${n}@confrere.mssante.fr>`;
  const head = [
    `From: ${from}`,
    `To: ${DOCTOR}`,
    `Subject: ${pick(SUBJECTS, n * 5 + 1)}`,
    `Date: ${date(n)}`,
    `Message-ID: <ordinary-${n}@bench.example>`,
    "MIME-Version: 1.0",
  ];
  const body = pick(BODIES, n);
  if (n % 8 !== 0) return [...head, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit", "", body, ""].join("\r\n");
  const boundary = `b-${n}`;
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    body,
    `--${boundary}`,
    `Content-Type: application/pdf; name="document-${n}.pdf"`,
    `Content-Disposition: attachment; filename="document-${n}.pdf"`,
    "Content-Transfer-Encoding: base64",
    "",
    attachment(n),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

type NoticeKind = "bounce-closed" | "bounce-unknown" | "delay" | "receipt";
const NOTICE_KINDS: readonly NoticeKind[] = ["bounce-closed", "receipt", "delay", "bounce-unknown"];

function sentHead(n: number): string[] {
  return sharedSentHead(n, `Compte rendu ${n}`, "sent", date(n - 1));
}

/** Who writes a delivery notice, and its subject, as real mail systems do (Postfix, Exim, Exchange, Gmail, a French operator). */
interface NoticeSender {
  readonly from: string;
  readonly failed: (n: number) => string;
  readonly delayed: (n: number) => string;
  readonly mta: string;
}

const NOTICE_SENDERS: readonly NoticeSender[] = [
  {
    from: "MAILER-DAEMON@mx1.mssante.fr (Mail Delivery System)",
    failed: () => "Undelivered Mail Returned to Sender",
    delayed: () => "Delayed Mail (still being retried)",
    mta: "mx1.mssante.fr",
  },
  {
    from: "Mail Delivery System <Mailer-Daemon@relais.chu-exemple.fr>",
    failed: () => "Mail delivery failed: returning message to sender",
    delayed: () => "Warning: message 1rmW4x-0003Xb-2K delayed 24 hours",
    mta: "relais.chu-exemple.fr",
  },
  {
    from: "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@clinique-exemple.fr>",
    failed: (n) => `Non remis : Compte rendu ${n}`,
    delayed: (n) => `Remise retardée : Compte rendu ${n}`,
    mta: "PR3P192MB0001.EURP192.PROD.OUTLOOK.COM",
  },
  {
    from: "postmaster@hopital-exemple.mssante.fr",
    failed: (n) => `Échec de la remise du message : Compte rendu ${n}`,
    delayed: (n) => `Avis de retard de remise : Compte rendu ${n}`,
    mta: "smtp.hopital-exemple.mssante.fr",
  },
  {
    from: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
    failed: () => "Delivery Status Notification (Failure)",
    delayed: () => "Delivery Status Notification (Delay)",
    mta: "mx.google.com",
  },
];

function dsn(n: number, kind: Exclude<NoticeKind, "receipt">): string {
  const boundary = `dsn-${n}`;
  const rcpt = patientAddress(n);
  const sender = pick(NOTICE_SENDERS, Math.floor(n / 7));
  const text =
    kind === "bounce-closed"
      ? `Votre message n'a pas pu être remis à ${rcpt}.\r\nLa messagerie Mon espace santé de ce patient est clôturée : le message ne lui parviendra pas.`
      : kind === "delay"
        ? `Votre message pour ${rcpt} n'a pas encore pu être remis.\r\nNouvelles tentatives pendant 5 jours.`
        : `Votre message n'a pas pu être remis : l'adresse ${rcpt} est inconnue.`;
  const action = kind === "delay" ? "delayed" : "failed";
  const status = kind === "delay" ? "4.4.1" : kind === "bounce-closed" ? "5.2.1" : "5.1.1";
  const diagnostic =
    kind === "bounce-closed"
      ? "smtp; 550 5.2.1 Boite aux lettres Mon espace sante cloturee / mailbox closed"
      : kind === "delay"
        ? "smtp; 421 4.4.1 Connection timed out, will retry"
        : "smtp; 550 5.1.1 Adresse inconnue / user unknown";
  return [
    `From: ${sender.from}`,
    `To: ${DOCTOR}`,
    `Subject: ${kind === "delay" ? sender.delayed(n) : sender.failed(n)}`,
    `Date: ${date(n)}`,
    `Message-ID: <notice-${n}@${sender.mta.toLowerCase()}>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    text,
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    `Reporting-MTA: dns; ${sender.mta}`,
    `Arrival-Date: ${date(n - 1)}`,
    "",
    `Final-Recipient: rfc822; ${rcpt}`,
    `Original-Recipient: rfc822; ${rcpt}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: ${diagnostic}`,
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    ...sentHead(n),
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/** Read receipts from the patient's mailbox, as Thunderbird, Outlook and webmails title them. */
const RECEIPT_SUBJECTS: readonly ((n: number) => string)[] = [
  (n) => `Lu : Compte rendu ${n}`,
  (n) => `Read: Compte rendu ${n}`,
  (n) => `Accusé de lecture : Compte rendu ${n}`,
  (n) => `Return Receipt (displayed) - Compte rendu ${n}`,
];

function receipt(n: number): string {
  const boundary = `mdn-${n}`;
  const rcpt = patientAddress(n);
  return [
    `From: ${pick(FIRST_NAMES, n)} ${pick(LAST_NAMES, n)} <${rcpt}>`,
    `To: ${DOCTOR}`,
    `Subject: ${pick(RECEIPT_SUBJECTS, Math.floor(n / 7))(n)}`,
    `Date: ${date(n)}`,
    `Message-ID: <notice-${n}@patient.mssante.fr>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=disposition-notification; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    `Le message « Compte rendu ${n} » envoyé à ${rcpt} a été affiché.`,
    "",
    `--${boundary}`,
    "Content-Type: message/disposition-notification",
    "",
    "Reporting-UA: messagerie Mon espace santé",
    `Final-Recipient: rfc822; ${rcpt}`,
    `Original-Message-ID: <sent-${n}@medecin.mssante.fr>`,
    "Disposition: manual-action/MDN-sent-manually; displayed",
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    ...sentHead(n),
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

export interface BenchFolder {
  readonly messages: string[];
  /** The messages the read receipts answer, as they sit in the Sent folder. */
  readonly sent: string[];
  readonly kinds: Record<string, number>;
  readonly ordinaryFromPatients: number;
  /** Messages whose From and Subject the summary filter lets through. */
  readonly summaryCandidates: number;
}

function headerValue(raw: string, name: string): string {
  const end = raw.indexOf("\r\n\r\n");
  const line = raw
    .slice(0, end < 0 ? raw.length : end)
    .split("\r\n")
    .find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line === undefined ? "" : line.slice(name.length + 1).trim();
}

/** The folder's messages, and how many notices of each kind it holds. */
export function scanFolderMessages(total: number, noticeEvery: number, patientShare = 2 / 3): BenchFolder {
  const messages: string[] = [];
  const sent: string[] = [];
  const kinds: Record<string, number> = {};
  let ordinaryFromPatients = 0;
  let summaryCandidates = 0;
  for (let n = 0; n < total; n++) {
    let raw: string;
    if (n % noticeEvery === noticeEvery - 1) {
      const kind = pick(NOTICE_KINDS, Math.floor(n / noticeEvery));
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      raw = kind === "receipt" ? receipt(n) : dsn(n, kind);
      if (kind === "receipt") sent.push([...sentHead(n), "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "", `Compte rendu ${n}.`, ""].join("\r\n"));
    } else {
      raw = ordinaryMessage(n, patientShare);
      if (writtenByPatient(n, patientShare)) ordinaryFromPatients++;
    }
    if (mayBeNoticeFromSummary({ author: headerValue(raw, "from"), subject: headerValue(raw, "subject") })) summaryCandidates++;
    messages.push(raw);
  }
  return { messages, sent, kinds, ordinaryFromPatients, summaryCandidates };
}

// --- in Thunderbird -----------------------------------------------------------------------

/** How Thunderbird marks a Local Folders folder (`["sent"]` for the Sent folder), asked from the background page. */
async function folderSpecialUse(
  ui: { backgroundEval(addonId: string, fn: string, args?: readonly unknown[]): Promise<unknown> },
  accountId: string,
  path: string,
): Promise<unknown> {
  return ui.backgroundEval(
    ADDON_ID,
    String.raw`async (accountId, path) => {
      const account = await messenger.accounts.get(accountId, true);
      const walk = (folders) => folders.flatMap((f) => [f, ...walk(f.subFolders ?? [])]);
      const found = walk(account?.rootFolder?.subFolders ?? account?.folders ?? []).find((f) => f.path === path);
      return found === undefined ? "not found" : (found.specialUse ?? []);
    }`,
    [accountId, path],
  );
}

/** A bare pass over the folder: every page, nothing done with the messages. Runs in an extension page. */
const BARE_LIST = String.raw`async (accountId, path) => {
  const account = await messenger.accounts.get(accountId, true);
  const walk = (folders) => folders.flatMap((f) => [f, ...walk(f.subFolders ?? [])]);
  const folder = walk(account.rootFolder?.subFolders ?? account.folders ?? []).find((f) => f.path === path);
  if (!folder) throw new Error("folder " + path + " not found");
  const start = performance.now();
  let page = await messenger.messages.list(folder.id);
  let count = page.messages.length;
  while (page.id) {
    page = await messenger.messages.continueList(page.id);
    count += page.messages.length;
  }
  return { ms: performance.now() - start, count };
}`;

export const OPEN_PANEL = String.raw`async (page) => {
  const tab = await messenger.tabs.create({ url: page });
  return tab.id;
}`;

/**
 * In the background page, where the scan runs (`scan-service.ts`): wraps the calls that read a
 * message in full, or its headers, to count them, and every function of the API areas the
 * scan uses, to sum the time spent waiting on each. The adapters read `messenger.messages.…`
 * when they call, so the wrapped functions are the ones the scan calls.
 */
export const INSTRUMENT = String.raw`() => {
  if (window.__benchScan) return window.__benchScan.wrapped;
  const counts = { full: [], headers: 0, api: {}, inFlight: 0 };
  const originals = { get: messenger.messages.get.bind(messenger.messages), session: messenger.storage.session.get.bind(messenger.storage.session) };
  const wrapped = [];
  const areas = {
    "messages": messenger.messages,
    "messages.tags": messenger.messages.tags,
    "storage.local": messenger.storage.local,
    "storage.session": messenger.storage.session,
    "accounts": messenger.accounts,
    "folders": messenger.folders,
  };
  for (const [area, api] of Object.entries(areas)) {
    if (!api) continue;
    for (const name of Object.keys(api)) {
      const original = api[name];
      if (typeof original !== "function" || name === "addListener" || name.startsWith("on")) continue;
      const key = area + "." + name;
      const wrapper = function (...args) {
        if (key === "messages.getRaw" || key === "messages.getFull") counts.full.push(args[0]);
        if (key === "messages.getHeaders") counts.headers++;
        const entry = (counts.api[key] ??= { calls: 0, ms: 0 });
        entry.calls++;
        const start = performance.now();
        counts.inFlight++;
        const done = () => { entry.ms += performance.now() - start; counts.inFlight--; };
        const result = original.apply(api, args);
        if (result && typeof result.then === "function") result.then(done, done);
        else done();
        return result;
      };
      try {
        api[name] = wrapper;
        if (api[name] === wrapper) wrapped.push(key);
      } catch {}
    }
  }
  window.__benchScan = { counts, wrapped, originals };
  return wrapped;
}`;

/**
 * In the background page: waits until no scan is published as running (the scan of recent
 * mail made without being asked, or the panel's look-ups after the previous scan) and no
 * wrapped call is in flight for half a second, then zeroes the counters.
 */
const PREPARE_SCAN = String.raw`async (timeoutMs) => {
  const { counts, originals } = window.__benchScan;
  const deadline = Date.now() + timeoutMs;
  let idleSince = Date.now();
  for (;;) {
    if (Date.now() > deadline) throw new Error("the background page did not become idle before the scan");
    const status = (await originals.session("notices.scan"))["notices.scan"];
    if (counts.inFlight > 0 || status?.state === "running") idleSince = Date.now();
    else if (Date.now() - idleSince >= 500) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  counts.full.length = 0;
  counts.headers = 0;
  counts.api = {};
  return true;
}`;

/**
 * In the panel, as a user: chooses the folder and the mode, clicks "scan", and waits until the
 * status the background publishes in \`storage.session\` says that this scan ended; times it.
 * Then waits for the panel to show that end, and returns its status line too.
 */
export const RUN_SCAN = String.raw`async (path, thorough, timeoutMs) => {
  const select = document.getElementById("scan-target");
  const option = [...select.options].find((o) => o.dataset.path === path);
  if (!option) throw new Error("no scan target for " + path);
  select.value = option.value;
  const box = document.getElementById("scan-thorough");
  if (!box) throw new Error("no thorough-scan checkbox in the panel");
  if (box.checked !== thorough) box.click();
  if (box.checked !== thorough) throw new Error("the thorough-scan checkbox did not change");
  const button = document.getElementById("scan-start");
  const ENDED = ["done", "failed", "cancelled"];
  const clickedAt = Date.now();
  const ended = (s) => s !== undefined && s !== null && s.origin === "user" && s.startedAt >= clickedAt && ENDED.includes(s.state);
  const deadline = Date.now() + timeoutMs;
  let listener = null;
  const start = performance.now();
  const status = await new Promise((resolve, reject) => {
    let settled = false;
    const finish = (s) => { if (!settled) { settled = true; messenger.storage.session.onChanged.removeListener(listener); resolve(s); } };
    listener = (changes) => { const c = changes["notices.scan"]; if (c !== undefined && ended(c.newValue)) finish(c.newValue); };
    messenger.storage.session.onChanged.addListener(listener);
    button.click();
    const poll = async () => {
      if (settled) return;
      if (Date.now() > deadline) { settled = true; messenger.storage.session.onChanged.removeListener(listener); reject(new Error("scan not done in time")); return; }
      const s = (await messenger.storage.session.get("notices.scan"))["notices.scan"];
      if (ended(s)) finish(s);
      else setTimeout(poll, 250);
    };
    setTimeout(poll, 250);
  });
  const ms = performance.now() - start;
  const shownBy = Date.now() + 30000;
  while (document.body.dataset.scan !== status.state && Date.now() < shownBy) await new Promise((r) => setTimeout(r, 50));
  const text = document.getElementById("scan-status").textContent;
  return { ms, state: status.state, status: text, figures: status.figures };
}`;

/**
 * In the background page, after a scan: what the wrapped API saw. Full reads are matched to
 * the folder's notices by their Message-ID (`notice-…`), looked up with the unwrapped `get`.
 */
const COLLECT_SCAN = String.raw`async () => {
  const { counts, originals } = window.__benchScan;
  const api = JSON.parse(JSON.stringify(counts.api));
  const ids = [...counts.full];
  const headerCalls = counts.headers;
  const distinct = [...new Set(ids)];
  const messageIds = await Promise.all(distinct.map(async (id) => (await originals.get(id)).headerMessageId));
  const readsOf = new Map(distinct.map((id, i) => [id, messageIds[i]]));
  const isNotice = (id) => String(readsOf.get(id)).startsWith("notice-");
  const ordinary = ids.filter((id) => !isNotice(id)).length;
  const notices = distinct.filter(isNotice).length;
  return { fullReadCalls: ids.length, distinct: distinct.length, ordinary, notices, headerCalls, api };
}`;

const bareSchema = z.object({ ms: z.number(), count: z.number() });
const figuresSchema = z.object({ messages: z.number(), headerReads: z.number(), fullReads: z.number(), notices: z.number(), errors: z.number() });
const panelScanSchema = z.object({ ms: z.number(), state: z.string(), status: z.string(), figures: figuresSchema });
const collectSchema = z.object({
  fullReadCalls: z.number(),
  distinct: z.number(),
  ordinary: z.number(),
  notices: z.number(),
  headerCalls: z.number(),
  api: z.record(z.string(), z.object({ calls: z.number(), ms: z.number() })),
});

export type PanelScan = z.infer<typeof panelScanSchema> & z.infer<typeof collectSchema>;

/**
 * One scan as a user starts it: the background page made idle and its counters zeroed, the
 * panel's button clicked, the end read from the published status, the counts collected.
 * `INSTRUMENT` must have run in the background page first.
 */
export async function runPanelScan(bidi: BidiClient, background: PageTarget, panel: PageTarget, path: string, thorough: boolean, timeoutMs: number): Promise<PanelScan> {
  await pageEval(bidi, background, PREPARE_SCAN, [300_000], { timeoutMs: 310_000 });
  const scan = panelScanSchema.parse(await pageEval(bidi, panel, RUN_SCAN, [path, thorough, timeoutMs], { timeoutMs: timeoutMs + 50_000 }));
  const seen = collectSchema.parse(await pageEval(bidi, background, COLLECT_SCAN, [], { timeoutMs: 300_000 }));
  return { ...scan, ...seen };
}

function modeFigures(runs: readonly ScanRun[], bareBackground: Timing, barePanel: Timing): ModeFigures {
  const scan = { median: median(runs.map((r) => r.ms)), runs: runs.map((r) => r.ms) };
  return { scan, ratio: scan.median / bareBackground.median, ratioPanel: scan.median / barePanel.median, runs };
}

export async function scanFolderFigures(options: ScanFolderOptions = {}): Promise<ScanFolderFigures> {
  const total = options.total ?? 10_000;
  const noticeEvery = options.noticeEvery ?? 50;
  const patientShare = options.patientShare ?? 2 / 3;
  const runs = options.runs ?? 3;
  const modes = options.modes ?? ["quick", "thorough"];
  const note = options.progress ?? (() => {});
  const { messages, sent, kinds, ordinaryFromPatients, summaryCandidates } = scanFolderMessages(total, noticeEvery, patientShare);
  const notices = Object.values(kinds).reduce((a, b) => a + b, 0);
  note(`starting Thunderbird with ${total} messages (${notices} notices, ${ordinaryFromPatients} ordinary messages from patients, ${summaryCandidates} summary candidates)`);
  const harness = await startHarness({
    extensions: [options.addonDir ?? resolve("dist/addon")],
    identities: [MSSANTE_IDENTITY],
    // The messages the receipts answer sit in Local Folders' Sent folder, as they would.
    localFolders: { [FOLDER]: messages, [SENT_FOLDER]: sent },
    prefs: { "intl.locale.requested": "fr" },
  });
  try {
    const { ui, bidi } = harness;
    const main = await ui.mainWindow();
    const indexStart = performance.now();
    const folder = await indexLocalFolder(bidi, main, FOLDER, total, 600_000);
    const sentFolder = await indexLocalFolder(bidi, main, SENT_FOLDER, sent.length);
    note(`folders indexed in ${((performance.now() - indexStart) / 1000).toFixed(1)} s`);
    note(`Sent folder: ${sentFolder.total} messages, special use ${JSON.stringify(await folderSpecialUse(ui, sentFolder.accountId, sentFolder.path))}`);

    await ui.backgroundEval(ADDON_ID, OPEN_PANEL, ["/pages/notices-panel/notices-panel.html"]);
    const panel: PageTarget = await ui.tabPage("notices-panel.html");
    await pageWaitForSelector(bidi, panel, "body[data-ready='true']", { state: "attached", timeoutMs: 20_000 });
    await pageWaitForSelector(bidi, panel, `#scan-target option[data-path='${folder.path}']`, { state: "attached", timeoutMs: 20_000 });
    const background: PageTarget = { kind: "background", context: main, addonId: ADDON_ID };
    const wrapped = z.array(z.string()).parse(await pageEval(bidi, background, INSTRUMENT));
    note(`wrapped in the background page: ${wrapped.length} functions (${wrapped.filter((w) => /getRaw|getFull|getHeaders/.test(w)).join(", ")})`);

    const bareBackground: number[] = [];
    const barePanel: number[] = [];
    const scanRuns: Record<ScanMode, ScanRun[]> = { quick: [], thorough: [] };
    // One pass of each first, not counted: the folder's summary is read from disk once, and
    // the first scan stores the notices and lets the panel look up the messages they answer.
    await pageEval(bidi, background, BARE_LIST, [folder.accountId, folder.path], { timeoutMs: 300_000 });
    const warm = await runPanelScan(bidi, background, panel, folder.path, false, 900_000);
    note(`warm-up scan (not counted): ${warm.ms.toFixed(0)} ms, ${warm.headerCalls} getHeaders, ${warm.fullReadCalls} full reads — ${warm.status}`);
    for (let i = 0; i < runs; i++) {
      const bg = bareSchema.parse(await pageEval(bidi, background, BARE_LIST, [folder.accountId, folder.path], { timeoutMs: 300_000 }));
      if (bg.count !== total) throw new Error(`bare list saw ${bg.count} messages, not ${total}`);
      bareBackground.push(bg.ms);
      const pg = bareSchema.parse(await pageEval(bidi, panel, BARE_LIST, [folder.accountId, folder.path], { timeoutMs: 300_000 }));
      barePanel.push(pg.ms);
      // Both modes in every run, in turn first: neither always has the warmer caches.
      const order = (i % 2 === 0 ? (["quick", "thorough"] as const) : (["thorough", "quick"] as const)).filter((m) => modes.includes(m));
      for (const mode of order) {
        const s = await runPanelScan(bidi, background, panel, folder.path, mode === "thorough", 900_000);
        if (s.state !== "done") throw new Error(`${mode} scan ended "${s.state}": ${s.status}`);
        // A scan that read no header, or no notice in full, was not seen: the counters would catch nothing.
        if (s.headerCalls === 0 || s.notices === 0) throw new Error(`${mode} scan: the background page saw ${s.headerCalls} getHeaders and ${s.notices} notices read in full`);
        scanRuns[mode].push({
          ms: s.ms,
          examined: s.figures.messages,
          featureHeaderReads: s.figures.headerReads,
          featureFullReads: s.figures.fullReads,
          noticesFound: s.figures.notices,
          fullReadCalls: s.fullReadCalls,
          fullReadsOfOrdinary: s.ordinary,
          distinctFullReads: s.distinct,
          noticesReadInFull: s.notices,
          headerCalls: s.headerCalls,
          api: s.api,
          status: s.status,
        });
        note(`run ${i + 1}, ${mode}: scan ${s.ms.toFixed(0)} ms, ${s.headerCalls} getHeaders, ${s.fullReadCalls} full reads — ${s.status}`);
      }
      note(`run ${i + 1}: bare list ${bg.ms.toFixed(0)} ms (background), ${pg.ms.toFixed(0)} ms (panel)`);
    }
    const bareListBackground = { median: median(bareBackground), runs: bareBackground };
    const bareListPanel = { median: median(barePanel), runs: barePanel };
    return {
      messages: total,
      notices,
      noticeKinds: kinds,
      ordinaryFromPatients,
      summaryCandidates,
      bareListBackground,
      bareListPanel,
      quick: modeFigures(scanRuns.quick, bareListBackground, bareListPanel),
      thorough: modeFigures(scanRuns.thorough, bareListBackground, bareListPanel),
    };
  } finally {
    await harness.stop();
  }
}
