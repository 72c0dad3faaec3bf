/**
 * Measures the notice classifier on the public evaluation corpus (never shipped with the
 * product): which messages are recognised as bounces, recipients against the upstream
 * expectations, causes against Sisimai's reference output, false alarms on auto-replies
 * and complaints, the header pre-filter's misses, and the misses of the summary filter (the
 * quick folder scan's first step: author and subject only), over the corpus and over the
 * project's own fixtures (test/fixtures/notices).
 *
 *   node scripts/run-ts.mjs eval/corpus-eval.ts [corpusDir] [--all]
 *
 * corpusDir defaults to ../shared/corpus beside the repository root.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { repoRoot } from "../scripts/repo-root.js";
import { SISIMAI_REASONS } from "./sisimai-reasons.js";
import { classifyMessage, looksLikeNotice, mayBeNoticeFromSummary, type Notice, type Reason } from "../src/core/notices/index.js";
import { decodeHeaderValue, decodeUtf8, getHeader, headerStart, parseHeaderBlock } from "../src/core/notices/headers.js";
import {
  loadBounceParser,
  loadFlufl,
  loadSisimai,
  type BounceParserExpectation,
  type FluflExpectation,
  type SisimaiEntry,
} from "./expectations.js";

/** BounceParser's std_reason, read the same way. */
const BP_REASONS: Readonly<Record<string, readonly Reason[]>> = {
  user_unknown: ["unknown-recipient"],
  over_quota: ["mailbox-full"],
  domain_error: ["host-unknown"],
  spam: ["content-rejected", "sender-rejected"],
  user_disabled: ["mailbox-closed"],
  message_too_large: ["message-too-large"],
};

interface Row {
  readonly file: string;
  readonly group: "bounces" | "receipts" | "fixtures";
  readonly notice: Notice;
  readonly prefilter: boolean;
  /** The message's From and Subject, decoded: what the message list gives of it. */
  readonly from: string;
  readonly subject: string;
  /** The summary filter's answer on them. */
  readonly summary: boolean;
  readonly flufl: FluflExpectation | undefined;
  readonly bp: BounceParserExpectation | undefined;
  readonly sisimai: SisimaiEntry | undefined;
  readonly feedbackReport: boolean;
}


