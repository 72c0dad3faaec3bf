/**
 * What the add-on store's reviewers do: rebuild the .xpi from the sources and compare. Two
 * builds, in two fresh copies of the sources at different paths, must give the same bytes;
 * and the .xpi must be readable, reviewable code: no source maps, no minified bundle, no
 * remote code.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkTree } from "../../../harness/files.js";
import { ROOT } from "../manifest/files.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const XPI = join("dist", `${pkg.name}-${pkg.version}.xpi`);

/** A copy of what `npm ci && npm run build` works from, built; resolves with the .xpi bytes. */
function buildCopy(parent: string, name: string): Uint8Array {
  const dir = join(parent, name);
  mkdirSync(dir);
  for (const entry of ["src", "scripts", "icons", "manifest.json", "package.json"]) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  linkTree(join(ROOT, "node_modules"), join(dir, "node_modules"), [".cache"]);
  execFileSync(process.execPath, [join(dir, "scripts", "build.mjs")], { cwd: dir, stdio: "pipe" });
  return new Uint8Array(readFileSync(join(dir, XPI)));
}

let work: string;
let first: Uint8Array;
let second: Uint8Array;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mssante-build-"));
  first = buildCopy(work, "a");
  second = buildCopy(work, "second-copy");
}, 180_000);

// Two copies of the sources to remove: slow on a busy machine.
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe("the .xpi", () => {
  it("is the same, byte for byte, when built twice from the same sources in different folders", () => {
    expect(first.length).toBeGreaterThan(0);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it("has sorted entries with a fixed date, and the manifest at its root", () => {
    const names: string[] = [];
    const dates = new Set<string>();
    unzipSync(first, {
      filter(file) {
        names.push(file.name);
        return false;
      },
    });
    expect(names).toEqual([...names].sort());
    expect(names).toContain("manifest.json");
    // Local header of each entry: DOS time and date at offsets 10–13 (ZIP APPNOTE 4.3.7).
    const view = Buffer.from(first);
    for (let at = view.indexOf("PK\x03\x04"); at >= 0; at = view.indexOf("PK\x03\x04", at + 4)) {
      dates.add(view.subarray(at + 10, at + 14).toString("hex"));
    }
    expect(dates.size).toBe(1);
  });

  it("holds readable code only: no source maps, no minified bundle, no remote or generated code", () => {
    const files = unzipSync(first);
    for (const [name, data] of Object.entries(files)) {
      expect(name, name).not.toMatch(/\.map$/);
      if (!/\.(js|html|css|json)$/.test(name)) continue;
      const text = strFromU8(data);
      expect(text, name).not.toContain("sourceMappingURL");
      if (name.endsWith(".js")) {
        // Minified code is a few very long lines; the readable bundle has short lines, save
        // for the odd long regular expression or string.
        const lines = text.split("\n");
        expect(lines.length, name).toBeGreaterThan(20);
        const long = lines.filter((l) => l.length > 160).length;
        expect(long / lines.length, `${name}: share of lines over 160 characters`).toBeLessThan(0.02);
        expect(text, name).not.toMatch(/\beval\s*\(|\bnew Function\s*\(|importScripts\s*\(/);
        expect(text, name).not.toMatch(/\bimport\s*\(\s*["'`]https?:/);
      }
      if (name.endsWith(".html")) {
        expect(text, name).not.toMatch(/<script[^>]+src\s*=\s*["']?(?:https?:)?\/\//i);
        expect(text, name).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      }
    }
  });
});
