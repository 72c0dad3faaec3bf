// Messages pre-filled into Local Folders: an mbox file written by the test, then indexed by
// Thunderbird (a folder written behind Thunderbird's back stays empty for the messages API
// until its summary is rebuilt).
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { BidiClient } from "./bidi.js";
import type { ThunderbirdProfile } from "./profile.js";

const FROM_LINE = "From - Mon Jan  1 00:00:00 2024\n";

/**
 * The mbox bytes of `messages` (raw .eml contents). Lines of a message starting with `From `
 * (or `>From `, `>>From `…) get one more `>` (mboxrd), each message ends with a line break
 * and is followed by an empty line.
 */
export function mboxBytes(messages: readonly (string | Uint8Array)[]): Buffer {
  const parts: Buffer[] = [];
  for (const message of messages) {
    const raw = typeof message === "string" ? Buffer.from(message, "utf8") : Buffer.from(message);
    const text = raw.toString("latin1").replace(/^(>*From )/gm, ">$1");
    const terminated = text.endsWith("\n") ? text : `${text}${text.includes("\r\n") ? "\r\n" : "\n"}`;
    parts.push(Buffer.from(FROM_LINE, "latin1"), Buffer.from(terminated, "latin1"), Buffer.from("\n", "latin1"));
  }
  return Buffer.concat(parts);
}

/** Appends messages to the mbox of a Local Folders folder (creating the file if needed). */
export async function appendToLocalFolder(
  profile: ThunderbirdProfile,
  folderName: string,
  messages: readonly (string | Uint8Array)[],
): Promise<void> {
  await appendFile(join(profile.localFoldersDir, folderName), mboxBytes(messages));
}

export interface IndexedFolder {
  /** Messages in the folder's summary after reindexing. */
  readonly total: number;
  /** Thunderbird's folder URI (`mailbox://nobody@Local%20Folders/Name`). */
  readonly uri: string;
  /** The MailExtension account id of Local Folders. */
  readonly accountId: string;
  /** The MailExtension folder path (`/Name`). */
  readonly path: string;
}

const indexedFolderSchema = z.object({
  total: z.number(),
  uri: z.string(),
  accountId: z.string(),
  path: z.string(),
});

const INDEX_LOCAL_FOLDER = String.raw`async (folderName, timeoutMs) => {
  const server = MailServices.accounts.localFoldersServer;
  const root = server.rootFolder;
  let folder = null;
  try {
    folder = root.getChildNamed(folderName);
  } catch {
    folder = null;
  }
  if (!folder) folder = root.addSubfolder(folderName);
  // Drop the summary so that it is rebuilt from the mbox as it is now on disk.
  try {
    folder.msgDatabase?.forceClosed();
  } catch {}
  folder.msgDatabase = null;
  const summary = folder.summaryFile;
  if (summary.exists()) summary.remove(false);
  const local = folder.QueryInterface(Ci.nsIMsgLocalMailFolder);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("reparse of " + folderName + " timed out")), timeoutMs);
    const listener = {
      OnStartRunningUrl() {},
      OnStopRunningUrl(url, status) {
        clearTimeout(timer);
        if (Components.isSuccessCode(status)) resolve();
        else reject(new Error("reparse of " + folderName + " failed: 0x" + (status >>> 0).toString(16)));
      },
      QueryInterface: ChromeUtils.generateQI(["nsIUrlListener"]),
    };
    try {
      local.getDatabaseWithReparse(listener, null);
      // Answered synchronously: the summary was valid already.
      clearTimeout(timer);
      resolve();
    } catch (e) {
      // NS_ERROR_NOT_INITIALIZED means "parsing started, the listener will be called".
      if (e.result != Cr.NS_ERROR_NOT_INITIALIZED) {
        clearTimeout(timer);
        reject(e);
      }
    }
  });
  const account = MailServices.accounts.findAccountForServer(server);
  return {
    total: folder.getTotalMessages(false),
    uri: folder.URI,
    accountId: account.key,
    path: "/" + folder.URI.slice(root.URI.length + 1).split("/").map(decodeURIComponent).join("/"),
  };
}`;

/**
 * Makes Thunderbird (re)index the Local Folders folder `folderName` from its mbox file, so
 * that the messages API sees the messages written by the test. Creates the folder when
 * Thunderbird does not know it yet. When `expectedCount` is given, fails unless the folder
 * then holds exactly that many messages.
 */
