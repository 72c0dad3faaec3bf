/**
 * Trying to break `classify` on folders (src/cli/mail-folders.ts, src/cli/mail-input.ts):
 * real mail stores as an administrator meets them — Thunderbird profiles, Dovecot Maildir++,
 * MH folders, exports without extensions — and the awkward things found beside them (FIFOs,
 * sockets, devices, links, names that are not UTF-8, huge folders, folders that vanish).
 * "withstood": cases the code handles as it should. "found": cases that fail now; each
 * states the behaviour an administrator needs, with a one-line reason.
 * Every case builds its own store under os.tmpdir() and removes it; anything that could
 * hang runs under a timeout.
 */
import { execFileSync } from "node:child_process";
import { closeSync, copyFileSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { messagesIn, type Item } from "../../../src/cli/mail-input.js";
import {
  BOUNCE,
  BOUNCE_TEXT,
  classify,
  dir,
  found,
  mbox,
  ORDINARY,
  RECEIPT,
  RECEIPT_TEXT,
  temporaryFolders,
  withTimeout,
} from "./mail-stores.js";

const workDir = temporaryFolders("mssante-break-folders-");

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

async function listen(path: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return server;
}

async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
}

describe("withstood", () => {
  it("a Thunderbird profile: Local Folders and ImapMail with .msf, .sbd, filter files, empty Drafts, names with spaces, dots and accents", async () => {
    const profile = workDir();
    const local = dir(profile, "Mail", "Local Folders");
    const imap = dir(profile, "ImapMail", "imap.mssante.fr");
    dir(local, "Archives.sbd", "2026.sbd");
    writeFileSync(join(local, "Inbox"), mbox(BOUNCE_TEXT, ORDINARY));
    writeFileSync(join(local, "Inbox.msf"), '// <!-- <mdb:mork:z v="1.4"/> -->\n< <(a=c)> // (f=iso-8859-1)\n');
    writeFileSync(join(local, "Drafts"), "");
    writeFileSync(join(local, "Unsent Messages"), "");
    writeFileSync(join(local, "filterlog.html"), "<p>\n<b>[03/12/2026 10:00:00] Message from filter \"x\": Moved message</b>\n</p>\n");
    writeFileSync(join(local, "msgFilterRules.dat"), 'version="9"\nlogging="yes"\nname="Retours"\nenabled="yes"\ntype="17"\naction="Move to folder"\ncondition="OR (from,contains,MAILER-DAEMON)"\n');
    writeFileSync(join(local, "Archives"), "");
    writeFileSync(join(local, "Archives.sbd", "2026"), "");
    writeFileSync(join(local, "Archives.sbd", "2026.sbd", "Dr. Lefèvre – réponses"), mbox(RECEIPT_TEXT));
    writeFileSync(join(local, "Archives.sbd", "2026.sbd", "Dr. Lefèvre – réponses.msf"), "// <!-- <mdb:mork:z -->\n");
    writeFileSync(join(imap, "INBOX"), mbox(ORDINARY, BOUNCE_TEXT.replace(/\r?\n/g, "\r\n")));
    writeFileSync(join(imap, "INBOX.msf"), "// <!-- <mdb:mork:z -->\n");
    writeFileSync(join(imap, "Brouillons"), "");
    writeFileSync(join(imap, "msgFilterRules.dat"), 'version="9"\nlogging="no"\n');
    writeFileSync(join(profile, "prefs.js"), '// Mozilla User Preferences\nuser_pref("mail.server.server1.name", "x");\n');
    writeFileSync(join(profile, "virtualFolders.dat"), "version=1\nuri=mailbox://nobody@Local%20Folders/Unread\nterms=AND (from,contains,x)\n");
    writeFileSync(join(profile, "popstate.dat"), "# POP3 State File\n");
    writeFileSync(join(profile, "global-messages-db.sqlite"), Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(4096)]));
    symlinkSync("127.0.0.1:+4242", join(profile, "lock"));
    const r = await classify(["--json", profile]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, profile)).toEqual([
      "ImapMail/imap.mssante.fr/INBOX#1 none",
      "ImapMail/imap.mssante.fr/INBOX#2 bounce",
      "Mail/Local Folders/Archives.sbd/2026.sbd/Dr. Lefèvre – réponses#1 receipt",
      "Mail/Local Folders/Inbox#1 bounce",
      "Mail/Local Folders/Inbox#2 none",
    ]);
  });

  it("a Dovecot Maildir++: CRLF messages, :2,S names, dovecot files, .Sent/.Trash, maildirfolder, tmp/ passed over", async () => {
    const root = workDir();
    for (const box of ["cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp", ".Trash/cur", ".Trash/new", ".Trash/tmp"]) dir(root, box);
    writeFileSync(join(root, "cur", "1764756000.M1P2.mx.mssante.fr,S=4000,W=4100:2,S"), BOUNCE_TEXT.replace(/\r?\n/g, "\r\n"));
    writeFileSync(join(root, "cur", "1764756001.M3P4.mx.mssante.fr:2,RS"), `Return-Path: <x@example.org>\r\nDelivered-To: dr@mssante.fr\r\n${ORDINARY.replace(/\n/g, "\r\n")}`);
    writeFileSync(join(root, "new", "1764756002.M5P6.mx.mssante.fr"), RECEIPT_TEXT);
    writeFileSync(join(root, "tmp", "1764756003.M7P8.mx.mssante.fr"), "Return-Path: <>\r\nReceived: from");
    writeFileSync(join(root, ".Sent", "maildirfolder"), "");
    writeFileSync(join(root, ".Sent", "cur", "1764756004.M9P1.mx:2,S"), ORDINARY);
    writeFileSync(join(root, ".Trash", "maildirfolder"), "");
    writeFileSync(join(root, ".Trash", "cur", "1764756005.M1P3.mx:2,ST"), BOUNCE_TEXT);
    writeFileSync(join(root, "dovecot-uidlist"), "3 V1764756000 N6 G0123456789abcdef\n1 :1764756000.M1P2.mx.mssante.fr\n");
    writeFileSync(join(root, "dovecot-uidvalidity"), "69300000\n");
    writeFileSync(join(root, "dovecot-uidvalidity.69300000"), "");
    writeFileSync(join(root, "dovecot-keywords"), "0 $Forwarded\n1 Junk\n");
    writeFileSync(join(root, "dovecot.index"), Buffer.from([0x07, 0x03, 0x78, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0, 0, 0]));
    writeFileSync(join(root, "dovecot.index.cache"), Buffer.from([0x02, 0x01, 0x00, 0x00, 0x08, 0, 0, 0]));
    writeFileSync(join(root, "dovecot.index.log"), Buffer.from([0x01, 0x03, 0x28, 0x00, 0x00, 0x00]));
    writeFileSync(join(root, "dovecot.list.index.log"), Buffer.from([0x01, 0x03, 0x28, 0x00]));
    writeFileSync(join(root, "subscriptions"), "V\t2\n\nSent\nTrash\n");
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual([
      ".Sent/cur/1764756004.M9P1.mx:2,S none",
      ".Trash/cur/1764756005.M1P3.mx:2,ST bounce",
      "cur/1764756000.M1P2.mx.mssante.fr,S=4000,W=4100:2,S bounce",
      "cur/1764756001.M3P4.mx.mssante.fr:2,RS none",
      "new/1764756002.M5P6.mx.mssante.fr receipt",
    ]);
  });

  it("an MH folder (numbered files, .mh_sequences) and an ImportExportTools NG export (.eml, index.html, files without extension)", async () => {
    const root = workDir();
    const mh = dir(root, "inbox");
    writeFileSync(join(mh, "1"), `Return-Path: <>\nReceived: from mx\n${BOUNCE_TEXT}`);
    writeFileSync(join(mh, "2"), ORDINARY);
    writeFileSync(join(mh, ".mh_sequences"), "unseen: 1-2\ncur: 2\n");
    writeFileSync(join(mh, ".xmhcache"), "1 x\n");
    const export_ = dir(root, "export-2026-12-03");
    copyFileSync(RECEIPT, join(export_, "20261203-Accusé de lecture-1.eml"));
    writeFileSync(join(export_, "20261203-Rendez-vous-2"), `X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\n${ORDINARY}`);
    writeFileSync(join(export_, "index.html"), "<html><body><table><tr><td>From:</td></tr></table></body></html>\n");
    writeFileSync(join(export_, "index.csv"), '"Subject","From","Date"\n"Rendez-vous","Dr Martin","03/12/2026"\n');
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual([
      "export-2026-12-03/20261203-Accusé de lecture-1.eml receipt",
      "export-2026-12-03/20261203-Rendez-vous-2 none",
      "inbox/1 bounce",
      "inbox/2 none",
    ]);
  });

  it("an mbox with >From escapes and From lines in bodies keeps its messages apart and counted", async () => {
    const root = workDir();
    const body = `${ORDINARY}>From the desk of Dr Martin\n>>From here on\n`;
    writeFileSync(join(root, "Inbox"), mbox(body, BOUNCE_TEXT, body));
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(found(r.stdout, root)).toEqual(["Inbox#1 none", "Inbox#2 bounce", "Inbox#3 none"]);
  });

  it("a FIFO, a socket and a link to /dev/zero inside cur/ are named, never opened, and the run goes on", async () => {
    const root = workDir();
    dir(root, "cur");
    dir(root, "new");
    mkfifo(join(root, "cur", "1764756000.M1P1.mx:2,S"));
    const server = await listen(join(root, "cur", "1764756001.M1P1.mx:2,S"));
    try {
      symlinkSync("/dev/zero", join(root, "cur", "1764756002.M1P1.mx:2,S"));
      copyFileSync(BOUNCE, join(root, "new", "1764756003.M1P1.mx"));
      const r = await classify(["--json", root]);
      expect(r.code).toBe(3);
      expect(found(r.stdout, root)).toEqual(["new/1764756003.M1P1.mx bounce"]);
      for (const name of ["1764756000.M1P1.mx:2,S", "1764756001.M1P1.mx:2,S", "1764756002.M1P1.mx:2,S"]) {
        expect(r.stderr).toContain(`${join(root, "cur", name)}: `);
      }
      expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(6); // three, in French and in English
    } finally {
      await close(server);
    }
  });

  it("a link named as a message that points to a FIFO is not opened (no writer: it would wait for ever)", async () => {
    const root = workDir();
    mkfifo(join(root, "pipe"));
    symlinkSync(join(root, "pipe"), join(root, "retour.eml"));
    copyFileSync(BOUNCE, join(root, "vrai.eml"));
    const r = await classify(["--json", root]);
    expect(r.code).toBe(3);
    expect(found(r.stdout, root)).toEqual(["vrai.eml bounce"]);
    expect(r.stderr).toContain(`${join(root, "retour.eml")}: `);
    expect(r.stderr).not.toContain(`${join(root, "pipe")}:`);
  });

  it("a FIFO named like a Thunderbird folder (Inbox) and a socket beside it are passed over without a word", async () => {
    const root = workDir();
    mkfifo(join(root, "Inbox"));
    const server = await listen(join(root, "Sent"));
    try {
      writeFileSync(join(root, "Archives"), mbox(BOUNCE_TEXT));
      const r = await classify(["--json", root]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(found(r.stdout, root)).toEqual(["Archives#1 bounce"]);
    } finally {
      await close(server);
    }
  });

  it("a file that begins as a message but is binary after its header is named, not classified", async () => {
    const root = workDir();
    writeFileSync(join(root, "3"), Buffer.concat([Buffer.from("From: a@b.fr\nDate: Thu, 3 Dec 2026 10:00:00 +0100\n\n"), Buffer.alloc(8192)]));
    copyFileSync(BOUNCE, join(root, "4"));
    const r = await classify(["--json", root]);
    expect(r.code).toBe(3);
    expect(found(r.stdout, root)).toEqual(["4 bounce"]);
    expect(r.stderr).toContain(`${join(root, "3")}: `);
  });

  it("a file name with a newline is read, and written on stderr without a raw line break", async () => {
    const root = workDir();
    dir(root, "cur");
    dir(root, "new");
    copyFileSync(BOUNCE, join(root, "cur", "evil\nname:2,S"));
    writeFileSync(join(root, "new", "empty\nmsg"), "");
    const r = await classify(["--json", root]);
    expect(found(r.stdout, root)).toEqual(["cur/evil\nname:2,S bounce"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("empty\\u000amsg");
    expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(2);
  });

  it("thousands of small files in one Maildir: all read, in name order, none twice", { timeout: 60_000 }, async () => {
    const root = workDir();
    dir(root, "cur");
    dir(root, "new");
    const names: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const name = `${String(1764756000 + i)}.M${String(i)}P1.mx:2,S`;
      names.push(name);
      writeFileSync(join(root, "cur", name), i % 500 === 0 ? BOUNCE_TEXT : ORDINARY);
    }
    const r = await classify(["--json", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const got = found(r.stdout, root);
    expect(got).toHaveLength(3000);
    expect(got.map((l) => l.split(" ")[0])).toEqual(names.sort().map((n) => `cur/${n}`));
    expect(got.filter((l) => l.endsWith(" bounce"))).toHaveLength(6);
  });

  it("a subfolder that disappears while the folder is read is named; the rest is read", async () => {
    const root = workDir();
    copyFileSync(BOUNCE, join(root, "a.eml"));
    const gone = dir(root, "b");
    copyFileSync(BOUNCE, join(gone, "x.eml"));
    copyFileSync(RECEIPT, join(root, "c.eml"));
    const items: Item[] = [];
    for await (const item of messagesIn([root], { concurrency: 1 })) {
      items.push(item);
      if (items.length === 1) rmSync(gone, { recursive: true, force: true });
    }
    expect(items.map((i) => `${i.file.slice(root.length + 1)}${"skipped" in i ? " skipped" : ""}`)).toEqual(["a.eml", "b skipped", "c.eml"]);
  });

  it("a folder with only hidden files, links and an empty Drafts is said to hold no message, in French and in English (exit 3)", async () => {
    const root = workDir();
    copyFileSync(BOUNCE, join(root, ".cache.eml"));
    writeFileSync(join(root, "Drafts"), "");
    symlinkSync("/", join(root, "racine"));
    const r = await classify(["--json", root]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${root} : aucun message trouvé dans ce dossier`);
    expect(r.stderr).toContain(`${root}: no message found in this folder`);
  });

  it("a dangling link and a link loop named .eml are named, and the run goes on", async () => {
    const root = workDir();
    symlinkSync(join(root, "nowhere"), join(root, "dangling.eml"));
    symlinkSync(join(root, "loop.eml"), join(root, "loop.eml"));
    copyFileSync(BOUNCE, join(root, "ok.eml"));
    const r = await classify(["--json", root]);
    expect(r.code).toBe(3);
    expect(found(r.stdout, root)).toEqual(["ok.eml bounce"]);
    expect(r.stderr).toContain(`${join(root, "dangling.eml")}: no such file or folder`);
    expect(r.stderr).toContain(`${join(root, "loop.eml")}: symbolic link loop`);
    expect(r.stderr).toContain(`${join(root, "loop.eml")} : boucle de liens symboliques`);
  });

  it("a 300 MB Thunderbird folder that is one endless line after its From line is read in bounded memory", { timeout: 60_000 }, async () => {
    const root = workDir();
    const fd = openSync(join(root, "Inbox"), "w");
    try {
      writeSync(fd, "From - Thu Dec 03 10:00:00 2026\nFrom: a@b.fr\nSubject: ");
      const chunk = Buffer.alloc(1 << 20, 0x61);
      for (let i = 0; i < 300; i++) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const r = await classify(["--json", root]);
      expect(found(r.stdout, root)).toEqual(["Inbox#1 none"]);
    } finally {
      clearInterval(timer);
    }
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
  });

  it("the order of a mixed store does not depend on how many files are read ahead", async () => {
    const root = workDir();
    for (const box of ["Maildir/cur", "Maildir/new", "Local Folders/Archives.sbd", "export"]) dir(root, box);
    for (let i = 0; i < 40; i++) writeFileSync(join(root, "Maildir", i % 2 === 0 ? "cur" : "new", `${String(1764756000 + i)}.M${String(i)}.mx`), i % 7 === 0 ? BOUNCE_TEXT : ORDINARY);
    writeFileSync(join(root, "Local Folders", "Inbox"), mbox(BOUNCE_TEXT, ORDINARY, RECEIPT_TEXT));
    writeFileSync(join(root, "Local Folders", "Archives.sbd", "2025"), mbox(ORDINARY, BOUNCE_TEXT));
    for (let i = 0; i < 20; i++) writeFileSync(join(root, "export", `${String(i)}.eml`), i % 5 === 0 ? RECEIPT_TEXT : ORDINARY);
    const order = async (concurrency: number): Promise<string[]> => {
      const out: string[] = [];
      for await (const item of messagesIn([root, join(root, "export", "3.eml")], { concurrency })) {
        out.push(`${item.file}${"index" in item && item.index !== null ? `#${String(item.index)}` : ""}`);
      }
      return out;
    };
    const one = await withTimeout(order(1));
    expect(one).toHaveLength(40 + 3 + 2 + 20 + 1);
    expect(await withTimeout(order(12))).toEqual(one);
    expect(await withTimeout(order(64))).toEqual(one);
  });

  it("the same folder given twice, and a folder with a file inside it: every path is read as given, in order", async () => {
    const root = workDir();
    copyFileSync(BOUNCE, join(root, "a.eml"));
    copyFileSync(RECEIPT, join(root, "b.eml"));
    const r = await classify(["--json", root, join(root, "b.eml"), `${root}/`]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(found(r.stdout, root)).toEqual(["a.eml bounce", "b.eml receipt", "b.eml receipt", "a.eml bounce", "b.eml receipt"]);
  });
});

describe("found", () => {
  it("a link named .mbox that points to a regular mbox is read (or at least named), never passed over", async () => {
    const root = workDir();
    const elsewhere = workDir();
    writeFileSync(join(elsewhere, "archive-2025.mbox"), mbox(BOUNCE_TEXT));
    symlinkSync(join(elsewhere, "archive-2025.mbox"), join(root, "archive-2025.mbox"));
    symlinkSync(join(elsewhere, "archive-2025.mbox"), join(root, "copie.eml"));
    writeFileSync(join(root, "notes.eml"), ORDINARY);
    const r = await classify(["--json", root]);
    // A link named as a mailbox is followed like a link named .eml: a bounce in it must not vanish.
    expect(found(r.stdout, root)).toEqual(["archive-2025.mbox#1 bounce", "copie.eml#1 bounce", "notes.eml none"]);
  });

  it("a Thunderbird Maildir folder (cur/ and tmp/, no new/: Thunderbird never makes one) is read without its tmp/", async () => {
    const profile = workDir();
    const inbox = dir(profile, "Mail", "Local Folders", "Inbox");
    dir(inbox, "cur");
    dir(inbox, "tmp");
    writeFileSync(join(profile, "Mail", "Local Folders", "Inbox.msf"), "// <!-- <mdb:mork:z -->\n");
    writeFileSync(join(inbox, "cur", "1764756000123"), BOUNCE_TEXT);
    // Left in tmp/ by a move cut short: a copy, half written.
    writeFileSync(join(inbox, "tmp", "1764756000456"), BOUNCE_TEXT.slice(0, Math.floor(BOUNCE_TEXT.length * 0.8)));
    const r = await classify(["--json", profile]);
    // tmp/ holds messages still being written (see the help: "Maildir (cur/ and new/, not tmp/)"): one bounce, not two.
    expect(found(r.stdout, profile)).toEqual(["Mail/Local Folders/Inbox/cur/1764756000123 bounce"]);
  });

  it("a text document that begins with the word From (no header after it) is not reported as a message", async () => {
    const root = workDir();
    writeFileSync(join(root, "lettre"), "From the desk of Dr Martin, Lyon\n\nChers collègues,\nveuillez trouver ci-joint le protocole.\n");
    copyFileSync(BOUNCE, join(root, "retour.eml"));
    const r = await classify(["--json", root]);
    // An mbox's "From " line is followed by a message's header; a letter listed as "ordinary mail" inflates what was read.
    expect(found(r.stdout, root)).toEqual(["retour.eml bounce"]);
  });

  it("a file named .mbox whose first line is blank gives every message it holds, not only the first", async () => {
    const root = workDir();
    writeFileSync(join(root, "retours.mbox"), `\n${mbox(RECEIPT_TEXT, BOUNCE_TEXT)}`);
    const r = await classify(["--json", root]);
    // The name says mbox and the "From " lines split it: reading it as one message silently drops the bounce.
    expect(found(r.stdout, root)).toEqual(["retours.mbox#1 receipt", "retours.mbox#2 bounce"]);
  });

  it("a message whose file name is not valid UTF-8 (an export unzipped with Latin-1 names) is read", async () => {
    const root = workDir();
    const rootBytes = Buffer.from(root);
    // "Réponse.eml" and a Thunderbird folder "Envoyés", their é written as the Latin-1 byte 0xE9.
    writeFileSync(Buffer.concat([rootBytes, Buffer.from("/R"), Buffer.from([0xe9]), Buffer.from("ponse.eml")]), BOUNCE_TEXT);
    writeFileSync(Buffer.concat([rootBytes, Buffer.from("/Envoy"), Buffer.from([0xe9]), Buffer.from("s")]), mbox(RECEIPT_TEXT));
    const r = await classify(["--json", root]);
    // The file is there: saying "no such file" and dropping it hides a bounce.
    expect(found(r.stdout, root).map((l) => l.split(" ")[1])).toEqual(["receipt", "bounce"]);
    expect(r.code).toBe(0);
  });

  it("a Maildir of 160 000 messages is read (the listing must not overflow the call stack)", { timeout: 120_000 }, async () => {
    const root = workDir();
    const cur = dir(root, "cur");
    dir(root, "new");
    const count = 160_000;
    for (let i = 0; i < count; i++) writeFileSync(join(cur, `${String(1764756000 + i)}.M${String(i)}P1.mx:2,S`), i === 0 ? BOUNCE_TEXT : ORDINARY);
    // Only the first few messages are taken: enough to show the reading starts.
    const items: Item[] = [];
    await withTimeout(
      (async () => {
        for await (const item of messagesIn([root], { concurrency: 4 })) {
          items.push(item);
          if (items.length === 3) break;
        }
      })(),
      60_000,
    );
    // A big mailbox is ordinary for a service's bounce address: it must be read, not crash.
    expect(items.map((i) => ("skipped" in i ? "skipped" : i.file.slice(root.length + 1)))).toEqual([
      "cur/1764756000.M0P1.mx:2,S",
      "cur/1764756001.M1P1.mx:2,S",
      "cur/1764756002.M2P1.mx:2,S",
    ]);
  });
});
