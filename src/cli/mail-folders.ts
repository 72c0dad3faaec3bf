/**
 * What `classify` reads in a folder: the mail stores an administrator is handed, not only a
 * folder of `.eml` files.
 * - `.eml` files: one message each;
 * - mbox files: `.mbox` and `.mbx` files, and any other regular file that begins with a
 *   `From ` line — Thunderbird's folders (Inbox, Sent…, no extension; their `.msf` indexes
 *   are not mail);
 * - Maildir (`cur/` beside `new/` or `tmp/`): every file of `cur/` and `new/` (names without an
 *   extension); `tmp/` holds messages still being written and is not read;
 * - a regular file of any other name that begins as a message (a header block naming the
 *   sender, date or route): an export without extensions;
 * - subfolders, read in turn (Thunderbird's `.sbd`, Maildir++'s `.Sent`), to a bounded depth.
 * Entries are taken in alphabetical order (byte order), each subfolder where it falls. Hidden
 * files, links to folders and whatever does not begin as mail are passed over without a word;
 * an entry that should be a message but is not a regular file is named.
 */
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { msg, type Message as Text } from "../core/i18n/text.js";

/** Subfolders below a path given by the user that are still read. */
export const MAX_FOLDER_DEPTH = 16;

/**
 * What a file is opened by: its path as a string, or as bytes when its name is not UTF-8 (an
 * archive unzipped with Latin-1 names): decoded, such a name no longer names the file.
 */
export type FsPath = string | Buffer;

/** `file`: the path as shown to the user; `path`: what it is opened by. */
export type FolderEntry =
  /**
   * A message or an mbox, by its name or its place. `checked`: a regular file (from the
   * listing); otherwise (a link, a FIFO…) looked at before it is opened.
   */
  | { readonly kind: "entry"; readonly file: string; readonly path: FsPath; readonly checked: boolean }
  /** A regular file of another name: read only if it begins as mail (see `beginsAsMessage`). */
  | { readonly kind: "maybe"; readonly file: string; readonly path: FsPath }
  | {
      readonly kind: "folder";
      readonly file: string;
      readonly path: FsPath;
      readonly depth: number;
      readonly maildirBox: boolean;
    }
  | { readonly kind: "skipped"; readonly file: string; readonly skipped: Text };

const MBOX_NAME = /\.(?:mbox|mbx)$/i;
const EML_NAME = /\.eml$/i;
const SLASH = Buffer.from("/");

/** One entry's name: as shown (a name that is not UTF-8 read as Latin-1) and whether that is its exact name. */
interface Name {
  readonly entry: Dirent<Buffer>;
  readonly text: string;
  readonly exact: boolean;
}

function nameOf(entry: Dirent<Buffer>): Name {
  const text = entry.name.toString("utf8");
  const exact = Buffer.from(text, "utf8").equals(entry.name);
  return { entry, text: exact ? text : entry.name.toString("latin1"), exact };
}

/**
 * A Maildir: a folder holding the folder `cur`, and `new` or `tmp` beside it (Thunderbird's
 * own Maildir store writes no `new`).
 */
function isMaildir(names: readonly Name[]): boolean {
  const dirs = new Set(names.filter((n) => n.entry.isDirectory()).map((n) => n.text));
  return dirs.has("cur") && (dirs.has("new") || dirs.has("tmp"));
}

/**
 * The entries of a folder to read, in order (of their names' bytes). `file`: the folder as
 * shown; `path`: what it is opened by; `depth`: how far below the path the user gave (0 for that
 * path); `maildirBox`: the folder is a Maildir's `cur` or `new`.
 */
export async function folderEntries(file: string, path: FsPath, depth: number, maildirBox: boolean): Promise<FolderEntry[]> {
  const names = (await readdir(path, { withFileTypes: true, encoding: "buffer" })).map(nameOf);
  names.sort((x, y) => Buffer.compare(x.entry.name, y.entry.name));
  const maildir = isMaildir(names);
  const out: FolderEntry[] = [];
  for (const { entry: e, text: name, exact } of names) {
    const shown = join(file, name);
    const opened: FsPath =
      exact && typeof path === "string" ? join(path, name) : Buffer.concat([Buffer.from(path), SLASH, e.name]);
    // A message by its name, or a mailbox by its name, or a file of a Maildir's cur/ or new/.
    const named = EML_NAME.test(name) || MBOX_NAME.test(name) || maildirBox;
    if (e.isDirectory()) {
      if (maildir && name === "tmp") continue;
      if (depth + 1 > MAX_FOLDER_DEPTH) {
        out.push({ kind: "skipped", file: shown, skipped: msg("cliReadFolderTooDeep", MAX_FOLDER_DEPTH) });
      } else {
        const box = maildir && (name === "cur" || name === "new");
        out.push({ kind: "folder", file: shown, path: opened, depth: depth + 1, maildirBox: box });
      }
    } else if (name.startsWith(".")) {
      // Hidden files: a mail program's own (.mh_sequences, dovecot's), never a message.
      continue;
    } else if (e.isFile()) {
      out.push(named ? { kind: "entry", file: shown, path: opened, checked: true } : { kind: "maybe", file: shown, path: opened });
    } else if (named) {
      // A link, a FIFO or a device where a message or a mailbox should be: looked at, never opened blind.
      out.push({ kind: "entry", file: shown, path: opened, checked: false });
    }
    // Anything else (a link of another name, a socket): not mail, not followed.
  }
  return out;
}

/** The first line of a header block: a field name and its colon. */
const FIRST_FIELD = /^[!-9;-~]{1,76}:/;
/** A field every stored message has at least one of (sender, date, route, identity). */
const MAIL_FIELD = /^(?:from|date|received|return-path|delivered-to|message-id|x-mozilla-status):/im;
/** How much of a file's start is looked at to tell mail from other files. */
const SNIFF_CHARS = 8 * 1024;

/**
 * How many bytes the whitespace-only lines at the start take (whole lines only): a mailbox
 * written with a line end first, a message saved with a blank line before its header.
 */
export function blankLead(bytes: Uint8Array): number {
  let lead = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) lead = i + 1;
    else if (b !== 0x20 && b !== 0x09 && b !== 0x0d) break;
  }
  return lead;
}

/** Whether a file of unknown kind begins as one message (not as an mbox: see isMbox), past blank lines. */
export function beginsAsMessage(first: Uint8Array): boolean {
  const start = blankLead(first);
  const length = Math.min(first.length - start, SNIFF_CHARS);
  const head = Buffer.from(first.buffer, first.byteOffset + start, length).toString("latin1");
  const blank = head.search(/\r?\n\r?\n/);
  const block = blank === -1 ? head : head.slice(0, blank);
  return FIRST_FIELD.test(block) && MAIL_FIELD.test(block);
}
