/**
 * The evaluation's figures, computed from rows (a label, what we say, what Sisimai says),
 * with no input or output: what is measured is defined here and tested on small rows.
 */
import type { Notice, NoticeKind, Reason } from "../src/core/notices/index.js";
import type { Label } from "./labels.js";

/** What a classifier says about one file, reduced to what the labels state. */
export interface Verdict {
  readonly kind: NoticeKind;
  /** Bounce or delay: the failed or delayed recipients; receipt: the reader; none: empty. */
  readonly recipients: readonly { readonly address: string; readonly reason: Reason | null }[];
}

export interface Row {
  readonly file: string;
  readonly label: Label;
  readonly ours: Verdict;
  /** Null when Sisimai was not run on the file. */
  readonly sisimai: Verdict | null;
  /** The header pre-filter's answer: may this be a notice? */
  readonly prefilter: boolean;
  /** The quick scan's first step, on author and subject alone: may this be a notice? */
  readonly summary: boolean;
}

export interface Ratio {
  readonly n: number;
  readonly of: number;
}

export interface Figures {
  /** Kind exactly as labelled (bounce, delay, receipt, none). */
  readonly kindExact: Ratio;
  /** Failure (bounce or delay) or not, as labelled: the one question Sisimai answers. */
  readonly failureOrNot: Ratio;
  /** Labelled failed or delayed recipients given the labelled reason. */
  readonly reasons: Ratio;
  /** The same, among the labelled recipients that were found at all. */
  readonly reasonsOfFound: Ratio;
  /** Files labelled bounce or delay whose set of failed recipients is exactly the label's. */
  readonly recipientsExact: Ratio;
  /** Labelled failed recipients found, and addresses reported that the label does not name. */
  readonly addressesFound: Ratio;
  readonly addressesExtra: number;
  /** Labelled none (ordinary, auto-reply, complaint, …) or receipt, reported as bounce or delay. */
  readonly falseAlarms: Ratio;
}

export const isFailure = (kind: NoticeKind): boolean => kind === "bounce" || kind === "delay";

const ADDRESS_OF = (r: { readonly address: string }): string => r.address.toLowerCase();

/** Our notice reduced to a verdict: a delivered, relayed or expanded recipient is not a failed one. */
export function verdictOfNotice(n: Notice): Verdict {
  const failed = (a: string | null): boolean => a === null || a === "failed" || a === "delayed";
  const recipients = n.kind === "none" ? [] : n.recipients.filter((r) => n.kind === "receipt" || failed(r.action));
  return { kind: n.kind, recipients: recipients.map((r) => ({ address: ADDRESS_OF(r), reason: r.reason })) };
}

function ratio(pass: readonly boolean[]): Ratio {
  return { n: pass.filter(Boolean).length, of: pass.length };
}

/** One classifier's figures on labelled rows. */
export function figuresOf(rows: readonly Row[], pick: (row: Row) => Verdict | null): Figures {
  const kindExact: boolean[] = [];
  const failureOrNot: boolean[] = [];
  const reasons: boolean[] = [];
  const reasonsOfFound: boolean[] = [];
  const recipientsExact: boolean[] = [];
  const addressesFound: boolean[] = [];
  let addressesExtra = 0;
  const falseAlarms: boolean[] = [];
  for (const row of rows) {
    const v = pick(row);
    if (v === null) continue;
    const { label } = row;
    kindExact.push(v.kind === label.kind);
    failureOrNot.push(isFailure(v.kind) === isFailure(label.kind));
    if (!isFailure(label.kind)) falseAlarms.push(isFailure(v.kind));
    if (!isFailure(label.kind) || label.recipients === null) continue;
    const got = isFailure(v.kind) ? v.recipients : [];
    const want = new Set(label.recipients.map(ADDRESS_OF));
    const have = new Set(got.map(ADDRESS_OF));
    recipientsExact.push(want.size === have.size && [...want].every((a) => have.has(a)));
    addressesExtra += [...have].filter((a) => !want.has(a)).length;
    for (const expected of label.recipients) {
      const found = got.find((r) => ADDRESS_OF(r) === ADDRESS_OF(expected));
      addressesFound.push(found !== undefined);
      const agrees = found !== undefined && found.reason === expected.reason;
      reasons.push(agrees);
      if (found !== undefined) reasonsOfFound.push(agrees);
    }
  }
  return {
    kindExact: ratio(kindExact),
    failureOrNot: ratio(failureOrNot),
    reasons: ratio(reasons),
    reasonsOfFound: ratio(reasonsOfFound),
    recipientsExact: ratio(recipientsExact),
    addressesFound: ratio(addressesFound),
    addressesExtra,
    falseAlarms: { n: falseAlarms.filter(Boolean).length, of: falseAlarms.length },
  };
}