function pct(n: number, d: number): string {
  return d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)} %`;
}

function lower(list: readonly string[]): string[] {
  return [...new Set(list.map((a) => a.toLowerCase()))].sort();
}

function ourFailed(n: Notice): string[] {
  return lower(n.recipients.filter((r) => r.action === "failed" || r.action === "delayed" || r.action === null).map((r) => r.address));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describe(n: Notice): string {
  const who = n.recipients
    .slice(0, 6)
    .map((r) => `${r.address}[${r.action ?? "-"} ${r.status ?? "-"} ${r.reason ?? r.disposition?.type ?? "-"}]`)
    .join(", ");
  const more = n.recipients.length > 6 ? ` +${n.recipients.length - 6}` : "";
  return `${n.kind}${n.notNotice === null ? "" : `/${n.notNotice}`}${n.format === null ? "" : ` (${n.format})`} ${who}${more}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showAll = args.includes("--all");
  const corpus = resolve(args.find((a) => !a.startsWith("--")) ?? join(repoRoot(), "..", "shared", "corpus"));
  const bouncesDir = join(corpus, "bounces");
  const receiptsDir = join(corpus, "receipts");
  if (!existsSync(bouncesDir)) {
    process.stderr.write(`No corpus at ${corpus} (expected a bounces/ folder).\n`);
    process.exitCode = 2;
    return;
  }
  const bounceFiles = readdirSync(bouncesDir).filter((f) => f.endsWith(".eml")).sort();
  const receiptFiles = existsSync(receiptsDir) ? readdirSync(receiptsDir).filter((f) => f.endsWith(".eml")).sort() : [];
  const flufl = loadFlufl(bouncesDir);
  const bp = loadBounceParser(bouncesDir, bounceFiles);
  const sisimai = loadSisimai(bouncesDir);

  const fixturesDir = join(repoRoot(), "test", "fixtures", "notices");
  const fixtureFiles = existsSync(fixturesDir) ? readdirSync(fixturesDir).filter((f) => f.endsWith(".eml")).sort() : [];

  const rows: Row[] = [];
  const started = Date.now();
  for (const [group, dir, files] of [
    ["bounces", bouncesDir, bounceFiles],
    ["receipts", receiptsDir, receiptFiles],
    ["fixtures", fixturesDir, fixtureFiles],
  ] as const) {
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      const notice = await classifyMessage(new Uint8Array(bytes));
      const head = bytes.subarray(0, 256 * 1024).toString("utf8");
      const { from, subject } = fromAndSubject(new Uint8Array(bytes));
      rows.push({
        file,
        group,
        notice,
        prefilter: looksLikeNotice(head),
        from,
        subject,
        summary: mayBeNoticeFromSummary({ author: from, subject }),
        flufl: flufl.get(file),
        bp: bp.get(file),
        sisimai: sisimai.get(file),
        feedbackReport: /report-type\s*=\s*"?feedback-report/i.test(head.slice(0, 20000)),
      });
    }
  }
  const elapsed = Date.now() - started;
  const out: string[] = [];
  const say = (line = ""): void => {
    out.push(line);
  };
  const disagreements = new Map<string, string[]>();
  const flag = (file: string, note: string): void => {
    const list = disagreements.get(file) ?? [];
    list.push(note);
    disagreements.set(file, list);
  };

  say(`Corpus: ${corpus}`);
  say(`${bounceFiles.length} files in bounces/, ${receiptFiles.length} in receipts/, ${fixtureFiles.length} fixtures in ${fixturesDir} — classified in ${elapsed} ms`);
  say();

  // --- What we say
  const bounceRows = rows.filter((r) => r.group === "bounces");
  const kinds = new Map<string, number>();
  for (const r of bounceRows) {
    const k = r.notice.kind === "none" ? `none/${r.notice.notNotice ?? "?"}` : `${r.notice.kind}/${r.notice.format ?? "?"}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  say("== Our classification of bounces/");
  say(`   ${[...kinds.entries()].sort().map(([k, v]) => `${k}: ${v}`).join(", ")}`);
  say();

  // --- Bounces recognised
  const upstreamBounce = (r: Row): boolean =>
    (r.flufl !== undefined && r.flufl.addresses.length > 0) ||
    (r.bp?.isBounce === true && r.bp.noReports !== true && r.bp.todo !== true) ||
    (r.bp?.addresses !== undefined && r.bp.addresses.length > 0 && r.bp.isBounce !== false);
  const upstreamNotBounce = (r: Row): boolean =>
    r.bp?.isBounce === false ||
    r.feedbackReport ||
    r.sisimai?.records.some((x) => x.reason === "vacation" || x.reason === "feedback") === true;
  const isNotice = (n: Notice): boolean => n.kind === "bounce" || n.kind === "delay";
  const expectedBounces = bounceRows.filter((r) => upstreamBounce(r) && !upstreamNotBounce(r));
  const recognised = expectedBounces.filter((r) => isNotice(r.notice));
  say("== Bounces recognised");
  say(`   flufl / BounceParser bounces: ${recognised.length} of ${expectedBounces.length} recognised as bounce or delay (${pct(recognised.length, expectedBounces.length)})`);
  for (const r of expectedBounces.filter((x) => !isNotice(x.notice))) {
    say(`   MISSED ${r.file}: ${describe(r.notice)}`);
    flag(r.file, "upstream bounce not recognised");
  }
  const sisBounces = bounceRows.filter((r) => r.sisimai?.bounce === true);
  const sisRecognised = sisBounces.filter((r) => isNotice(r.notice));
  say(`   Sisimai bounces: ${sisRecognised.length} of ${sisBounces.length} recognised (${pct(sisRecognised.length, sisBounces.length)})`);
  for (const r of sisBounces.filter((x) => !isNotice(x.notice))) {
    const why = r.bp?.isBounce === false ? " (BounceParser: not a bounce)" : "";
    say(`   not a bounce for us, bounce for Sisimai: ${r.file} → ${describe(r.notice)}${why}`);
  }
  say();

  // --- Delays
  const temporaries = bounceRows.filter((r) => r.flufl?.temporary === true);
  const delays = temporaries.filter((r) => r.notice.kind === "delay");
  say("== Delay warnings (flufl \"temporary\")");
  say(`   ${delays.length} of ${temporaries.length} classified as delay`);
  for (const r of temporaries.filter((x) => x.notice.kind !== "delay")) {
    say(`   ${r.file} → ${describe(r.notice)}`);
    flag(r.file, "flufl says temporary (delay)");
  }
  const permanents = bounceRows.filter((r) => r.flufl !== undefined && !r.flufl.temporary && r.flufl.addresses.length > 0);
  const wrongDelay = permanents.filter((r) => r.notice.kind === "delay");
  say(`   flufl permanent failures classified as delay: ${wrongDelay.length}`);
  for (const r of wrongDelay) {
    say(`   ${r.file} → ${describe(r.notice)}`);
    flag(r.file, "flufl says permanent");
  }
  say();

  // --- Recipients
  say("== Recipients against upstream expectations (case-insensitive, exact set)");
  let recTotal = 0;
  let recOk = 0;
  let addrExpected = 0;
  let addrFound = 0;
  let addrExtra = 0;
  for (const [label, pick] of [
    ["flufl", (r: Row): readonly string[] | undefined => (r.flufl !== undefined && r.flufl.addresses.length > 0 ? r.flufl.addresses : undefined)],
    ["BounceParser", (r: Row): readonly string[] | undefined => (r.bp?.addresses !== undefined && r.bp.isBounce !== false ? r.bp.addresses : undefined)],
  ] as const) {
    let total = 0;
    let ok = 0;
    for (const r of bounceRows) {
      const expected = pick(r);
      if (expected === undefined) continue;
      total++;
      const want = lower(expected);
      const got = ourFailed(r.notice);
      addrExpected += want.length;
      addrFound += want.filter((a) => got.includes(a)).length;
      addrExtra += got.filter((a) => !want.includes(a)).length;
      if (sameSet(want, got)) ok++;
      else {
        say(`   ${label} ${r.file}: expected ${want.join(", ")} — got ${got.join(", ") || "(none)"} [${r.notice.kind}]`);
        flag(r.file, `${label} recipients differ`);
      }
    }
    say(`   ${label}: ${ok} of ${total} files exact (${pct(ok, total)})`);
    recTotal += total;
    recOk += ok;
  }
  say(`   all: ${recOk} of ${recTotal} (${pct(recOk, recTotal)})`);
  say(`   addresses: ${addrFound} of ${addrExpected} expected found (${pct(addrFound, addrExpected)}), ${addrExtra} extra`);
  const sisRec = bounceRows.filter((r) => r.sisimai?.bounce === true && r.sisimai.records.length > 0);
  const sisRecOk = sisRec.filter((r) => sameSet(lower(r.sisimai?.records.map((x) => x.recipient) ?? []), ourFailed(r.notice)));
  say(`   Sisimai recipients (reference only): ${sisRecOk.length} of ${sisRec.length} files identical (${pct(sisRecOk.length, sisRec.length)})`);
  for (const r of sisRec.filter((x) => !sisRecOk.includes(x))) {
    const upstream = r.flufl !== undefined || r.bp?.addresses !== undefined ? " (flufl/BounceParser checked above)" : "";
    say(`     ${r.file}: Sisimai ${lower(r.sisimai?.records.map((x) => x.recipient) ?? []).join(", ")} — ours ${ourFailed(r.notice).join(", ") || "(none)"}${upstream}`);
  }
  say();

  // --- Reasons
  say("== Causes against Sisimai 4.25 (Sisimai reasons read as ours; onhold/undefined not compared)");
  let compared = 0;
  let agreed = 0;
  const confusion = new Map<string, number>();
  for (const r of bounceRows) {
    const s = r.sisimai;
    if (s?.bounce !== true) continue;
    for (const rec of s.records) {
      const accepted = SISIMAI_REASONS[rec.reason];
      if (accepted === undefined || typeof accepted === "string") continue;
      const ours =
        r.notice.recipients.find((x) => x.address.toLowerCase() === rec.recipient.toLowerCase()) ??
        (r.notice.recipients.length === 1 && s.records.length === 1 ? r.notice.recipients[0] : undefined);
      if (ours === undefined) continue;
      compared++;
      const reason = ours.reason ?? "(none)";
      // Sisimai names every delay "expired"; ours gives the cause of the delay.
      const delayedExpired = rec.reason === "expired" && ours.action === "delayed";
      if ((ours.reason !== null && accepted.includes(ours.reason)) || delayedExpired) agreed++;
      else {
        const key = `${rec.reason} → ${reason}`;
        confusion.set(key, (confusion.get(key) ?? 0) + 1);
        flag(r.file, `cause: Sisimai ${rec.reason}, ours ${reason} (${bounded(ours.diagnostic)})`);
      }
    }
  }
  say(`   agree: ${agreed} of ${compared} recipients (${pct(agreed, compared)})`);
  for (const [k, v] of [...confusion.entries()].sort((a, b) => b[1] - a[1])) say(`     ${v} × ${k}`);
  let bpCompared = 0;
  let bpAgreed = 0;
  for (const r of bounceRows) {
    const std = r.bp?.stdReason;
    if (std === undefined) continue;
    const accepted = BP_REASONS[std];
    if (accepted === undefined) continue;
    const ours = r.notice.recipients[0];
    if (ours === undefined) continue;
    bpCompared++;
    if (ours.reason !== null && accepted.includes(ours.reason)) bpAgreed++;
    else flag(r.file, `cause: BounceParser ${std}, ours ${ours.reason ?? "(none)"}`);
  }
  say(`   BounceParser std_reason: ${bpAgreed} of ${bpCompared} agree (${pct(bpAgreed, bpCompared)})`);
  say();

  // --- Original message
  const withOmid = bounceRows.filter((r) => r.bp?.origMessageId !== undefined);
  const omidOk = withOmid.filter((r) => r.notice.original?.messageId === r.bp?.origMessageId);
  say("== Original Message-ID against BounceParser");
  say(`   ${omidOk.length} of ${withOmid.length}`);
  for (const r of withOmid.filter((x) => !omidOk.includes(x))) {
    say(`   ${r.file}: expected ${r.bp?.origMessageId ?? ""}, got ${r.notice.original?.messageId ?? "(none)"}`);
  }
  const originals = bounceRows.filter((r) => isNotice(r.notice) && r.notice.original?.messageId != null).length;
  say(`   bounces/delays with an original Message-ID found: ${originals} of ${bounceRows.filter((r) => isNotice(r.notice)).length}`);
  say();

  // --- False alarms
  say("== False alarms on auto-replies, complaints and other non-bounces");
  const autoOrComplaint = bounceRows.filter(
    (r) =>
      r.feedbackReport ||
      r.sisimai?.records.some((x) => x.reason === "vacation" || x.reason === "feedback") === true ||
      (r.bp?.isBounce === false && r.sisimai?.bounce !== true),
  );
  const alarms = autoOrComplaint.filter((r) => r.notice.kind !== "none");
  say(`   auto-replies and complaints: ${autoOrComplaint.length}; classified as a notice: ${alarms.length}`);
  for (const r of alarms) {
    say(`   FALSE ALARM ${r.file}: ${describe(r.notice)}`);
    flag(r.file, "false alarm");
  }
  const bpNot = bounceRows.filter((r) => r.bp?.isBounce === false && !autoOrComplaint.includes(r));
  for (const r of bpNot) say(`   BounceParser says not a bounce, Sisimai says bounce: ${r.file} → ${describe(r.notice)}`);
  const junk = bounceRows.filter((r) => r.bp?.noReports === true);
  for (const r of junk) {
    if (r.notice.kind !== "none") flag(r.file, "BounceParser expects no report (spam/junk)");
    say(`   junk sent to a bounce address (BounceParser: no report): ${r.file} → ${describe(r.notice)}`);
  }
  say();

  // --- Pre-filter
  const corpusRows = rows.filter((r) => r.group !== "fixtures");
  const fixtureRows = rows.filter((r) => r.group === "fixtures");
  say("== Header pre-filter (looksLikeNotice)");
  const mustPass = (r: Row): boolean => r.notice.kind !== "none" || upstreamBounce(r) || r.group === "receipts";
  for (const [label, group] of [
    ["corpus", corpusRows],
    ["fixtures", fixtureRows],
  ] as const) {
    const shouldPass = group.filter(mustPass);
    const fn = shouldPass.filter((r) => !r.prefilter);
    say(`   ${label}: notices: ${shouldPass.length}; turned down by the pre-filter (false negatives): ${fn.length}`);
    for (const r of fn) {
      say(`   FALSE NEGATIVE ${r.file}: ${describe(r.notice)}`);
      flag(r.file, "pre-filter false negative");
    }
    const nonNotices = group.filter((r) => !mustPass(r));
    say(`   ${label}: non-notices let through for full reading: ${nonNotices.filter((r) => r.prefilter).length} of ${nonNotices.length}`);
  }
  say();

  // --- Summary filter: author and subject only, as the message list gives them
  say("== Summary filter (mayBeNoticeFromSummary: decoded From and Subject only)");
  const isKnownNotice = (r: Row): boolean => r.notice.kind === "bounce" || r.notice.kind === "delay" || r.notice.kind === "receipt";
  let turnedDown = 0;
  for (const [label, group] of [
    ["corpus", corpusRows],
    ["fixtures", fixtureRows],
  ] as const) {
    const notices = group.filter(isKnownNotice);
    const missed = notices.filter((r) => !r.summary);
    turnedDown += missed.length;
    say(`   ${label}: bounces, delays and receipts: ${notices.length}; turned down by the summary filter: ${missed.length}`);
    for (const r of missed) {
      say(`   TURNED DOWN ${r.group}/${r.file} (${r.notice.kind}): From ${JSON.stringify(bounded(r.from))}, Subject ${JSON.stringify(bounded(r.subject))}`);
      flag(r.file, "summary filter false negative");
    }
    const others = group.filter((r) => !isKnownNotice(r));
    say(`   ${label}: other messages let through to the header step: ${others.filter((r) => r.summary).length} of ${others.length}`);
    const headerOnly = group.filter((r) => mustPass(r) && !isKnownNotice(r) && !r.summary);
    for (const r of headerOnly) say(`   (upstream bounce, not a notice for us, turned down) ${r.group}/${r.file}: From ${JSON.stringify(bounded(r.from))}, Subject ${JSON.stringify(bounded(r.subject))}`);
  }
  say(`   TOTAL notices turned down by the summary filter: ${turnedDown} (aim 0)`);
  say();

  // --- Receipts
  say("== receipts/");
  for (const r of rows.filter((x) => x.group === "receipts")) {
    const d = r.notice.recipients.map((x) => (x.disposition === null ? "" : ` disposition=${x.disposition.type}${x.disposition.error ? "/error" : ""}`)).join("");
    say(`   ${r.file}: ${describe(r.notice)}${d} original=${r.notice.original?.messageId ?? "-"} prefilter=${String(r.prefilter)}`);
  }
  say();

  // --- Disagreements
  say("== Disagreements to study");
  for (const [file, notes] of [...disagreements.entries()].sort()) {
    const row = rows.find((r) => r.file === file);
    say(`   ${file}: ${notes.join("; ")}`);
    if (row !== undefined) say(`       ours: ${describe(row.notice)}`);
  }
  if (showAll) {
    say();
    say("== Every file");
    for (const r of rows) say(`   ${r.file}: ${describe(r.notice)}`);
  }
  process.stdout.write(out.join("\n") + "\n");
}

/** The decoded From and Subject of a message, as the message list would give them. */
function fromAndSubject(bytes: Uint8Array): { from: string; subject: string } {
  const start = headerStart(bytes);
  const head = decodeUtf8(bytes.subarray(start, start + 256 * 1024));
  const { fields } = parseHeaderBlock(head);
  return { from: decodeHeaderValue(getHeader(fields, "from") ?? ""), subject: decodeHeaderValue(getHeader(fields, "subject") ?? "") };
}

function bounded(text: string | null): string {
  if (text === null) return "-";
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

await main();