export async function indexLocalFolder(
  bidi: BidiClient,
  chromeContext: string,
  folderName: string,
  expectedCount?: number,
  timeoutMs = 20_000,
): Promise<IndexedFolder> {
  // The BiDi call waits as long as the reparse may take, and a little more.
  const folder = await bidi.chromeEval(chromeContext, INDEX_LOCAL_FOLDER, [folderName, timeoutMs], indexedFolderSchema, { timeoutMs: timeoutMs + 5_000 });
  if (expectedCount !== undefined && folder.total !== expectedCount) {
    throw new Error(`Local Folders/${folderName}: expected ${expectedCount} message(s), indexed ${folder.total}`);
  }
  return folder;
}

const MARK_AS_SENT = String.raw`(folderName) => {
  const folder = MailServices.accounts.localFoldersServer.rootFolder.getChildNamed(folderName);
  folder.setFlag(Ci.nsMsgFolderFlags.SentMail);
  return Boolean(folder.flags & Ci.nsMsgFolderFlags.SentMail);
}`;

/**
 * Flags the Local Folders folder `folderName` as a Sent folder (what Thunderbird does to the
 * folder an identity keeps its sent copies in): the messages API then gives it the special
 * use `sent`. The folder must exist (indexed).
 */
export async function markLocalFolderAsSent(bidi: BidiClient, chromeContext: string, folderName: string): Promise<void> {
  const flagged = await bidi.chromeEval(chromeContext, MARK_AS_SENT, [folderName], z.boolean());
  if (!flagged) throw new Error(`Local Folders/${folderName}: the Sent flag did not hold`);
}

export interface DeliveredMessage {
  /** The Message-ID, without angle brackets. */
  readonly messageId: string;
  /** Whether Thunderbird flagged it New, as it does incoming mail (what `onNewMailReceived` reports). */
  readonly isNew: boolean;
}

export interface Delivery {
  /** Thunderbird's folder URI (`mailbox://nobody@Local%20Folders/Inbox`). */
  readonly uri: string;
  /** Whether the folder is an Inbox (Thunderbird's Inbox flag). */
  readonly isInbox: boolean;
  readonly messages: readonly DeliveredMessage[];
}

const deliverySchema = z.object({
  uri: z.string(),
  isInbox: z.boolean(),
  messages: z.array(z.object({ messageId: z.string(), isNew: z.boolean() })),
});

const DELIVER_NEW_MAIL = String.raw`(binaryMessages, folderName) => {
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  // A Local Folders folder named "Inbox" gets Thunderbird's Inbox flag when created.
  if (!root.containsChildNamed(folderName)) root.createSubfolder(folderName, null);
  const folder = root.getChildNamed(folderName);
  const headers = folder.QueryInterface(Ci.nsIMsgLocalMailFolder).addMessageBatch(binaryMessages);
  return {
    uri: folder.URI,
    isInbox: Boolean(folder.flags & Ci.nsMsgFolderFlags.Inbox),
    messages: headers.map((h) => ({ messageId: h.messageId, isNew: Boolean(h.flags & Ci.nsMsgMessageFlags.New) })),
  };
}`;

/**
 * Delivers messages (raw .eml contents) to a Local Folders folder as incoming mail, in one
 * batch: `nsIMsgLocalMailFolder.addMessageBatch` runs each one through Thunderbird's new-mail
 * parser, the one mail downloaded by POP3 goes through (incoming filters apply, the New flag
 * is set, the folder announces each header), so `messages.onNewMailReceived` fires once for
 * the batch. The folder (default `Inbox`, flagged Inbox) is created when missing.
 */
export async function deliverNewMail(
  bidi: BidiClient,
  chromeContext: string,
  messages: readonly (string | Uint8Array)[],
  folderName = "Inbox",
): Promise<Delivery> {
  // One JS character per byte: XPCOM turns each back into that byte (ACString).
  const binary = messages.map((m) => (typeof m === "string" ? Buffer.from(m, "utf8") : Buffer.from(m)).toString("latin1"));
  return bidi.chromeEval(chromeContext, DELIVER_NEW_MAIL, [binary, folderName], deliverySchema);
}
