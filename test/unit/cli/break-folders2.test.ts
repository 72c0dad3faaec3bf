/**
 * Trying to break `classify` on folders, second round: the changes of dc0090f and ba00059 —
 * what is left to read is a stack (order of paths and of nested folders), read-ahead and an
 * early stop releasing what was opened, names that are not UTF-8 (at several levels, and on
 * the command line), and blank lines before an mbox's first `From ` line or a message's header
 * (single messages, standard input, CRLF, a huge run of them, files of no mail name).
 * The shapes of break-folders.test.ts are not repeated.
 * "withstood": cases the code handles as it should. "found": cases that fail now; each states
 * the behaviour an administrator needs, with a one-line reason.
 * Every case builds its own store under os.tmpdir() and removes it; anything that could hang
 * runs under a timeout.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { messagesIn } from "../../../src/cli/mail-input.js";
import { BOUNCE_TEXT, classify, dir, found, mbox, RECEIPT_TEXT, RUN_MS, temporaryFolders, withTimeout } from "./mail-stores.js";
import { buildPrivateCommandLine } from "./private-build.js";

const workDir = temporaryFolders("mssante-break-folders2-");

function crlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

/** The descriptors this process holds open. */
function openDescriptors(): number {
  return readdirSync("/proc/self/fd").length;
}

