/**
 * The command's code cache: kept only in a folder of the user's own, read only when it is a
 * private regular file of the user with a matching checksum, rewritten when missing, damaged
 * or rejected by the engine; and the built command gives the same output with or without it.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheFolder, cacheName, candidateFolders, currentOwner, readCache, writeCache, type CacheOwner } from "../../../src/cli/code-cache.js";
import { ROOT } from "../manifest/files.js";

const me = currentOwner();
if (me === undefined) throw new Error("these tests need user ids (POSIX)");
const uid = me.uid;

let work = "";
let count = 0;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mssante-code-cache-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A fresh folder inside the test's own. */
function fresh(): string {
  const dir = join(work, `case-${++count}`);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

function owner(base: string, env: Record<string, string> = {}): CacheOwner {
  return { uid, env, home: join(base, "home"), temp: join(base, "tmp") };
}

describe("the cache folder", () => {
  it("is $XDG_CACHE_HOME/mssante-patient, else ~/.cache/mssante-patient, then <temp>/mssante-patient-<uid>", () => {
    expect(candidateFolders(owner("/b", { XDG_CACHE_HOME: "/x" }))).toEqual(["/x/mssante-patient", `/b/tmp/mssante-patient-${uid}`]);
    expect(candidateFolders(owner("/b"))).toEqual(["/b/home/.cache/mssante-patient", `/b/tmp/mssante-patient-${uid}`]);
    // A relative XDG_CACHE_HOME is invalid (XDG base directory specification): the default.
    expect(candidateFolders(owner("/b", { XDG_CACHE_HOME: "rel" }))).toEqual(["/b/home/.cache/mssante-patient", `/b/tmp/mssante-patient-${uid}`]);
  });

  it("is made private (mode 700)", () => {
    const base = fresh();
    const folder = cacheFolder(owner(base));
    expect(folder).toBe(join(base, "home", ".cache", "mssante-patient"));
    expect(statSync(folder ?? "").mode & 0o777).toBe(0o700);
  });

  it("is never a folder others may write to, nor a link: the next candidate, or none", () => {
    const base = fresh();
    const shared = join(base, "home", ".cache", "mssante-patient");
    mkdirSync(shared, { recursive: true });
    chmodSync(shared, 0o777);
    expect(cacheFolder(owner(base))).toBe(join(base, "tmp", `mssante-patient-${uid}`));
    const planted = join(base, "tmp", `mssante-patient-${uid}`);
    rmSync(planted, { recursive: true });
    const elsewhere = join(base, "elsewhere");
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, planted);
    expect(cacheFolder(owner(base))).toBeUndefined();
  });

  it("is never a folder of another user", () => {
    const base = fresh();
    expect(cacheFolder({ ...owner(base), uid: uid + 1 })).toBeUndefined();
  });
});

describe("a cache file", () => {
  const data = Buffer.from("engine data ".repeat(100));

  it("is written privately and read back as written", () => {
    const dir = fresh();
    expect(writeCache(dir, "c.cache", data)).toBe(true);
    expect(statSync(join(dir, "c.cache")).mode & 0o777).toBe(0o600);
    expect(readCache(dir, "c.cache", uid)?.equals(data)).toBe(true);
    // Nothing else is left in the folder (the temporary file was renamed).
    expect(readdirSync(dir)).toEqual(["c.cache"]);
  });

  it("is ignored when absent, damaged, cut short or empty", () => {
    const dir = fresh();
    expect(readCache(dir, "c.cache", uid)).toBeUndefined();
    writeCache(dir, "c.cache", data);
    const bytes = readFileSync(join(dir, "c.cache"));
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] ?? 0) ^ 1;
    writeFileSync(join(dir, "c.cache"), flipped, { mode: 0o600 });
    expect(readCache(dir, "c.cache", uid)).toBeUndefined();
    writeFileSync(join(dir, "c.cache"), bytes.subarray(0, bytes.length - 1));
    expect(readCache(dir, "c.cache", uid)).toBeUndefined();
    writeFileSync(join(dir, "c.cache"), "");
    expect(readCache(dir, "c.cache", uid)).toBeUndefined();
    writeFileSync(join(dir, "c.cache"), Buffer.concat([Buffer.from("NOT-OURS!"), bytes.subarray(9)]));
    expect(readCache(dir, "c.cache", uid)).toBeUndefined();
  });

  it("is ignored when others may write to it, when it is a link, or when it is another user's", () => {
    const dir = fresh();
    writeCache(dir, "c.cache", data);
    chmodSync(join(dir, "c.cache"), 0o666);
    expect(readCache(dir, "c.cache", uid)).toBeUndefined();
    chmodSync(join(dir, "c.cache"), 0o600);
    expect(readCache(dir, "c.cache", uid + 1)).toBeUndefined();
    symlinkSync(join(dir, "c.cache"), join(dir, "link.cache"));
    expect(readCache(dir, "link.cache", uid)).toBeUndefined();
    expect(readCache(dir, "c.cache", uid)?.equals(data)).toBe(true);
  });

  it("replaces the previous one", () => {
    const dir = fresh();
    writeCache(dir, "c.cache", data);
    writeCache(dir, "c.cache", Buffer.from("newer"));
    expect(readCache(dir, "c.cache", uid)?.toString()).toBe("newer");
  });

  it("is named after the version, the bundle's source and the engine, and nothing else", () => {
    const name = cacheName("1.0.0", "source", "11.3");
    expect(cacheName("1.0.0", "source", "11.3")).toBe(name);
    expect(cacheName("1.0.1", "source", "11.3")).not.toBe(name);
    expect(cacheName("1.0.0", "source!", "11.3")).not.toBe(name);
    expect(cacheName("1.0.0", "source", "11.4")).not.toBe(name);
    expect(cacheName("../../x", "s", "1/2")).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});