/** Files labelled as a notice (bounce, delay, receipt) that a pre-filter turns down. */
export function prefilterMisses(
  rows: readonly Row[],
  which: "prefilter" | "summary" = "prefilter",
): { readonly missed: readonly string[]; readonly of: number } {
  const notices = rows.filter((r) => r.label.kind !== "none");
  return { missed: notices.filter((r) => !r[which]).map((r) => r.file), of: notices.length };
}

/** What is wrong with one verdict against its label, in words (empty: it agrees on everything). */
export function disagreements(label: Label, v: Verdict): string[] {
  const out: string[] = [];
  if (v.kind !== label.kind) out.push(`kind ${v.kind}, label ${label.kind}`);
  if (!isFailure(label.kind) || label.recipients === null) return out;
  const got = isFailure(v.kind) ? v.recipients : [];
  for (const expected of label.recipients) {
    const found = got.find((r) => ADDRESS_OF(r) === ADDRESS_OF(expected));
    if (found === undefined) out.push(`missing ${expected.address} (${expected.reason ?? "-"})`);
    else if (found.reason !== expected.reason) out.push(`${expected.address}: reason ${found.reason ?? "none"}, label ${expected.reason ?? "-"}`);
  }
  const want = new Set(label.recipients.map(ADDRESS_OF));
  for (const r of got) if (!want.has(ADDRESS_OF(r))) out.push(`extra ${r.address}`);
  return out;
}

/** Label reason → reported reason, for the labelled recipients whose reason differs (or that were not found). */
export function reasonConfusion(rows: readonly Row[], pick: (row: Row) => Verdict | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    const v = pick(row);
    if (v === null || !isFailure(row.label.kind) || row.label.recipients === null) continue;
    const got = isFailure(v.kind) ? v.recipients : [];
    for (const expected of row.label.recipients) {
      const found = got.find((r) => ADDRESS_OF(r) === ADDRESS_OF(expected));
      const said = found === undefined ? "(not found)" : (found.reason ?? "(none)");
      if (said === expected.reason) continue;
      const key = `${expected.reason ?? "-"} → ${said}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

export function percent(r: Ratio): string {
  return r.of === 0 ? "n/a" : `${((100 * r.n) / r.of).toFixed(1)} %`;
}

/** One aim of the checking half (issue 11): its name, the figure and whether it is met. */
export interface Aim {
  readonly name: string;
  readonly met: boolean;
}

const share = (r: Ratio): number => (r.of === 0 ? 0 : r.n / r.of);

/**
 * The aims set for the checking half: reasons agree for at least 90 % of the labelled
 * recipients, at least 98 % of the labelled recipients are found, no false alarm, and every
 * figure Sisimai also has is at least as good as Sisimai's (false alarms and extra addresses: no more).
 */
export function aims(ours: Figures, sisimai: Figures): Aim[] {
  const ratios = ["failureOrNot", "reasons", "reasonsOfFound", "recipientsExact", "addressesFound"] as const;
  const above =
    ratios.every((k) => share(ours[k]) >= share(sisimai[k])) &&
    ours.falseAlarms.n <= sisimai.falseAlarms.n &&
    ours.addressesExtra <= sisimai.addressesExtra;
  return [
    { name: "reasons ≥ 90 %", met: share(ours.reasons) >= 0.9 },
    { name: "recipients found ≥ 98 %", met: share(ours.addressesFound) >= 0.98 },
    { name: "no false alarm", met: ours.falseAlarms.n === 0 },
    { name: "no figure below Sisimai's", met: above },
  ];
}