describe("withstood", () => {
  it("nested folders and several paths come out in the order given, each folder's entries in byte order, whatever the read-ahead", async () => {
    const root = workDir();
    // Folders nested five deep, each with messages before and after its subfolder, and mboxes.
    let here = dir(root, "B");
    for (let level = 0; level < 5; level++) {
      writeFileSync(join(here, "a.eml"), BOUNCE_TEXT);
      writeFileSync(join(here, "m.mbox"), mbox(RECEIPT_TEXT, BOUNCE_TEXT));
      writeFileSync(join(here, "z.eml"), RECEIPT_TEXT);
      here = dir(here, "s");
    }
    writeFileSync(join(here, "deep.eml"), BOUNCE_TEXT);
    const a = dir(root, "A");
    for (let i = 0; i < 30; i++) writeFileSync(join(a, `${String(i).padStart(2, "0")}.eml`), i % 2 === 0 ? BOUNCE_TEXT : RECEIPT_TEXT);
    writeFileSync(join(root, "single.eml"), RECEIPT_TEXT);
    const args = ["--json", join(root, "B"), join(root, "single.eml"), a, join(root, "B", "s", "s")];
    const expected: string[] = [];
    // The subfolder "s" falls between m.mbox and z.eml in byte order: its whole content first.
    const inOrder = (prefix: string, levels: number): string[] => {
      const out: string[] = [];
      const walk = (level: number): void => {
        const p = `${prefix}${"s/".repeat(level)}`;
        if (level === levels) {
          out.push(`${p}deep.eml bounce`);
          return;
        }
        out.push(`${p}a.eml bounce`, `${p}m.mbox#1 receipt`, `${p}m.mbox#2 bounce`);
        walk(level + 1);
        out.push(`${p}z.eml receipt`);
      };
      walk(0);
      return out;
    };
    expected.push(...inOrder("B/", 5), "single.eml receipt");
    for (let i = 0; i < 30; i++) expected.push(`A/${String(i).padStart(2, "0")}.eml ${i % 2 === 0 ? "bounce" : "receipt"}`);
    expected.push(...inOrder("B/s/s/", 3));
    for (const concurrency of [1, 2, 3, 12, 64]) {
      const r = await classify(args, undefined, concurrency);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(found(r.stdout, root)).toEqual(expected);
    }
  });

  it("a reader that stops early, with mboxes being read ahead, leaves no file open", async () => {
    const root = workDir();
    // Mboxes larger than one first read: each one is kept open until its turn, then read ahead.
    const big = mbox(...Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? BOUNCE_TEXT : RECEIPT_TEXT)));
    for (let i = 0; i < 20; i++) writeFileSync(join(dir(root, `f${String(i)}`), "box.mbox"), big);
    for (let i = 0; i < 20; i++) writeFileSync(join(root, `m${String(i)}.mbox`), big);
    const before = openDescriptors();
    for (const stopAfter of [1, 150, 401, 900]) {
      let n = 0;
      await withTimeout(
        (async () => {
          for await (const item of messagesIn([root, root], { concurrency: 12 })) {
            expect("skipped" in item).toBe(false);
            if (++n >= stopAfter) break;
          }
        })(),
      );
      expect(n).toBe(stopAfter);
      expect(openDescriptors()).toBe(before);
    }
  });

  it("folders whose names are not UTF-8, at several levels (a Maildir among them), are read and shown in Latin-1", async () => {
    const root = workDir();
    const top = Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x65, 0x78, 0x70, 0x6f, 0x72, 0x74, 0xe9])]); // "exporté" in Latin-1
    const sub = Buffer.concat([top, Buffer.from("/"), Buffer.from([0xe0, 0x20, 0x74, 0x72, 0x69, 0x65, 0x72])]); // "à trier"
    const maildir = Buffer.concat([sub, Buffer.from("/.Envoy"), Buffer.from([0xe9, 0x73])]); // ".Envoyés"
    for (const p of [top, sub, maildir]) mkdirSync(p);
    for (const box of ["cur", "new", "tmp"]) mkdirSync(Buffer.concat([maildir, Buffer.from(`/${box}`)]));
    writeFileSync(Buffer.concat([top, Buffer.from("/1.eml")]), RECEIPT_TEXT);
    writeFileSync(Buffer.concat([sub, Buffer.from("/r"), Buffer.from([0xe9]), Buffer.from("ponse.eml")]), BOUNCE_TEXT);
    writeFileSync(Buffer.concat([maildir, Buffer.from("/cur/1733220000.M1P1.host:2,S")]), crlf(BOUNCE_TEXT));
    writeFileSync(Buffer.concat([maildir, Buffer.from("/new/1733220001.M2P2.host")]), RECEIPT_TEXT);
    writeFileSync(Buffer.concat([maildir, Buffer.from("/tmp/1733220002.M3P3.host")]), BOUNCE_TEXT);
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual([
      "exporté/1.eml receipt",
      "exporté/à trier/.Envoyés/cur/1733220000.M1P1.host:2,S bounce",
      "exporté/à trier/.Envoyés/new/1733220001.M2P2.host receipt",
      "exporté/à trier/réponse.eml bounce",
    ]);
  });

  it("a path given on the command line whose name is not UTF-8 is said, with a failing exit status, never taken for another file", { timeout: 120_000 }, () => {
    const { work, cli } = buildPrivateCommandLine("mssante-break-folders2-cli-");
    workDir.adopt(work);
    const root = workDir();
    // "café.eml" in Latin-1, and beside it the same name in UTF-8 holding something else.
    writeFileSync(Buffer.concat([Buffer.from(`${root}/caf`), Buffer.from([0xe9]), Buffer.from(".eml")]), BOUNCE_TEXT);
    writeFileSync(join(root, "café.eml"), RECEIPT_TEXT);
    const r = spawnSync("/bin/sh", ["-c", `exec "$0" "$1" classify --json "$2"$(printf '\\351').eml`, process.execPath, cli, `${root}/caf`], {
      timeout: RUN_MS,
      encoding: "utf8",
    });
    expect(r.error).toBeUndefined();
    // The other file (café.eml in UTF-8) is never read in its place; the path is said, in French and in English, exit 3.
    expect(r.stdout).toBe("");
    expect(r.status).toBe(3);
    expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(2);
    expect(r.stderr).toMatch(/impossible de lire .*caf/);
    expect(r.stderr).toMatch(/cannot read .*caf/);
  });

  it("a single message that begins with blank lines (LF, CRLF, with spaces) is classified from its real header", async () => {
    const root = workDir();
    writeFileSync(join(root, "a.eml"), `\n\n${BOUNCE_TEXT}`);
    writeFileSync(join(root, "b.eml"), crlf(`\n\n\n${BOUNCE_TEXT}`));
    writeFileSync(join(root, "c.eml"), ` \r\n\t\n${RECEIPT_TEXT}`);
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual(["a.eml bounce", "b.eml bounce", "c.eml receipt"]);
  });

  it("an mbox on standard input with blank lines first (in the same chunk) gives every message", async () => {
    const text = `\n\n${crlf(`\n${mbox(BOUNCE_TEXT, RECEIPT_TEXT)}`)}`;
    const r = await classify(["--json", "-"], Readable.from([Buffer.from(text)]));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, "\0")).toEqual(["-#1 bounce", "-#2 receipt"]);
  });

  it("a file of no mail name beginning with blank lines, then a From line and a header, is read as an mbox", async () => {
    const root = workDir();
    writeFileSync(join(root, "Inbox"), `\r\n\r\n${crlf(mbox(RECEIPT_TEXT, BOUNCE_TEXT))}`);
    writeFileSync(join(root, "Inbox.msf"), "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> // (f=iso-8859-1)\n");
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual(["Inbox#1 receipt", "Inbox#2 bounce"]);
  });
  it("a folder that holds no message is said once, wherever it falls among other paths and whatever the read-ahead", async () => {
    const root = workDir();
    const empty = dir(root, "Vide");
    // Only an empty Maildir, an empty subfolder, hidden files and an index: no message.
    for (const box of ["cur", "new", "tmp"]) dir(empty, "INBOX", box);
    writeFileSync(join(dir(empty, "INBOX"), "dovecot-uidlist"), "3 V1733220000 N1\n");
    writeFileSync(join(dir(empty, "sous-dossier"), ".hidden"), "x");
    writeFileSync(join(empty, "Inbox.msf"), "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n");
    const full = dir(root, "Plein");
    writeFileSync(join(full, "a.eml"), BOUNCE_TEXT);
    for (const args of [[empty, full], [full, empty], [full, empty, join(full, "a.eml")]]) {
      for (const concurrency of [1, 12]) {
        const r = await classify(["--json", ...args], undefined, concurrency);
        expect(r.code).toBe(3);
        expect(found(r.stdout, root).filter((l) => l === "Plein/a.eml bounce")).toHaveLength(args.length - 1);
        const lines = r.stderr.split("\n").filter((l) => l !== "");
        expect(lines).toHaveLength(2);
        expect(lines.every((l) => l.includes("Vide"))).toBe(true);
      }
    }
  });

  it("a link named .mbox and a FIFO named .eml, both with names that are not UTF-8, are followed and named (never opened blind)", async () => {
    const elsewhere = workDir();
    writeFileSync(join(elsewhere, "vrai.mbox"), mbox(RECEIPT_TEXT, BOUNCE_TEXT));
    const root = workDir();
    const box = Buffer.concat([Buffer.from(`${root}/Re`), Buffer.from([0xe7]), Buffer.from("us")]); // "Reçus" in Latin-1
    mkdirSync(box);
    symlinkSync(join(elsewhere, "vrai.mbox"), Buffer.concat([box, Buffer.from("/copie "), Buffer.from([0xe9, 0xe9]), Buffer.from(".mbox")]));
    // "tubeÿ.eml" in Latin-1: a FIFO where a message should be, with no writer.
    execFileSync("/bin/sh", ["-c", 'cd "$0" && mkfifo "$(printf "Re\\347us/tube\\377.eml")"', root]);
    const r = await classify(["--json", root]);
    expect(found(r.stdout, root)).toEqual(["Reçus/copie éé.mbox#1 receipt", "Reçus/copie éé.mbox#2 bounce"]);
    expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(2);
    expect(r.stderr).toContain("Reçus/tubeÿ.eml");
    expect(r.code).toBe(3);
  });
});

