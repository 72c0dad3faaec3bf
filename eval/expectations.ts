/**
 * Reads the upstream expectations shipped with the evaluation corpus: flufl.bounce's
 * expected addresses (JSON lines), Mail::DeliveryStatus::BounceParser's Perl tests, and
 * Sisimai's reference output. Only the constructs those files use are understood.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface FluflExpectation {
  readonly addresses: readonly string[];
  readonly temporary: boolean;
}

export interface BounceParserExpectation {
  isBounce?: boolean;
  addresses?: string[];
  stdReason?: string;
  /** Upstream expects no report at all (spam or junk sent to the bounce address). */
  noReports?: boolean;
  origMessageId?: string;
  /** The expectation is marked "to do" upstream (not met by BounceParser itself). */
  todo?: boolean;
}

export interface SisimaiRecord {
  readonly recipient: string;
  readonly reason: string;
  readonly action: string;
  readonly deliverystatus: string;
}

export interface SisimaiEntry {
  readonly bounce: boolean;
  readonly found: boolean;
  readonly records: readonly SisimaiRecord[];
}

function readLines(path: string): unknown[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

export function loadFlufl(bouncesDir: string): Map<string, FluflExpectation> {
  const out = new Map<string, FluflExpectation>();
  for (const row of readLines(join(bouncesDir, "expected-flufl", "expected.jsonl"))) {
    if (!isRecord(row) || typeof row.file !== "string" || !Array.isArray(row.addresses)) continue;
    out.set(row.file, {
      addresses: row.addresses.filter((a): a is string => typeof a === "string"),
      temporary: row.temporary === true,
    });
  }
  return out;
}

export function loadSisimai(bouncesDir: string): Map<string, SisimaiEntry> {
  const out = new Map<string, SisimaiEntry>();
  for (const row of readLines(join(bouncesDir, "sisimai-4.25-output.jsonl"))) {
    if (!isRecord(row) || typeof row.file !== "string" || !Array.isArray(row.records)) continue;
    const records: SisimaiRecord[] = [];
    for (const r of row.records) {
      if (!isRecord(r)) continue;
      records.push({
        recipient: typeof r.recipient === "string" ? r.recipient : "",
        reason: typeof r.reason === "string" ? r.reason : "",
        action: typeof r.action === "string" ? r.action : "",
        deliverystatus: typeof r.deliverystatus === "string" ? r.deliverystatus : "",
      });
    }
    out.set(row.file, { bounce: row.bounce === true, found: row.found === true, records });
  }
  return out;
}

/** `t/corpus/foo.msg` → `bp-foo.eml` */
function corpusName(msg: string): string {
  return `bp-${msg.replace(/^t\/corpus\//, "").replace(/\.msg$/, "")}.eml`;
}

function stringList(text: string): string[] {
  const qw = /qw\(([^)]*)\)/.exec(text);
  if (qw !== null) return (qw[1] ?? "").split(/\s+/).filter((s) => s !== "");
  return [...text.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
}

function optionsOf(args: string): BounceParserExpectation {
  const e: BounceParserExpectation = {};
  const isBounce = /is_bounce\s*=>\s*(\d)/.exec(args);
  if (isBounce !== null) e.isBounce = isBounce[1] === "1";
  const addresses = /addresses\s*=>\s*(\[[^\]]*\]|\[\s*qw\([^)]*\)\s*\])/.exec(args);
  if (addresses !== null && !(addresses[1] ?? "").includes("$")) e.addresses = stringList(addresses[1] ?? "");
  const std = /std_reason\s*=>\s*(?:\(\s*\$expect->\{std_reason\}\s*\|\|\s*)?'(\w+)'/.exec(args);
  if (std !== null) e.stdReason = std[1] ?? "";
  if (/reports\s*=>\s*0\b/.test(args)) e.noReports = true;
  const omid = /orig_message_id\s*=>\s*'([^']+)'/.exec(args);
  if (omid !== null) e.origMessageId = omid[1] ?? "";
  if (/todo_is_bounce/.test(args)) e.todo = true;
  return e;
}

function merge(map: Map<string, BounceParserExpectation>, file: string, e: BounceParserExpectation): void {
  const prev = map.get(file) ?? {};
  map.set(file, { ...prev, ...e });
}

