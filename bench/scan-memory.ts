/**
 * Memory of a folder scan in a real headless Thunderbird: a Local Folders folder of notices
 * (bounces and read receipts) that each carry a large returned original (default 200 notices
 * of 20 MB each: a 4 GB mbox, written to the profile's temporary folder and deleted with it).
 * The quick scan, started from the panel's button and run by the background page, goes over it
 * (until its published status says it ended) while the resident memory of Thunderbird's whole
 * process group (main process, extension process, content processes) is sampled from
 * `/proc/<pid>/status` (VmRSS summed over the group, every 100 ms; VmHWM per process).
 * Figures only: nothing here is asserted.
 */
import { readdirSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { indexLocalFolder, MSSANTE_IDENTITY, pageEval, pageWaitForSelector, startHarness, type PageTarget } from "../harness/index.js";
import { INSTRUMENT, OPEN_PANEL, runPanelScan, type PanelScan } from "./scan-folder.js";
import { DOCTOR, mailDate, patientAddress, sentHead as sharedSentHead } from "./synthetic-mail.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
const FOLDER = "Bench-memory";
const SENT_FOLDER = "Sent";
const MIB = 1024 * 1024;

export interface ScanMemoryOptions {
  /** Notices in the folder (default 200). */
  readonly notices?: number;
  /** Size of the original each notice carries, in MiB (default 20). */
  readonly originalMiB?: number;
  readonly addonDir?: string;
  readonly progress?: (note: string) => void;
}

export interface GroupMemory {
  /** Sum of VmRSS over the process group (bytes). */
  readonly rss: number;
  /** Sum of each process's VmHWM (its own peak; bytes). */
  readonly hwm: number;
  readonly processes: number;
}

export interface ScanMemoryFigures {
  readonly notices: number;
  readonly originalBytes: number;
  readonly mboxBytes: number;
  /** Group RSS once the folder is indexed and the panel open, before the scan. */
  readonly before: GroupMemory;
  /** Highest group RSS sampled during the scan. */
  readonly peakRss: number;
  /** Group memory at the end of the scan (VmHWM: each process's peak since it started). */
  readonly after: GroupMemory;
  readonly samples: number;
  readonly scanMs: number;
  readonly status: string;
  readonly fullReadCalls: number;
}

/** One process's process group, and its VmRSS/VmHWM (kB), or null when it is gone or unreadable. */
function processMemory(pid: string): { pgrp: number; rss: number; hwm: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pgrp = Number(fields[2]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { pgrp, rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** The memory of every process of the process group `pgid`. */
export function groupMemory(pgid: number): GroupMemory {
  let rss = 0;
  let hwm = 0;
  let processes = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const m = processMemory(entry);
    if (m === null || m.pgrp !== pgid) continue;
    rss += m.rss * 1024;
    hwm += m.hwm * 1024;
    processes++;
  }
  return { rss, hwm, processes };
}

/** A base64 body of about `bytes` bytes (76-character lines), made once and shared by every notice. */
function base64Body(bytes: number): Buffer {
  const raw = Buffer.alloc(Math.ceil((bytes * 3) / 4 / 57) * 57);
  // Not all zeros: a pattern that base64 turns into varied lines.
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  const lines: Buffer[] = [];
  for (let i = 0; i < raw.length; i += 57) lines.push(Buffer.from(raw.subarray(i, i + 57).toString("base64") + "\r\n", "latin1"));
  return Buffer.concat(lines);
}

/** Within the retention (the notices are kept, as a user's recent ones would be). */
function date(n: number): string {
  return mailDate(n, 1);
}

function sentHead(n: number): string[] {
  return sharedSentHead(n, `Imagerie ${n}`, "big-sent", date(n));
}

/** The notice's report parts, and the head of the original it returns; the original's body follows, then `tail`. */
function noticeParts(n: number): { head: string; tail: string } {
  const receipt = n % 2 === 1;
  const rcpt = patientAddress(n);
  const boundary = `outer-${n}`;
  const inner = `inner-${n}`;
  const top = receipt
    ? [
        `From: Patient ${n} <${rcpt}>`,
        `To: ${DOCTOR}`,
        `Subject: Lu : Imagerie ${n}`,
        `Date: ${date(n + 1)}`,
        `Message-ID: <big-notice-${n}@patient.mssante.fr>`,
        "MIME-Version: 1.0",
        `Content-Type: multipart/report; report-type=disposition-notification; boundary="${boundary}"`,
        "",
        `--${boundary}`,
        "Content-Type: text/plain; charset=UTF-8",
        "",
        `Le message « Imagerie ${n} » envoyé à ${rcpt} a été affiché.`,
        `--${boundary}`,
        "Content-Type: message/disposition-notification",
        "",
        "Reporting-UA: messagerie Mon espace santé",
        `Final-Recipient: rfc822; ${rcpt}`,
        `Original-Message-ID: <big-sent-${n}@medecin.mssante.fr>`,
        "Disposition: automatic-action/MDN-sent-automatically; displayed",
        "",
      ]
    : [
        "From: MAILER-DAEMON@mx1.mssante.fr (Mail Delivery System)",
        `To: ${DOCTOR}`,
        "Subject: Undelivered Mail Returned to Sender",
        `Date: ${date(n + 1)}`,
        `Message-ID: <big-notice-${n}@mx1.mssante.fr>`,
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        "",
        `--${boundary}`,
        "Content-Type: text/plain; charset=UTF-8",
        "",
        `Votre message n'a pas pu être remis à ${rcpt} : la messagerie Mon espace santé de ce patient est clôturée.`,
        `--${boundary}`,
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx1.mssante.fr",
        "",
        `Final-Recipient: rfc822; ${rcpt}`,
        "Action: failed",
        "Status: 5.2.1",
        "Diagnostic-Code: smtp; 550 5.2.1 mailbox closed",
        "",
      ];
  const head = [
    ...top,
    `--${boundary}`,
    "Content-Type: message/rfc822",
    "",
    ...sentHead(n),
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${inner}"`,
    "",
    `--${inner}`,
    "Content-Type: text/plain; charset=UTF-8",
    "",
    `Vos images, examen ${n}.`,
    `--${inner}`,
    `Content-Type: application/pdf; name="imagerie-${n}.pdf"`,
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ].join("\r\n");
  const tail = [`--${inner}--`, "", `--${boundary}--`, ""].join("\r\n");
  return { head, tail };
}

/** Writes the folder's mbox piece by piece (never the whole folder in memory); returns its size. */
async function writeMbox(path: string, notices: number, body: Buffer): Promise<number> {
  const file = await open(path, "w");
  let size = 0;
  try {
    for (let n = 0; n < notices; n++) {
      const { head, tail } = noticeParts(n);
      for (const piece of [Buffer.from("From - Sat Mar  1 08:00:00 2025\n", "latin1"), Buffer.from(head, "utf8"), body, Buffer.from(tail + "\n", "utf8")]) {
        await file.write(piece);
        size += piece.length;
      }
    }
  } finally {
    await file.close();
  }
  return size;
}

export async function scanMemoryFigures(options: ScanMemoryOptions = {}): Promise<ScanMemoryFigures> {
  const notices = options.notices ?? 200;
  const originalBytes = Math.round((options.originalMiB ?? 20) * MIB);
  const note = options.progress ?? (() => {});
  const sent = Array.from({ length: notices }, (_, n) => [...sentHead(n), "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "", `Imagerie ${n}.`, ""].join("\r\n"));
  const harness = await startHarness({
    extensions: [options.addonDir ?? resolve("dist/addon")],
    identities: [MSSANTE_IDENTITY],
    localFolders: { [SENT_FOLDER]: sent },
    prefs: { "intl.locale.requested": "fr" },
  });
  try {
    const { ui, bidi } = harness;
    const main = await ui.mainWindow();
    const mboxBytes = await writeMbox(join(harness.profile.localFoldersDir, FOLDER), notices, base64Body(originalBytes));
    note(`mbox written: ${(mboxBytes / MIB).toFixed(0)} MiB, ${notices} notices`);
    const folder = await indexLocalFolder(bidi, main, FOLDER, notices, 900_000);
    await indexLocalFolder(bidi, main, SENT_FOLDER, notices);
    note("folders indexed");

    await ui.backgroundEval(ADDON_ID, OPEN_PANEL, ["/pages/notices-panel/notices-panel.html"]);
    const panel: PageTarget = await ui.tabPage("notices-panel.html");
    await pageWaitForSelector(bidi, panel, "body[data-ready='true']", { state: "attached", timeoutMs: 20_000 });
    await pageWaitForSelector(bidi, panel, `#scan-target option[data-path='${folder.path}']`, { state: "attached", timeoutMs: 20_000 });
    // The scan runs in the background page: its calls are counted there.
    const background: PageTarget = { kind: "background", context: main, addonId: ADDON_ID };
    z.array(z.string()).parse(await pageEval(bidi, background, INSTRUMENT));

    const pgid = harness.thunderbird.pgid;
    const before = groupMemory(pgid);
    let peakRss = before.rss;
    let samples = 0;
    const sampler = setInterval(() => {
      const now = groupMemory(pgid);
      samples++;
      if (now.rss > peakRss) peakRss = now.rss;
    }, 100);
    let scan: PanelScan;
    try {
      scan = await runPanelScan(bidi, background, panel, folder.path, false, 1_800_000);
    } finally {
      clearInterval(sampler);
    }
    const after = groupMemory(pgid);
    if (after.rss > peakRss) peakRss = after.rss;
    note(`scan ${scan.state} in ${scan.ms.toFixed(0)} ms, ${scan.headerCalls} getHeaders, ${scan.fullReadCalls} full reads — ${scan.status}`);
    // Every message is a notice: a scan whose full reads were not seen was not measured.
    if (scan.state !== "done" || scan.fullReadCalls === 0) throw new Error(`scan ended "${scan.state}" with ${scan.fullReadCalls} full reads seen in the background page: ${scan.status}`);
    return { notices, originalBytes, mboxBytes, before, peakRss, after, samples, scanMs: scan.ms, status: scan.status, fullReadCalls: scan.fullReadCalls };
  } finally {
    // Removes the profile, the 4 GB mbox with it.
    await harness.stop();
  }
}
