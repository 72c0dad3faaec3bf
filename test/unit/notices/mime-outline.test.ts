import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outlineMessage } from "../../../src/core/notices/mime-outline.js";
import { parse, type Parsed } from "../../../src/core/notices/parse.js";

const DIR = fileURLToPath(new URL("../../fixtures/notices/", import.meta.url));
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith(".eml"))
  .sort();

/** What the classifier reads of a parsed message, beside the header block (read by our own code either way). */
function read(p: Parsed): unknown {
  return { text: p.text, dsn: p.dsnTexts, mdn: p.mdnTexts, originals: p.originals, feedback: p.feedbackPart };
}

async function expectSameAsLibrary(bytes: Uint8Array): Promise<void> {
  expect(read(await parse(bytes))).toEqual(read(await parse(bytes, { outline: false })));
}

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A Postfix-like bounce: text in quoted-printable, the report and the returned headers as they are. */
const POSTFIX = [
  "From: MAILER-DAEMON@mx.example.org",
  "To: dr.martin@medecin.mssante.fr",
  "Subject: Undelivered Mail Returned to Sender",
  "MIME-Version: 1.0",
  'Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="B1/mx"',
  "",
  "This is a MIME-encapsulated message.",
  "",
  "--B1/mx",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  "Votre message n'a pas pu =C3=AAtre distribu=C3=A9 =C3=A0",
  "<295109912611193@patient.mssante.fr>: user unknown",
  "",
  "--B1/mx",
  "Content-Type: message/delivery-status",
  "",
  "Reporting-MTA: dns; mx.example.org",
  "",
  "Final-Recipient: rfc822; 295109912611193@patient.mssante.fr",
  "Action: failed",
  "Status: 5.1.1",
  "",
  "--B1/mx",
  "Content-Type: text/rfc822-headers",
  "",
  "Subject: Résultats",
  "",
  "--B1/mx--",
  "",
].join("\r\n");

