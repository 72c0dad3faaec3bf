/**
 * A sending service's notification sent by e-mail as JSON (Amazon SES, through SNS): a
 * message whose whole text is one JSON object naming the bounced recipients with the fields
 * of a delivery status report (action, status, diagnostic code). Read into report fields, so
 * that the report's rules (formats/dsn.ts) decide. A complaint is not a delivery notice; a
 * "Delivery" notification says nothing failed, and is read as ordinary mail. SES names the
 * kind `notificationType` (notifications) or `eventType` (event publishing). Without a status
 * or a diagnostic code, the bounce's type and subtype give them: the status RFC 3463 gives for
 * the same cause, and a short text made of the two names (never the JSON itself).
 */
import * as z from "zod/mini";

/** The JSON is read up to this length. */
const MAX_JSON_CHARS = 256 * 1024;
/** At most this many recipients are read from one notification. */
const MAX_SERVICE_RECIPIENTS = 100;

const recipientSchema = z.object({
  emailAddress: z.string(),
  action: z.optional(z.string()),
  status: z.optional(z.string()),
  diagnosticCode: z.optional(z.string()),
});

const notificationSchema = z.object({
  notificationType: z.optional(z.string()),
  eventType: z.optional(z.string()),
  bounce: z.optional(
    z.object({
      bounceType: z.optional(z.string()),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(recipientSchema),
      reportingMTA: z.optional(z.string()),
    }),
  ),
});

/** The SNS envelope around it: the notification is a JSON string in `Message`. */
const envelopeSchema = z.object({ Type: z.string(), Message: z.string() });

export type ServiceNotification =
  | { readonly type: "report"; readonly fields: string }
  | { readonly type: "complaint" };

/**
 * The notification a message's text holds, when the text is one (from its first character,
 * spaces aside): report fields for a bounce, or a complaint. Null otherwise.
 */
export function serviceNotification(text: string): ServiceNotification | null {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== "{") return null;
  // Lines of a long JSON text folded by a mail program go on after a line break and a space.
  const json = firstObject(text.slice(start, start + MAX_JSON_CHARS).replace(/\r?\n[ \t]/g, ""));
  if (json === null) return null;
  let value = parseJson(json);
  const envelope = envelopeSchema.safeParse(value);
  if (envelope.success && envelope.data.Type === "Notification") value = parseJson(envelope.data.Message);
  const parsed = notificationSchema.safeParse(value);
  if (!parsed.success) return null;
  const n = parsed.data;
  const type = (n.notificationType ?? n.eventType ?? "").toLowerCase();
  if (type === "complaint") return { type: "complaint" };
  if (type === "bounce" && n.bounce !== undefined) {
    const bounceType = sesName(n.bounce.bounceType);
    const subType = sesName(n.bounce.bounceSubType);
    const blocks = n.bounce.bouncedRecipients.slice(0, MAX_SERVICE_RECIPIENTS).map((r) =>
      block([
        ["Final-Recipient", `rfc822; ${r.emailAddress}`],
        ["Action", r.action ?? "failed"],
        ["Status", present(r.status) ?? statusOf(bounceType, subType)],
        ["Diagnostic-Code", present(r.diagnosticCode) ?? describe(bounceType, subType)],
      ]),
    );
    return report(n.bounce.reportingMTA, blocks);
  }
  return null;
}

/** A type or subtype name as SES writes them (`Permanent`, `MailboxFull`); anything else is not read. */
function sesName(value: string | undefined): string | null {
  return value !== undefined && /^[A-Za-z]{1,40}$/.test(value) ? value : null;
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The class of a bounce type: a permanent failure (5), or a transient one SES gave up on (4). */
const CLASS_OF: ReadonlyMap<string, string> = new Map([
  ["permanent", "5"],
  ["transient", "4"],
]);

/** The subject and detail RFC 3463 gives for the cause a subtype names (General: undefined). */
const DETAIL_OF: ReadonlyMap<string, string> = new Map([
  ["general", "0.0"],
  ["noemail", "1.1"],
  ["mailboxfull", "2.2"],
  ["messagetoolarge", "3.4"],
]);

/** The status code of a bounce's type and subtype, when both have one (`Permanent`/`NoEmail`: 5.1.1). */
function statusOf(bounceType: string | null, subType: string | null): string | undefined {
  const cls = CLASS_OF.get(bounceType?.toLowerCase() ?? "");
  const detail = DETAIL_OF.get(subType?.toLowerCase() ?? "");
  return cls === undefined || detail === undefined ? undefined : `${cls}.${detail}`;
}

/** A short text naming the bounce's type and subtype (`Permanent bounce: no email`). */
function describe(bounceType: string | null, subType: string | null): string | undefined {
  if (bounceType === null && subType === null) return undefined;
  const words = (name: string): string => name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const head = bounceType === null ? "Bounce" : `${bounceType} bounce`;
  return subType === null ? head : `${head}: ${words(subType)}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function report(reportingMta: string | undefined, blocks: readonly string[]): ServiceNotification | null {
  if (blocks.length === 0) return null;
  return { type: "report", fields: [block([["Reporting-MTA", reportingMta]]), ...blocks].join("\n") };
}

/** Report fields on one line each (values on one line, bounded), and the blank line that ends a block. */
function block(fields: readonly (readonly [string, string | undefined])[]): string {
  const lines = fields
    .filter((f): f is readonly [string, string] => f[1] !== undefined && f[1].trim() !== "")
    .map(([name, value]) => `${name}: ${value.replace(/\s+/g, " ").trim().slice(0, 2000)}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The first JSON object of a text, up to its closing brace: braces counted outside strings,
 * in one pass. Null when it never closes.
 */
function firstObject(text: string): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(0, i + 1);
  }
  return null;
}
