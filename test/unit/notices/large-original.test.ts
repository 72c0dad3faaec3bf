/**
 * Notices whose returned original is huge: the classifier reads the first
 * `CLASSIFIER_INPUT_BYTES` only, which hold the report parts (they come before the original),
 * so a notice cut anywhere in its original, the final MIME part left unterminated, is
 * classified exactly as the whole notice is.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLASSIFIER_INPUT_BYTES, classifyMessage, MAX_MESSAGE_BYTES, type Notice } from "../../../src/core/notices/index.js";
import { largeNotice, PATIENT } from "./large-notices.js";

const MIB = 1024 * 1024;

/** What must not change when the original is cut. */
function essentials(n: Notice): unknown {
  return {
    kind: n.kind,
    format: n.format,
    notNotice: n.notNotice,
    originalId: n.original?.messageId ?? null,
    recipients: n.recipients.map((r) => ({ address: r.address, action: r.action, status: r.status, reason: r.reason, ins: r.ins, disposition: r.disposition?.type ?? null })),
  };
}

describe("notices carrying a 20 MB original", { timeout: 30_000 }, () => {
  const bytes = (raw: string): Uint8Array => new TextEncoder().encode(raw);

  it("a bounce: classified from its first CLASSIFIER_INPUT_BYTES as from the whole", async () => {
    const notice = largeNotice("bounce", 20 * MIB);
    const whole = bytes(notice.raw);
    expect(whole.length).toBeGreaterThan(20 * MIB);
    const cut = await classifyMessage(whole.subarray(0, CLASSIFIER_INPUT_BYTES));
    expect(cut).toMatchObject({ kind: "bounce", format: "dsn", original: { messageId: `<${notice.originalId}>` } });
    expect(cut.recipients).toEqual([expect.objectContaining({ address: PATIENT, reason: "mailbox-closed", status: "5.2.1", insValid: true })]);
    expect(essentials(cut)).toEqual(essentials(await classifyMessage(whole)));
  });

  it("a read receipt: classified from its first CLASSIFIER_INPUT_BYTES as from the whole", async () => {
    const notice = largeNotice("receipt", 20 * MIB);
    const whole = bytes(notice.raw);
    const cut = await classifyMessage(whole.subarray(0, CLASSIFIER_INPUT_BYTES));
    expect(cut).toMatchObject({ kind: "receipt", format: "mdn", original: { messageId: `<${notice.originalId}>` } });
    expect(cut.recipients).toHaveLength(1);
    expect(cut.recipients[0]).toMatchObject({ address: PATIENT, disposition: { type: "displayed", error: false } });
    expect(essentials(cut)).toEqual(essentials(await classifyMessage(whole)));
  });

  it("reads no further than CLASSIFIER_INPUT_BYTES: what lies beyond never changes the result", async () => {
    const notice = largeNotice("bounce", 2 * MIB);
    const whole = bytes(notice.raw);
    const garbled = whole.slice();
    garbled.fill(0x41, CLASSIFIER_INPUT_BYTES);
    expect(essentials(await classifyMessage(garbled))).toEqual(essentials(await classifyMessage(whole)));
    expect(CLASSIFIER_INPUT_BYTES).toBeGreaterThan(MAX_MESSAGE_BYTES);
  });

  it("an mbox separator and blank lines before the headers still leave the report parts within the read", async () => {
    const notice = largeNotice("receipt", 3 * MIB);
    const prefixed = bytes(`From - Mon Mar  3 10:00:00 2025\r\n\r\n${notice.raw}`);
    const cut = await classifyMessage(prefixed.subarray(0, CLASSIFIER_INPUT_BYTES));
    expect(cut).toMatchObject({ kind: "receipt", original: { messageId: `<${notice.originalId}>` } });
  });
});

describe("property: a notice cut anywhere in its original is classified as the whole notice", () => {
  for (const kind of ["bounce", "receipt"] as const) {
    it(kind, async () => {
      const notice = largeNotice(kind, 256 * 1024, 7);
      const whole = new TextEncoder().encode(notice.raw);
      const expected = essentials(await classifyMessage(whole));
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: notice.originalBodyAt, max: whole.length }), async (cutAt) => {
          expect(essentials(await classifyMessage(whole.subarray(0, cutAt)))).toEqual(expected);
        }),
        { numRuns: 30 },
      );
    }, 120_000);
  }
});