describe("the built command with its cache", () => {
  let cli = "";
  let cacheHome = "";
  const files = readdirSync(join(ROOT, "test", "fixtures", "notices"))
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => join(ROOT, "test", "fixtures", "notices", f));

  beforeAll(() => {
    const dir = fresh();
    cli = join(dir, "cli.mjs");
    cacheHome = join(dir, "cache");
    execFileSync(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--cli-only", "--cli-out", cli], { cwd: ROOT, stdio: "pipe" });
  }, 60_000);

  const classify = (env: Record<string, string>): string =>
    execFileSync(process.execPath, [cli, "classify", "--json", ...files], { encoding: "utf8", env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env } });
  const cacheFiles = (): string[] => readdirSync(join(cacheHome, "mssante-patient"));

  it("writes its cache after a first run, uses it after, and says the same with or without it", () => {
    const without = classify({ MSSANTE_PATIENT_CODE_CACHE: "off" });
    expect(without.split("\n").length).toBeGreaterThan(20);
    expect(() => readdirSync(cacheHome)).toThrow();
    expect(classify({})).toBe(without);
    const [name, ...others] = cacheFiles();
    expect(others).toEqual([]);
    const folder = join(cacheHome, "mssante-patient");
    const first = readCache(folder, name ?? "", uid);
    expect(first?.length).toBeGreaterThan(1000);
    expect(classify({})).toBe(without);
    // Accepted by the engine: not rewritten.
    expect(readCache(folder, name ?? "", uid)?.equals(first ?? Buffer.alloc(0))).toBe(true);
  }, 60_000);

  it("rewrites a cache the engine rejects, and one that is damaged", () => {
    const without = classify({ MSSANTE_PATIENT_CODE_CACHE: "off" });
    classify({});
    const folder = join(cacheHome, "mssante-patient");
    const [name = ""] = cacheFiles();
    // A well-formed file whose content is not the engine's data for this source.
    const junk = Buffer.from("not compiled code ".repeat(50));
    writeCache(folder, name, junk);
    expect(classify({})).toBe(without);
    const rewritten = readCache(folder, name, uid);
    expect(rewritten?.length).toBeGreaterThan(1000);
    expect(rewritten?.equals(junk)).toBe(false);
    // Damaged on disk (checksum mismatch): ignored, then rewritten.
    writeFileSync(join(folder, name), "garbage", { mode: 0o600 });
    expect(classify({})).toBe(without);
    expect(readCache(folder, name, uid)?.length).toBeGreaterThan(1000);
  }, 60_000);

  it("neither reads nor writes a cache in a folder others may write to", () => {
    const without = classify({ MSSANTE_PATIENT_CODE_CACHE: "off" });
    const folder = join(cacheHome, "mssante-patient");
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const tempHome = join(work, "no-temp");
    mkdirSync(tempHome, { mode: 0o700 });
    // The temporary fallback is shared too (mode 777): no cache at all.
    const temp = join(tempHome, `mssante-patient-${uid}`);
    mkdirSync(temp);
    chmodSync(temp, 0o777);
    expect(classify({ TMPDIR: tempHome })).toBe(without);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
  }, 60_000);
});