describe("the MIME outline", () => {
  it("reads a common bounce by its boundaries, as the library reads it", async () => {
    const bytes = bytesOf(POSTFIX);
    const view = await outlineMessage(bytes);
    expect(view).not.toBeNull();
    expect(view?.text).toContain("être distribué à");
    expect(view?.attachments.map((a) => a.mimeType)).toEqual(["message/delivery-status", "text/rfc822-headers"]);
    await expectSameAsLibrary(bytes);
  });

  it("gives what the library gives for every fixture", async () => {
    for (const name of FIXTURES) await expectSameAsLibrary(new Uint8Array(readFileSync(`${DIR}${name}`)));
  });

  it("leaves HTML without a text part, comments in a header and digests to the library", async () => {
    const html = 'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/html\n\n<p>Undeliverable</p>\n--x--\n';
    const comment = "Content-Type: text/plain (a comment); charset=utf-8\n\nUndeliverable\n";
    const digest = 'Content-Type: multipart/digest; boundary="x"\n\n--x\n\nSubject: a\n\nbody\n--x--\n';
    for (const text of [html, comment, digest]) {
      expect(await outlineMessage(bytesOf(text))).toBeNull();
      await expectSameAsLibrary(bytesOf(text));
    }
  });

  // Messages built from the pieces notices are made of, and from the odd ones: any nesting,
  // line ends, transfer encodings, charsets, headers missing, empty or folded, boundaries
  // with spaces after them or never closed, lines that look like boundaries.
  const EOL = fc.constantFrom("\n", "\r\n");
  const line = fc.constantFrom(
    "Delivery to the following recipient failed permanently:",
    "  patient@patient.mssante.fr",
    "Le message n'a pas pu =C3=AAtre distribu=C3=A9",
    "TWVzc2FnZSBub24gcmVtaXM=",
    "Final-Recipient: rfc822; a@b.example",
    "Status: 5.1.1",
    "",
    " ",
    "--",
    "--x",
    "--x--",
    "--y ",
    "caf\u00e9 \u00e0 \u00e9t\u00e9",
    "=\r",
    "Subject: returned",
  );
  const body = fc.array(line, { maxLength: 6 });
  const leafType = fc.constantFrom(
    "text/plain",
    "text/plain; charset=utf-8",
    'text/plain; charset="us-ascii"',
    "text/plain; charset=iso-8859-1",
    "text/plain; charset=utf-16",
    "text/plain; format=flowed",
    "text/html; charset=utf-8",
    "message/delivery-status",
    "message/rfc822",
    "text/rfc822-headers",
    "message/disposition-notification",
    "message/feedback-report",
    "application/pdf; name=a.pdf",
    "Text/Plain",
    "",
    "; charset=utf-8",
    "text/plain (note)",
    "text/plain; charset*=utf-8''x",
  );
  interface LeafHeaders {
    readonly type: string | undefined;
    readonly encoding: string | undefined;
    readonly disposition: string | undefined;
    readonly duplicateType: boolean;
  }
  const headerLines: fc.Arbitrary<LeafHeaders> = fc.record({
    type: fc.option(leafType, { nil: undefined }),
    encoding: fc.option(fc.constantFrom("7bit", "8bit", "base64", "quoted-printable", "Base64", '"base64"', ""), { nil: undefined }),
    disposition: fc.option(fc.constantFrom("inline", "attachment", 'attachment; filename="r.txt"', "attachment; filename=a(1).txt"), {
      nil: undefined,
    }),
    duplicateType: fc.boolean(),
  });
  type Part =
    | { kind: "leaf"; headers: LeafHeaders; body: string[] }
    | { kind: "multi"; subtype: string; boundary: string; quoted: boolean; parts: Part[]; close: boolean; trailing: string; epilogue: string[] };
  const part: fc.Arbitrary<Part> = fc.letrec<{ part: Part }>((tie) => ({
    part: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.record({ kind: fc.constant("leaf" as const), headers: headerLines, body }),
      fc.record({
        kind: fc.constant("multi" as const),
        subtype: fc.constantFrom("mixed", "report", "alternative", "related"),
        boundary: fc.constantFrom("x", "y", "x-y", "=_b 1"),
        quoted: fc.boolean(),
        parts: fc.array(tie("part"), { maxLength: 3 }),
        close: fc.boolean(),
        trailing: fc.constantFrom("", " ", "\t", "--", "z"),
        epilogue: body,
      }),
    ),
  })).part;

  function render(p: Part, eol: string): string {
    if (p.kind === "leaf") {
      const h: string[] = [];
      if (p.headers.type !== undefined) h.push(`Content-Type: ${p.headers.type}`);
      if (p.headers.duplicateType) h.push("Content-Type: application/octet-stream");
      if (p.headers.encoding !== undefined) h.push(`Content-Transfer-Encoding: ${p.headers.encoding}`);
      if (p.headers.disposition !== undefined) h.push(`Content-Disposition:${eol}\t${p.headers.disposition}`);
      return [...h, "", ...p.body].join(eol) + eol;
    }
    const boundary = p.quoted ? `"${p.boundary}"` : p.boundary.replace(/ /g, "");
    const value = p.quoted ? p.boundary : p.boundary.replace(/ /g, "");
    const parts = p.parts.map((c) => `--${value}${eol}${render(c, eol)}`).join("");
    const end = p.close ? `--${value}--${p.trailing}${eol}` : "";
    return [`Content-Type: multipart/${p.subtype};${eol} boundary=${boundary}`, "", "preamble", ""].join(eol) + parts + end + p.epilogue.join(eol);
  }

  it("gives what the library gives for any message built from these pieces", async () => {
    await fc.assert(
      fc.asyncProperty(part, EOL, async (p, eol) => {
        await expectSameAsLibrary(bytesOf(`From: a@b.example${eol}${render(p, eol)}`));
      }),
      { numRuns: 400 },
    );
  });
});
