/**
 * Scanning existing folders for notices and receipts, on demand: one folder, an account or
 * all of them, page by page, with progress and cancel; or only the messages of a recent
 * period (found by date). It runs in the background page (`scan-service.ts`). Two modes:
 *  - quick (default): a message is first decided from what the message list already gives
 *    (author, subject); only those candidates have their headers read, and only the
 *    candidates of the headers are read (the start of each, what the classifier looks at);
 *  - thorough: the headers of every message are read (each is a read of the message by
 *    Thunderbird), then the candidates in full.
 */
import { listAccounts, type AccountInfo, type FolderInfo } from "../../adapters/accounts.js";
import {
  abortList,
  hasGetHeaders,
  listFirstPage,
  listNextPage,
  listRecentFirstPage,
  type FolderRef,
  type MessageInfo,
  type MessagePage,
} from "../../adapters/messages.js";
import { mayBeNoticeFromSummary } from "../../core/notices/index.js";
import type { ScanFigures } from "../../core/notice-records/index.js";
import { limitConcurrency } from "./limit.js";
import { MAX_FULL_READS_IN_FLIGHT, moveToNoticesFolder, noticeActions, processMessage, screenMessage, type NoticeActions } from "./process.js";
import { foldersInTrash } from "./trash.js";

export type ScanTarget =
  | { readonly kind: "folder"; readonly folder: FolderRef }
  | { readonly kind: "account"; readonly accountId: string }
  | { readonly kind: "all" };

/** The scan's figures (the core's one shape), and the folder being scanned. */
export interface ScanProgress extends ScanFigures {
  readonly current: string | null;
}

export interface ScanResult extends ScanProgress {
  readonly cancelled: boolean;
  /** Whether the headers of every message were read (thorough scan). */
  readonly thorough: boolean;
}

/**
 * The folders of an account worth scanning: not virtual (saved searches), not the Trash nor
 * a folder below it (a notice put in the Trash is forgotten, see `trash.ts`); the notices
 * folder is kept.
 */
function scannableFolders(account: AccountInfo): FolderInfo[] {
  const trash = foldersInTrash(account.folders);
  return account.folders.filter((f) => !f.isVirtual && !trash.has(f));
}

export function foldersOf(target: ScanTarget, accounts: readonly AccountInfo[]): FolderRef[] {
  switch (target.kind) {
    case "folder":
      return [target.folder];
    case "account": {
      const account = accounts.find((a) => a.id === target.accountId);
      return account === undefined ? [] : scannableFolders(account);
    }
    case "all":
      return accounts.flatMap(scannableFolders);
  }
}

export interface ScanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Settings read once by the caller (tests); read from storage when absent. */
  readonly actions?: NoticeActions;
  /**
   * Reads the headers of every message, not only of those whose author or subject may be a
   * notice's (slower: Thunderbird reads each message to give its headers). Default false.
   */
  readonly thorough?: boolean;
  /** Only the messages dated from then on (ms), found by a query on the date: older ones are not listed. */
  readonly since?: number;
  /**
   * Goes on with a scan of the same target that stopped (the event page was suspended): its
   * figures, and the folders already done (in the same order) are not read again.
   */
  readonly resume?: ScanFigures;
}

/** Whether a message of the list is worth its headers: in a thorough scan, every one. */
function isCandidate(message: MessageInfo, thorough: boolean): boolean {
  return thorough || mayBeNoticeFromSummary(message);
}

export async function scanFolders(target: ScanTarget, options: ScanOptions = {}): Promise<ScanResult> {
  const thorough = options.thorough === true;
  const actions = options.actions ?? (await noticeActions());
  const folders = target.kind === "folder" ? [target.folder] : foldersOf(target, await listAccounts());
  // Before 147 the "headers" are the list's author and subject: nothing is read for them.
  const headersAreReads = hasGetHeaders();
  const resumed = options.resume !== undefined && options.resume.folders === folders.length ? options.resume : null;
  let progress: ScanProgress = resumed === null
    ? { foldersDone: 0, folders: folders.length, messages: 0, headerReads: 0, fullReads: 0, notices: 0, errors: 0, current: null }
    : { ...resumed, current: null };
  const since = options.since;
  const report = (change: Partial<ScanProgress>): void => {
    progress = { ...progress, ...change };
    options.onProgress?.(progress);
  };
  const cancelled = (): boolean => options.signal?.aborted === true;
  const toMove = new Map<string, number[]>();
  // Candidates in progress at once: their full reads are bounded again in processMessage.
  const inTurn = limitConcurrency(MAX_FULL_READS_IN_FLIGHT);

  for (const folder of folders.slice(resumed?.foldersDone ?? 0)) {
    if (cancelled()) break;
    report({ current: folder.path });
    let page: MessagePage;
    try {
      page = since === undefined ? await listFirstPage(folder) : await listRecentFirstPage(folder, since);
    } catch {
      report({ errors: progress.errors + 1, foldersDone: progress.foldersDone + 1 });
      continue;
    }
    for (;;) {
      // Headers asked for together, not one after the other: each call is a round trip to
      // Thunderbird, and waiting for each in turn cost more than the listing itself. The
      // next page is asked for while this one is read. The candidates are then read a few
      // at a time (`MAX_FULL_READS_IN_FLIGHT`), never a page of them together.
      const screens = page.messages.map((m) => (isCandidate(m, thorough) ? screenMessage(m) : null));
      const next = page.next === null ? null : listNextPage(page.next);
      for (const pending of [...screens, next]) pending?.catch(() => undefined);
      const asked = screens.filter((w) => w !== null).length;
      if (headersAreReads && asked > 0) report({ headerReads: progress.headerReads + asked });
      const reads: Promise<void>[] = [];
      for (const [i, m] of page.messages.entries()) {
        if (cancelled()) break;
        const screened = screens[i] ?? null;
        if (screened === null) {
          // Decided from the list: neither its headers nor its body are read.
          report({ messages: progress.messages + 1 });
          continue;
        }
        reads.push(
          inTurn(async () => {
            if (cancelled()) return;
            const result = await processMessage(m, actions, screened);
            if (result.move) toMove.set(folder.accountId, [...(toMove.get(folder.accountId) ?? []), m.id]);
            report({
              messages: progress.messages + 1,
              fullReads: progress.fullReads + (result.fullRead ? 1 : 0),
              notices: progress.notices + (result.outcome === "notice" ? 1 : 0),
              errors: progress.errors + (result.outcome === "error" ? 1 : 0),
            });
          }),
        );
      }
      await Promise.all(reads);
      if (next === null) break;
      try {
        page = await next;
      } catch {
        report({ errors: progress.errors + 1 });
        break;
      }
      if (cancelled()) {
        if (page.next !== null) await abortList(page.next);
        break;
      }
    }
    report({ foldersDone: progress.foldersDone + 1 });
  }
  // Moved once the listing is over, so that no page changes under the scan.
  await moveToNoticesFolder(toMove, actions.folderName);
  report({ current: null });
  return { ...progress, cancelled: cancelled(), thorough };
}