describe("found", () => {
  it("an mbox on standard input whose blank lines come in a first chunk of their own gives every message, not one", async () => {
    // Blank lines before the first From line are passed over "for every input, standard input included"; a pipe's chunking must not change what is read.
    const r = await classify(["--json", "-"], Readable.from([Buffer.from("\r\n\r\n\r\n"), Buffer.from(mbox(BOUNCE_TEXT, RECEIPT_TEXT))]));
    expect(found(r.stdout, "\0")).toEqual(["-#1 bounce", "-#2 receipt"]);
  });

  it("an .mbox whose first From line comes after a long run of blank lines (100 KB) gives every message", async () => {
    // How many blank lines precede the first From line must not decide whether a mailbox is read as one message (its bounces then unseen).
    const root = workDir();
    writeFileSync(join(root, "Archives.mbox"), `${"\n".repeat(100 * 1024)}${mbox(RECEIPT_TEXT, BOUNCE_TEXT)}`);
    const r = await classify(["--json", root]);
    expect(found(r.stdout, root)).toEqual(["Archives.mbox#1 receipt", "Archives.mbox#2 bounce"]);
  });

  it("a message of no mail name (an MH folder, an export without extensions) beginning with a blank line is read, not passed over", async () => {
    // The same bytes named 1.eml are read (leading blank lines belong to the header block, header-block.ts); the name must not silently drop a bounce.
    const root = workDir();
    writeFileSync(join(root, "1"), RECEIPT_TEXT);
    writeFileSync(join(root, "2"), `\n${BOUNCE_TEXT}`);
    writeFileSync(join(root, ".mh_sequences"), "unseen: 2\n");
    const r = await classify(["--json", root]);
    expect(found(r.stdout, root)).toEqual(["1 receipt", "2 bounce"]);
  });
});
