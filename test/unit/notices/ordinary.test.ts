/**
 * `ordinaryNotice`: what the command line answers for mail the header pre-filter turned
 * down, from the header block alone, must be what `classifyMessage` answers for the whole
 * message: same kind, subject and date.
 */
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyMessage, looksLikeNotice, ordinaryNotice } from "../../../src/core/notices/index.js";
import { ROOT } from "../manifest/files.js";

const FIXTURES = join(ROOT, "test", "fixtures", "notices");

function headerBlock(bytes: Buffer): Buffer {
  const text = bytes.toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? bytes : bytes.subarray(0, end + (text[end] === "\r" ? 4 : 2));
}

const DATES = ["Tue, 12 Mar 2024 10:02:11 +0100", "12 Mar 2024 10:02 GMT", "not a date", "", "Mon, 31 Feb 2025 25:61:00 +9999"];

describe("ordinaryNotice", () => {
  it("answers as classifyMessage does for ordinary mail, for any subject and date", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400, unit: "grapheme" }), fc.constantFrom(...DATES), fc.boolean(), fc.boolean(), async (subject, date, encoded, crlf) => {
        const clean = subject.replace(/[\r\n]/g, " ");
        const value = encoded ? `=?UTF-8?B?${Buffer.from(clean).toString("base64")}?=` : clean;
        const eol = crlf ? "\r\n" : "\n";
        const header = [`From: Claire Petit <claire.petit@example.org>`, "To: dr.martin@medecin.mssante.fr", `Subject: ${value}`, ...(date === "" ? [] : [`Date: ${date}`])].join(eol) + eol + eol;
        fc.pre(!looksLikeNotice(header));
        const whole = await classifyMessage(Buffer.from(`${header}Bonjour,${eol}le compte rendu est joint.${eol}`));
        fc.pre(whole.kind === "none" && whole.notNotice === "ordinary");
        expect(ordinaryNotice(Buffer.from(header))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it("answers as classifyMessage does for every fixture the pre-filter turns down", async () => {
    let compared = 0;
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith(".eml"))) {
      const bytes = readFileSync(join(FIXTURES, name));
      const header = headerBlock(bytes);
      if (looksLikeNotice(header.toString("utf8"))) continue;
      const whole = await classifyMessage(bytes);
      expect(whole.kind, name).toBe("none");
      if (whole.notNotice !== "ordinary") continue;
      expect(ordinaryNotice(header), name).toEqual(whole);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
});
