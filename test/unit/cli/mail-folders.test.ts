/**
 * `classify` on the mail stores an administrator is handed: a Maildir (Dovecot, Postfix), a
 * Thunderbird profile's folders (mbox files without an extension, `.msf` indexes, `.sbd`
 * subfolders), an export without extensions, nested folders — and a folder where nothing is
 * found, which must never read as "no bounce".
 */
import fc from "fast-check";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginsAsMessage, blankLead, MAX_FOLDER_DEPTH } from "../../../src/cli/mail-folders.js";
import { BOUNCE, classify, dir, FIXTURES, found, mbox, ORDINARY, RECEIPT } from "./mail-stores.js";

let work = "";

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mssante-folders-"));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A folder below this file's temporary folder. */
function folder(...parts: string[]): string {
  return dir(work, ...parts);
}

describe("a Maildir", () => {
  it("reads every file of cur/ and new/, and of Maildir++ subfolders; never tmp/ nor the server's own files", async () => {
    const root = folder("Maildir");
    for (const box of ["cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"]) folder("Maildir", box);
    copyFileSync(BOUNCE, join(root, "cur", "1764756000.M1P2.mx:2,S"));
    writeFileSync(join(root, "cur", "1764756001.M3P4.mx:2,"), ORDINARY);
    copyFileSync(RECEIPT, join(root, "new", "1764756002.M5P6.mx"));
    copyFileSync(BOUNCE, join(root, "tmp", "1764756003.M7P8.mx")); // still being delivered
    copyFileSync(RECEIPT, join(root, ".Sent", "cur", "1764756004.M9P1.mx:2,S"));
    copyFileSync(BOUNCE, join(root, ".Sent", "tmp", "1764756005.M2P2.mx"));
    writeFileSync(join(root, "dovecot-uidlist"), "3 V1764756000 N4 G0123456789abcdef\n1 :1764756000.M1P2.mx\n");
    writeFileSync(join(root, "dovecot.index.log"), Buffer.from([0x01, 0x02, 0x00, 0x00, 0x10, 0x00]));
    writeFileSync(join(root, "subscriptions"), "Sent\n");
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual([
      ".Sent/cur/1764756004.M9P1.mx:2,S receipt",
      "cur/1764756000.M1P2.mx:2,S bounce",
      "cur/1764756001.M3P4.mx:2, none",
      "new/1764756002.M5P6.mx receipt",
    ]);
  });

  it("names a file of cur/ that cannot be read as a message, and goes on", async () => {
    const root = folder("Maildir-odd");
    folder("Maildir-odd", "cur");
    folder("Maildir-odd", "new");
    writeFileSync(join(root, "cur", "1.M1.mx:2,S"), "");
    copyFileSync(BOUNCE, join(root, "new", "2.M2.mx"));
    const r = await classify(["--json", root]);
    expect(r.code).toBe(3);
    expect(found(r.stdout, root)).toEqual(["new/2.M2.mx bounce"]);
    expect(r.stderr).toContain(`${join(root, "cur", "1.M1.mx:2,S")}: empty file`);
  });
});

describe("Thunderbird's own Maildir store (cur/ and tmp/, no new/)", () => {
  it("reads cur/, never tmp/", async () => {
    const root = folder("tb-maildir", "Mail", "Local Folders", "Inbox");
    folder("tb-maildir", "Mail", "Local Folders", "Inbox", "cur");
    folder("tb-maildir", "Mail", "Local Folders", "Inbox", "tmp");
    writeFileSync(join(root, "cur", "1764756000123"), `X-Mozilla-Status: 0001\n${readFileSync(BOUNCE, "utf8")}`);
    copyFileSync(BOUNCE, join(root, "tmp", "1764756000456"));
    const r = await classify(["--json", join(work, "tb-maildir")]);
    expect(r.stderr).toBe("");
    expect(found(r.stdout, root)).toEqual(["cur/1764756000123 bounce"]);
  });
});

