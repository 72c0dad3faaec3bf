/** Building the classifier's answers: a notice, a recipient, "not a notice". */
import { cleanAddress, displayAddress, patientInfo } from "./addresses.js";
import { bounded, getHeader, normalizeDate } from "./headers.js";
import { MAX_RECIPIENTS } from "./plaintext.js";
import type { FieldMap } from "./report.js";
import type { Parsed } from "./parse.js";
import type {
  DeliveryAction,
  Disposition,
  NotANotice,
  Notice,
  NoticeFormat,
  NoticeKind,
  NoticeRecipient,
  OriginalMessage,
  Reason,
} from "./types.js";

/** Diagnostics and other remote texts are cut to this length. */
export const MAX_DIAGNOSTIC_CHARS = 500;

export function none(what: NotANotice, p: Parsed | null): Notice {
  return {
    kind: "none",
    notNotice: what,
    format: null,
    recipients: [],
    original: null,
    subject: p === null || p.subject === "" ? null : p.subject,
    date: p === null ? null : normalizeDate(getHeader(p.fields, "date")),
    reporter: null,
  };
}

export function notice(
  kind: NoticeKind,
  format: NoticeFormat,
  recipients: NoticeRecipient[],
  p: Parsed,
  original: OriginalMessage | null,
  reporter: string | null,
): Notice {
  return {
    kind,
    notNotice: null,
    format,
    recipients: recipients.slice(0, MAX_RECIPIENTS),
    original,
    subject: p.subject === "" ? null : p.subject,
    date: normalizeDate(getHeader(p.fields, "date")),
    reporter,
  };
}

function patientFields(address: string): { ins: string | null; insValid: boolean | null } {
  const info = patientInfo(address);
  return info === null ? { ins: null, insValid: null } : { ins: info.ins, insValid: info.insValid };
}

export function recipient(
  address: string,
  values: {
    action: DeliveryAction | null;
    status: string | null;
    diagnostic: string | null;
    reason: Reason | null;
    disposition?: Disposition | null;
    date?: string | null;
  },
): NoticeRecipient {
  const shown = displayAddress(address);
  return {
    address: shown,
    action: values.action,
    status: values.status,
    diagnostic: values.diagnostic,
    reason: values.reason,
    ...patientFields(shown),
    disposition: values.disposition ?? null,
    date: values.date ?? null,
  };
}

export /** `smtp; 550 5.1.1 …` → `550 5.1.1 …` */
function diagnosticText(value: string | undefined): string | null {
  if (value === undefined) return null;
  let v = value.trim();
  const semi = v.indexOf(";");
  if (semi >= 0 && semi < 20 && /^[A-Za-z0-9-]+$/.test(v.slice(0, semi).trim())) v = v.slice(semi + 1);
  v = bounded(v, MAX_DIAGNOSTIC_CHARS);
  return v === "" ? null : v;
}

/**
 * Exchange's wrapping of an address that is not an SMTP one (`IMCEAEX-_O=…_CN=…@domain`,
 * `IMCEAX400-…`, `IMCEANOTES-…`): nobody's mailbox as written; another field names it.
 */
const ENCAPSULATED = /^(?:[A-Za-z0-9-]{1,20}\s*;)?\s*<?imcea[a-z0-9]{0,10}-/i;

export function recipientAddress(rec: FieldMap): string | null {
  let wrapped: string | null = null;
  for (const name of ["original-recipient", "final-recipient", "x-actual-recipient"]) {
    const v = rec.get(name);
    if (v === undefined) continue;
    const a = cleanAddress(v);
    if (a !== null && ENCAPSULATED.test(v.trim())) wrapped ??= a;
    else if (a !== null) return a;
  }
  return wrapped;
}

export function reporterName(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = diagnosticText(value);
  return v === null ? null : bounded(v, 200);
}

export function reporterFromSender(from: string): string | null {
  const a = cleanAddress(from);
  if (a === null) return null;
  return a.slice(a.lastIndexOf("@") + 1).toLowerCase();
}

export function cleanMessageId(value: string | undefined): string | null {
  if (value === undefined) return null;
  const m = /<\s*([^<>\s]{1,250})\s*>/.exec(value);
  const id = m?.[1] ?? value.trim().split(/\s+/)[0] ?? "";
  return id === "" ? null : `<${id}>`;
}

