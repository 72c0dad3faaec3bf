/**
 * Scanning existing folders for notices and receipts, on demand: one folder, an account or
 * all of them, page by page, with progress and cancel. Ordinary mail is decided from its
 * headers; only candidates are read in full.
 */
import { listAccounts, type AccountInfo, type FolderInfo } from "../../adapters/folders.js";
import { abortList, getHeaderFields, listFirstPage, listNextPage, type FolderRef, type MessagePage } from "../../adapters/messages.js";
import { moveToNoticesFolder, noticeActions, processMessage, type NoticeActions } from "./process.js";

export type ScanTarget =
  | { readonly kind: "folder"; readonly folder: FolderRef }
  | { readonly kind: "account"; readonly accountId: string }
  | { readonly kind: "all" };

export interface ScanProgress {
  /** Folders done, of `folders`. */
  readonly foldersDone: number;
  readonly folders: number;
  /** Messages looked at so far. */
  readonly messages: number;
  /** Messages read in full (candidates). */
  readonly fullReads: number;
  readonly notices: number;
  readonly errors: number;
  /** The folder being scanned. */
  readonly current: string | null;
}

export interface ScanResult extends ScanProgress {
  readonly cancelled: boolean;
}

/** Folders that hold no mail worth scanning: virtual (saved searches), the notices folder is kept. */
function scannable(f: FolderInfo): boolean {
  return !f.isVirtual;
}

export function foldersOf(target: ScanTarget, accounts: readonly AccountInfo[]): FolderRef[] {
  switch (target.kind) {
    case "folder":
      return [target.folder];
    case "account":
      return (accounts.find((a) => a.id === target.accountId)?.folders ?? []).filter(scannable);
    case "all":
      return accounts.flatMap((a) => a.folders.filter(scannable));
  }
}

export interface ScanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Settings read once by the caller (tests); read from storage when absent. */
  readonly actions?: NoticeActions;
}

export async function scanFolders(target: ScanTarget, options: ScanOptions = {}): Promise<ScanResult> {
  const actions = options.actions ?? (await noticeActions());
  const folders = target.kind === "folder" ? [target.folder] : foldersOf(target, await listAccounts());
  let progress: ScanProgress = { foldersDone: 0, folders: folders.length, messages: 0, fullReads: 0, notices: 0, errors: 0, current: null };
  const report = (change: Partial<ScanProgress>): void => {
    progress = { ...progress, ...change };
    options.onProgress?.(progress);
  };
  const cancelled = (): boolean => options.signal?.aborted === true;
  const toMove = new Map<string, number[]>();

  for (const folder of folders) {
    if (cancelled()) break;
    report({ current: folder.path });
    let page: MessagePage;
    try {
      page = await listFirstPage(folder);
    } catch {
      report({ errors: progress.errors + 1, foldersDone: progress.foldersDone + 1 });
      continue;
    }
    for (;;) {
      // Asked for together, not one after the other: each call is a round trip to
      // Thunderbird, and waiting for each in turn cost more than the listing itself.
      // The next page is asked for while this one is read.
      const headers = page.messages.map((m) => getHeaderFields(m));
      const next = page.next === null ? null : listNextPage(page.next);
      for (const pending of [...headers, next]) pending?.catch(() => undefined);
      for (const [i, m] of page.messages.entries()) {
        if (cancelled()) break;
        const result = await processMessage(m, actions, headers[i]);
        if (result.move) toMove.set(folder.accountId, [...(toMove.get(folder.accountId) ?? []), m.id]);
        report({
          messages: progress.messages + 1,
          fullReads: progress.fullReads + (result.fullRead ? 1 : 0),
          notices: progress.notices + (result.outcome === "notice" ? 1 : 0),
          errors: progress.errors + (result.outcome === "error" ? 1 : 0),
        });
      }
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
  return { ...progress, cancelled: cancelled() };
}
