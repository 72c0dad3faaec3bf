/**
 * A sending service's notification sent by e-mail as JSON (Amazon SES, through SNS): a
 * message whose whole text is one JSON object naming the bounced recipients with the fields
 * of a delivery status report (action, status, diagnostic code). Read into report fields, so
 * that the report's rules (formats/dsn.ts) decide. A complaint is not a delivery notice; a
 * "Delivery" notification says nothing failed, and is read as ordinary mail.
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
  notificationType: z.string(),
  bounce: z.optional(
    z.object({
      bounceType: z.optional(z.string()),
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
  const type = n.notificationType.toLowerCase();
  if (type === "complaint") return { type: "complaint" };
  if (type === "bounce" && n.bounce !== undefined) {
    const blocks = n.bounce.bouncedRecipients.slice(0, MAX_SERVICE_RECIPIENTS).map((r) =>
      block([
        ["Final-Recipient", `rfc822; ${r.emailAddress}`],
        ["Action", r.action ?? "failed"],
        ["Status", r.status],
        ["Diagnostic-Code", r.diagnosticCode],
      ]),
    );
    return report(n.bounce.reportingMTA, blocks);
  }
  return null;
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