describe("a Thunderbird profile's folders", () => {
  it("reads the mbox files whatever their names, in subfolders too, and passes over indexes and settings", async () => {
    const root = folder("Local Folders");
    folder("Local Folders", "Sent.sbd");
    writeFileSync(join(root, "Inbox"), mbox(readFileSync(BOUNCE, "utf8"), ORDINARY, readFileSync(RECEIPT, "utf8")));
    writeFileSync(join(root, "Inbox.msf"), '// <!-- <mdb:mork:z v="1.4"/> -->\n< <(a=c)> // (f=iso-8859-1)\n');
    writeFileSync(join(root, "Trash"), ""); // an empty folder: an empty mbox
    writeFileSync(join(root, "Trash.msf"), '// <!-- <mdb:mork:z v="1.4"/> -->\n');
    writeFileSync(join(root, "msgFilterRules.dat"), 'version="9"\nlogging="no"\n');
    writeFileSync(join(root, "popstate.dat"), "# POP3 State File\n");
    writeFileSync(join(root, "Sent.sbd", "Dr. Martin"), mbox(readFileSync(BOUNCE, "utf8")));
    writeFileSync(join(root, "Sent.sbd", "Dr. Martin.msf"), "// <!-- <mdb:mork:z -->\n");
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual(["Inbox#1 bounce", "Inbox#2 none", "Inbox#3 receipt", "Sent.sbd/Dr. Martin#1 bounce"]);
  });

  it("says a folder of empty mbox files holds no message", async () => {
    const root = folder("empty-profile");
    writeFileSync(join(root, "Inbox"), "");
    writeFileSync(join(root, "Inbox.msf"), "// <!-- <mdb:mork:z -->\n");
    const r = await classify(["--json", root]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${root} : aucun message trouvé dans ce dossier`);
    expect(r.stderr).toContain(`${root}: no message found in this folder`);
  });
});

describe("other folders", () => {
  it("reads an export without extensions, and never what only looks like text, binary data or a hidden file", async () => {
    const root = folder("export");
    copyFileSync(BOUNCE, join(root, "1"));
    writeFileSync(join(root, "2"), ORDINARY.replace(/\n/g, "\r\n"));
    writeFileSync(join(root, "notes"), "Note: relancer le patient\n\nFrom: moi\nDate: demain\n");
    writeFileSync(join(root, "blob"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
    copyFileSync(BOUNCE, join(root, ".hidden.eml"));
    writeFileSync(join(root, ".mh_sequences"), "unseen: 1-2\n");
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual(["1 bounce", "2 none"]);
  });

  it("reads subfolders where they fall in alphabetical order, and does not follow links to folders", async () => {
    const root = folder("nested");
    folder("nested", "b", "c");
    copyFileSync(BOUNCE, join(root, "a.eml"));
    copyFileSync(RECEIPT, join(root, "b", "c", "m.eml"));
    writeFileSync(join(root, "b", "z.eml"), ORDINARY);
    copyFileSync(BOUNCE, join(root, "c.eml"));
    symlinkSync(root, join(root, "again")); // a loop, were it followed
    symlinkSync(join(root, "b"), join(root, "b-link"));
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(found(r.stdout, root)).toEqual(["a.eml bounce", "b/c/m.eml receipt", "b/z.eml none", "c.eml bounce"]);
  });

  it(`reads ${String(MAX_FOLDER_DEPTH)} levels of subfolders, says the next one is not read, and goes on`, async () => {
    const root = folder("deep");
    const levels = Array.from({ length: MAX_FOLDER_DEPTH + 1 }, (_, i) => `d${String(i + 1)}`);
    folder("deep", ...levels);
    copyFileSync(BOUNCE, join(root, ...levels.slice(0, MAX_FOLDER_DEPTH), "last-read.eml"));
    copyFileSync(BOUNCE, join(root, ...levels, "too-deep.eml"));
    copyFileSync(RECEIPT, join(root, "top.eml"));
    const r = await classify(["--json", root]);
    expect(r.code).toBe(3);
    expect(found(r.stdout, root)).toEqual([`${levels.slice(0, MAX_FOLDER_DEPTH).join("/")}/last-read.eml bounce`, "top.eml receipt"]);
    expect(r.stderr).toContain(`${join(root, ...levels)}: more than ${String(MAX_FOLDER_DEPTH)} levels of subfolders`);
    expect(r.stderr).not.toContain("no message found");
  });

  it("says which folder given held no message, and still reads the other paths", async () => {
    const empty = folder("nothing", "sub");
    writeFileSync(join(empty, "readme.txt"), "Rien ici.\n");
    const r = await classify(["--json", join(work, "nothing"), BOUNCE]);
    expect(r.code).toBe(3);
    expect(found(r.stdout, FIXTURES)).toEqual(["mes-closed-dsn-fr.eml bounce"]);
    expect(r.stderr).toContain(`${join(work, "nothing")}: no message found in this folder`);
    expect(r.stderr).not.toContain(`${empty}:`);
  });
});

describe("beginsAsMessage", () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it("takes a header block that names a sender, a date or a route", () => {
    expect(beginsAsMessage(bytes(ORDINARY))).toBe(true);
    expect(beginsAsMessage(bytes("Return-Path: <>\r\nReceived: from mx\r\n\r\nbody"))).toBe(true);
    expect(beginsAsMessage(bytes("X-Mozilla-Status: 0001\nSubject: a\n\n"))).toBe(true);
    expect(beginsAsMessage(bytes("Subject: a\nDATE: Thu, 3 Dec 2026 10:00:00 +0100\n"))).toBe(true);
  });

  it("turns down text whose mail-like lines come after a blank line, or that begins otherwise", () => {
    expect(beginsAsMessage(bytes("Note: hello\n\nFrom: x\n"))).toBe(false);
    expect(beginsAsMessage(bytes("Subject only: no sender\nTo: x\n\n"))).toBe(false);
    expect(beginsAsMessage(bytes(" From: folded\n"))).toBe(false);
    expect(beginsAsMessage(bytes("3 V1764756000 N4\nFrom: x\n"))).toBe(false);
    expect(beginsAsMessage(bytes(""))).toBe(false);
    expect(beginsAsMessage(new Uint8Array([0, 1, 2, 0x46, 0x72, 0x6f, 0x6d, 0x3a]))).toBe(false);
  });
});

describe("the help", () => {
  it("tells, in French and in English, what a folder is read for and how deep", async () => {
    const r = await classify(["--help"]);
    expect(r.stdout).toContain(`sous-dossiers compris (${String(MAX_FOLDER_DEPTH)} niveaux)`);
    expect(r.stdout).toContain(`subfolders included (${String(MAX_FOLDER_DEPTH)} levels)`);
    expect(r.stdout).toContain("Maildir (cur/ et new/, pas tmp/)");
    expect(r.stdout).toContain("Maildir's messages (cur/ and");
  });
});

describe("blankLead", () => {
  it("is the length of the whole whitespace-only lines at the start, whatever follows", () => {
    const blankLine = fc.tuple(fc.stringMatching(/^[ \t\r]{0,4}$/), fc.constantFrom("\n", "\r\n")).map(([w, end]) => w + end);
    const rest = fc.string({ maxLength: 40 }).filter((t) => !/^[ \t\r]*\n/.test(t));
    fc.assert(
      fc.property(fc.array(blankLine, { maxLength: 6 }), rest, (lines, tail) => {
        const lead = lines.join("");
        expect(blankLead(new TextEncoder().encode(lead + tail))).toBe(new TextEncoder().encode(lead).length);
      }),
    );
  });
});
