/**
 * Accounts, their identities and their folders: the scan, the "move to a folder" option,
 * the reply's identity, where a message is filed. The only module that calls
 * `messenger.accounts`, `messenger.identities` and `messenger.folders`.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import { folderArg, type FolderRef, type HeaderFolder } from "./messages.js";

export interface FolderInfo extends FolderRef {
  readonly id: string;
  readonly name: string;
  /** Nesting depth below the account (1 for a top folder). */
  readonly depth: number;
  /** `inbox`, `sent`, `trash`, `junk`… as Thunderbird marks them. */
  readonly specialUse: readonly string[];
  readonly isVirtual: boolean;
}

export interface AccountInfo {
  readonly id: string;
  readonly name: string;
  /** Every folder of the account, depth first, root excluded. */
  readonly folders: readonly FolderInfo[];
  readonly root: FolderRef | null;
}

interface RawFolder {
  id?: string | undefined;
  accountId?: string | undefined;
  path?: string | undefined;
  name?: string | undefined;
  specialUse?: string[] | undefined;
  isVirtual?: boolean | undefined;
  subFolders?: RawFolder[] | undefined;
}

const folderSchema: z.ZodMiniType<RawFolder> = z.object({
  id: z.optional(z.string()),
  accountId: z.optional(z.string()),
  path: z.optional(z.string()),
  name: z.optional(z.string()),
  specialUse: z.optional(z.array(z.string())),
  isVirtual: z.optional(z.boolean()),
  get subFolders() {
    return z.optional(z.array(folderSchema));
  },
});

const accountSchema = z.object({
  id: z.string(),
  name: z._default(z.string(), ""),
  rootFolder: z.optional(z.nullable(folderSchema)),
});

function flatten(accountId: string, folders: readonly RawFolder[], depth: number, out: FolderInfo[]): void {
  for (const f of folders) {
    if (f.path !== undefined && f.id !== undefined) {
      out.push({
        id: f.id,
        accountId: f.accountId ?? accountId,
        path: f.path,
        name: f.name ?? f.path.replace(/^.*\//, ""),
        depth,
        specialUse: f.specialUse ?? [],
        isVirtual: f.isVirtual ?? false,
      });
    }
    flatten(accountId, f.subFolders ?? [], depth + 1, out);
  }
}

function parseAccounts(raw: unknown): AccountInfo[] {
  const list = z.array(z.unknown()).parse(raw);
  const out: AccountInfo[] = [];
  for (const entry of list) {
    const parsed = accountSchema.safeParse(entry);
    if (!parsed.success) continue;
    const a = parsed.data;
    const folders: FolderInfo[] = [];
    flatten(a.id, a.rootFolder?.subFolders ?? [], 1, folders);
    const root = a.rootFolder;
    out.push({
      id: a.id,
      name: a.name,
      folders,
      root:
        root?.path === undefined
          ? null
          : { accountId: root.accountId ?? a.id, path: root.path, ...(root.id === undefined ? {} : { id: root.id }) },
    });
  }
  return out;
}

/** Every account with all its folders. */
export async function listAccounts(): Promise<AccountInfo[]> {
  return parseAccounts(await messenger.accounts.list(true));
}

/** The folder named `name` directly under the account's root, created when missing. */
export async function ensureTopFolder(account: AccountInfo, name: string): Promise<FolderRef | null> {
  const existing = account.folders.find((f) => f.depth === 1 && f.name === name);
  if (existing !== undefined) return existing;
  if (account.root === null) return null;
  const made = folderSchema.safeParse(await tb().folders.create(folderArg(account.root), name));
  if (!made.success || made.data.path === undefined) return null;
  return { accountId: made.data.accountId ?? account.id, path: made.data.path, ...(made.data.id === undefined ? {} : { id: made.data.id }) };
}

const identitiesSchema = z.array(
  z.object({
    identities: z._default(z.array(z.object({ id: z.string(), email: z._default(z.string(), "") })), () => []),
  }),
);

export interface IdentityInfo {
  readonly id: string;
  readonly email: string;
}

/** The user's identities (their id and address), from every account. */
export async function listIdentities(): Promise<IdentityInfo[]> {
  const accounts = identitiesSchema.parse(await messenger.accounts.list(false));
  return accounts.flatMap((account) => account.identities).filter((identity) => identity.email !== "");
}

const parentSchema = z.object({
  specialUse: z.optional(z.array(z.string())),
  type: z.optional(z.string()),
});

/** A folder's special uses (`specialUse`, 121+; older schemas had one `type`). */
export function specialUsesOf(folder: { readonly specialUse?: readonly string[] | undefined; readonly type?: string | undefined }): string[] {
  return folder.specialUse !== undefined ? [...folder.specialUse] : folder.type === undefined ? [] : [folder.type];
}

/**
 * The special uses of each folder above this one, nearest first; null when Thunderbird
 * cannot tell (before 121, a folder without id nor path, or the call failed).
 */
export async function parentFolderUses(folder: HeaderFolder): Promise<string[][] | null> {
  const arg = folder.id ?? (folder.accountId !== undefined && folder.path !== undefined ? { accountId: folder.accountId, path: folder.path } : null);
  if (arg === null) return null;
  const folders = tb().folders;
  if (!("getParentFolders" in folders)) return null;
  try {
    const parents = z.array(parentSchema).safeParse(await folders.getParentFolders(arg, false));
    return parents.success ? parents.data.map(specialUsesOf) : null;
  } catch {
    return null;
  }
}
