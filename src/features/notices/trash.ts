/**
 * The Trash, for the notices: a notice's record is erased as soon as its message is put in
 * the Trash (`retention.ts`), so nothing in the Trash — or in a folder below it — is
 * recorded again, by a scan or on arrival (a filter may file new mail there).
 */
import { parentFolderUses, type FolderInfo } from "../../adapters/accounts.js";
import type { MessageInfo } from "../../adapters/messages.js";

const TRASH = "trash";

/**
 * The folders that are a Trash or lie below one, from an account's folder list (depth
 * first, as `listAccounts` gives it).
 */
export function foldersInTrash(folders: readonly FolderInfo[]): Set<FolderInfo> {
  const out = new Set<FolderInfo>();
  // Whether the folder last seen at each depth is in the Trash.
  const above: boolean[] = [];
  for (const folder of folders) {
    const inTrash = folder.specialUse.includes(TRASH) || (above[folder.depth - 2] ?? false);
    above[folder.depth - 1] = inTrash;
    above.length = folder.depth;
    if (inTrash) out.add(folder);
  }
  return out;
}

/**
 * Whether a message is in a Trash folder or below one. Its own folder is known from its
 * header; the folders above are asked for only when it is not a top folder. When Thunderbird
 * cannot tell, the message is taken as not in the Trash.
 */
export async function isInTrash(msg: MessageInfo): Promise<boolean> {
  if (msg.inTrash) return true;
  const { accountId, folderPath, folderId } = msg;
  if (folderPath === null || accountId === null) return false;
  if (folderPath.split("/").filter((segment) => segment !== "").length < 2) return false;
  const parents = await parentFolderUses({ accountId, path: folderPath, ...(folderId === null ? {} : { id: folderId }) });
  return parents?.some((uses) => uses.includes(TRASH)) === true;
}
