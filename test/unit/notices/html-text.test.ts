import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText, MAX_HTML_CHARS } from "../../../src/core/notices/html-text.js";

describe("HTML to text", () => {
  it("drops tags, breaks lines at block ends, skips scripts and styles, decodes entities", () => {
    const html =
      "<html><head><title>t</title><style>p{color:red}</style></head><body><p>Delivery&nbsp;failed</p>" +
      "<div>User &lt;a@b.example&gt; unknown &amp; gone</div><script>var x = '<p>no</p>';</script>" +
      "<br/>&#233;t&#xE9; <!-- hidden --> fin</body></html>";
    const text = htmlToText(html);
    expect(text).toContain("Delivery failed\n");
    expect(text).toContain("User <a@b.example> unknown & gone");
    expect(text).toContain("été");
    expect(text).toContain("fin");
    for (const hidden of ["color:red", "var x", "hidden", "no"]) expect(text).not.toMatch(new RegExp(`\\b${hidden}\\b`));
  });

  it("keeps a lone '<' and unknown entities as text", () => {
    expect(htmlToText("a < b && c &bogus; d")).toBe("a < b && c &bogus; d");
  });

  it("stops at an unfinished tag, comment, script or style", () => {
    expect(htmlToText("before<p class='x")).toBe("before");
    expect(htmlToText("before<!-- never closed")).toBe("before");
    expect(htmlToText("before<style>never closed")).toBe("before");
  });

  it("text before a tag that never closes is given once (a property run found it twice)", () => {
    expect(htmlToText("!-- <style-->")).toBe("!-- ");
    expect(htmlToText("a <script>x")).toBe("a ");
    expect(htmlToText("a <!-- x")).toBe("a ");
    expect(htmlToText("a <b")).toBe("a ");
  });

  it("never gives more text than it was given, and no tag survives", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("<", ">", "/", "p", "br", "style", "&", ";", "#", "x", "a", " ", "!--", "-->") }), (html) => {
        const text = htmlToText(html);
        expect(text.length).toBeLessThanOrEqual(html.length + 1 + html.split("<").length);
        expect(text).not.toMatch(/<p>|<br>|<style>/);
      }),
    );
  });

  it("reads at most its bound", () => {
    const text = htmlToText(`${"a".repeat(MAX_HTML_CHARS)}<p>tail`);
    expect(text).not.toContain("tail");
  });
});