export function loadBounceParser(bouncesDir: string, corpusFiles: readonly string[]): Map<string, BounceParserExpectation> {
  const dir = join(bouncesDir, "expected-bounceparser");
  const out = new Map<string, BounceParserExpectation>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".t")).sort()) {
    const text = readFileSync(join(dir, name), "utf8");

    // check_report('t/corpus/x.msg', options…);
    for (const m of text.matchAll(/check_report\(\s*'(t\/corpus\/[^']+\.msg)'\s*,([\s\S]*?)\);/g)) {
      merge(out, corpusName(m[1] ?? ""), optionsOf(m[2] ?? ""));
    }
    // check_one('t/corpus/x.msg') in non-bounce.t: check_report($fn, is_bounce => 0)
    const checkOne = /sub check_one[\s\S]*?check_report\(\s*\$fn\s*,([^)]*)\)/.exec(text);
    if (checkOne !== null) {
      const opts = optionsOf(checkOne[1] ?? "");
      for (const m of text.matchAll(/check_one\(\s*'(t\/corpus\/[^']+\.msg)'\s*\)/g)) merge(out, corpusName(m[1] ?? ""), opts);
    }
    // for my $fn ( glob 't/corpus/prefix*.msg' ) { check_report($fn, options…) }
    const glob = /glob[\s(]*'t\/corpus\/([^'*]+)\*\.msg'/.exec(text);
    const globCall = /check_report\(\s*\$fn\s*,([\s\S]*?)\);/.exec(text);
    if (glob !== null && globCall !== null) {
      const prefix = `bp-${glob[1] ?? ""}`;
      const opts = optionsOf(globCall[1] ?? "");
      for (const f of corpusFiles) if (f.startsWith(prefix)) merge(out, f, opts);
    }
    // Tables: "x.msg" => { "recipient" => '…', std_reason => '…', … }, checked with shared options.
    const shared = /check_report\(\s*"t\/corpus\/\$\w+"\s*,([\s\S]*?)\);/.exec(text);
    if (shared !== null) {
      const base = optionsOf(shared[1] ?? "");
      const usesRecipient = /addresses\s*=>\s*\[\s*\$expected\s*\]/.test(shared[1] ?? "");
      for (const m of text.matchAll(/"([\w.-]+\.msg)"\s*=>\s*\{([\s\S]*?)\n\s*\},/g)) {
        const block = m[2] ?? "";
        const e: BounceParserExpectation = { ...base };
        const std = /std_reason\s*=>\s*'(\w+)'/.exec(block);
        if (std !== null) e.stdReason = std[1] ?? "";
        const rcpt = /"recipient"\s*=>\s*'([^']+)'/.exec(block);
        if (usesRecipient && rcpt !== null) e.addresses = [rcpt[1] ?? ""];
        merge(out, corpusName(m[1] ?? ""), e);
      }
    }
    // Hand-written checks: readfile('t/corpus/x.msg') followed by ok(…is_bounce), is(std_reason…), is_deeply(addresses…)
    const segments = text.split(/(?=readfile\(\s*'t\/corpus\/)/);
    for (const seg of segments) {
      const file = /^readfile\(\s*'(t\/corpus\/[^']+\.msg)'/.exec(seg);
      if (file === null) continue;
      const e: BounceParserExpectation = {};
      const ok = /ok\(\s*(!?)\s*\$bounce\d*->is_bounce/.exec(seg);
      if (ok !== null) e.isBounce = ok[1] !== "!";
      const std = /is\(\s*\$std_reason\d*\s*,\s*"(\w+)"/.exec(seg);
      if (std !== null) e.stdReason = std[1] ?? "";
      const addrs = /is_deeply\(\s*\[\s*\$bounce->addresses\s*\]\s*,\s*\[([^\]]*)\]/.exec(seg);
      if (addrs !== null) e.addresses = stringList(addrs[1] ?? "");
      const omid = /orig_message_id,\s*'(<[^']+>)'/.exec(seg);
      if (omid !== null) e.origMessageId = omid[1] ?? "";
      merge(out, corpusName(file[1] ?? ""), e);
    }
  }
  return out;
}
