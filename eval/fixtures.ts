/**
 * The project's own fixtures (test/fixtures/notices: NAME.eml beside NAME.expected.json)
 * read as labels, so that the same figures can be given on them.
 */
import * as z from "zod";
import { REASONS, type Reason } from "../src/core/notices/index.js";
import type { Label, LabelRecipient } from "./labels.js";

const expectation = z.looseObject({
  kind: z.enum(["bounce", "delay", "receipt", "none"]),
  notNotice: z.optional(z.nullable(z.enum(["ordinary", "complaint", "auto-reply", "challenge", "forwarded"]))),
  recipients: z.optional(
    z.array(
      z.looseObject({
        address: z.string(),
        action: z.optional(z.nullable(z.string())),
        reason: z.optional(z.nullable(z.enum(REASONS as [Reason, ...Reason[]]))),
      }),
    ),
  ),
});

/**
 * A fixture's expectation as a label: its kind, and (when it lists recipients) the failed or
 * delayed ones with their reasons, or a receipt's reader. A recipient listed as delivered,
 * relayed or expanded is not a failed one.
 */
export function labelOfExpectation(file: string, json: unknown): Label {
  const e = expectation.parse(json);
  let recipients: LabelRecipient[] | null = null;
  if (e.recipients !== undefined) {
    const failed = (a: string | null | undefined): boolean => a === undefined || a === null || a === "failed" || a === "delayed";
    recipients = e.kind === "none" ? [] : e.recipients
      .filter((r) => e.kind === "receipt" || failed(r.action))
      .map((r) => ({ address: r.address.toLowerCase(), reason: e.kind === "receipt" ? null : (r.reason ?? null) }));
  }
  return { file, kind: e.kind, notNotice: e.kind === "none" ? (e.notNotice ?? "ordinary") : null, recipients };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Whether a value holds what an expectation states, as the fixtures' unit test reads it:
 * objects partially (the keys the expectation names), arrays element by element and of the
 * same length, anything else equal.
 */
export function matchesExpectation(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchesExpectation(actual[i], e));
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(([k, v]) => k in actual && matchesExpectation(actual[k], v));
  }
  return Object.is(actual, expected);
}
