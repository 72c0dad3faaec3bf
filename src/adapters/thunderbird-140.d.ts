/**
 * The Thunderbird 140+ APIs this add-on uses, where they differ from
 * `@types/thunderbird-webext-browser` (which stops at Thunderbird 127): listeners that may
 * answer with a promise, events that pass a `MessageList` since 128, parameters added later.
 * Payloads the add-on parses with zod are typed `unknown` here on purpose. Only the adapters
 * see these types, through `tb` (`./thunderbird.ts`).
 */

interface TbEvent<Listener extends (...args: never[]) => unknown, Extra extends unknown[] = []> {
  addListener(listener: Listener, ...extra: Extra): void;
  removeListener(listener: Listener): void;
}

/** A tab as events hand it over: only what the adapters read. */
interface TbTabRef {
  readonly id?: number;
  readonly windowId?: number;
}

/** A script injected into every displayed message (`scripting.messageDisplay.registerScripts`). */
interface TbMessageDisplayScript {
  id: string;
  js?: string[];
  css?: string[];
  runAt?: "document_start" | "document_end" | "document_idle";
}

/** The criteria of `messages.query` the add-on uses. */
interface TbMessageQuery {
  headerMessageId?: string;
  folderId?: string[];
  subject?: string;
  recipients?: string;
  /** Messages dated on or after this moment. */
  fromDate?: Date;
  messagesPerPage?: number;
}

interface TbBeforeSendAnswer {
  cancel?: boolean;
  details?: object;
}

/** `addressBooks`: the books, and (Manifest V3) their lists, members and contacts one by one. */
interface TbAddressBooks {
  list(complete?: boolean): Promise<unknown>;
  readonly mailingLists?: {
    readonly list?: (parentId: string) => Promise<unknown>;
    readonly listMembers?: (mailingListId: string) => Promise<unknown>;
  };
  readonly contacts?: {
    readonly get?: (contactId: string) => Promise<unknown>;
  };
}

interface Thunderbird140 {
  /** Scripts injected into displayed messages (`scripting.messageDisplay`, Thunderbird 128+; needs `scripting`). */
  readonly scripting?: {
    readonly messageDisplay?: {
      registerScripts(scripts: TbMessageDisplayScript[]): Promise<unknown>;
      getRegisteredScripts(filter?: { ids?: string[] }): Promise<unknown>;
      unregisterScripts(filter?: { ids?: string[] }): Promise<unknown>;
    };
  };
  readonly runtime: {
    /** A listener that answers returns a promise (its value is the answer); `undefined` leaves the message to others. */
    readonly onMessage: TbEvent<(message: unknown, sender: { readonly tab?: TbTabRef; readonly id?: string }) => Promise<unknown> | undefined>;
    sendMessage(message: unknown): Promise<unknown>;
  };
  readonly commands: {
    /** The command's name and the tab it was used in (Thunderbird 106+). */
    readonly onCommand: TbEvent<(command: string, tab?: TbTabRef) => void>;
  };
  readonly compose: {
    /** An async listener may answer later (the send waits for it). */
    readonly onBeforeSend: TbEvent<(tab: TbTabRef, details: unknown) => Promise<TbBeforeSendAnswer>>;
    /** Sent message's details from 147 only; on 140, `{mode, error, headerMessageId, messages}`. */
    readonly onAfterSend: TbEvent<(tab: TbTabRef, sendInfo: unknown) => void>;
  };
  readonly messageDisplay: {
    /** A `MessageList` since 128 (an array of headers before). */
    readonly onMessagesDisplayed: TbEvent<(tab: TbTabRef, displayed: unknown) => void>;
  };
  readonly messages: {
    /** `monitorAllFolders` (Thunderbird 121+): every folder, not only the inboxes. */
    readonly onNewMailReceived: TbEvent<(folder: unknown, messages: unknown) => Promise<void>, [monitorAllFolders?: boolean]>;
    /** A `MessageList` of the messages deleted for good (not a move to the Trash). */
    readonly onDeleted: TbEvent<(messages: unknown) => Promise<void>>;
    /** `MessageList`s of the messages before and after a move (the Trash included). */
    readonly onMoved: TbEvent<(originalMessages: unknown, movedMessages: unknown) => Promise<void>>;
    /** A folder's first page: by `MailFolderId` (121+) or the legacy `{accountId, path}`. */
    readonly list: (folder: string | { accountId: string; path: string }) => Promise<unknown>;
    readonly continueList: (messageListId: string) => Promise<unknown>;
    readonly abortList: (messageListId: string) => Promise<unknown>;
    /** A `MessageList`, or its id (string) when `returnMessageListId` is asked for. */
    readonly query: (queryInfo: TbMessageQuery) => Promise<unknown>;
    readonly get: (messageId: number) => Promise<unknown>;
    /** A File in Manifest V3, a string in V2. */
    readonly getRaw: (messageId: number) => Promise<unknown>;
    readonly update: (messageId: number, properties: { tags?: string[] }) => Promise<unknown>;
    readonly move: (messageIds: number[], destination: string | { accountId: string; path: string }) => Promise<unknown>;
    /** The raw header fields, without MIME parsing (Thunderbird 147+, so absent on 140). */
    readonly getHeaders?: (messageId: number) => Promise<unknown>;
    readonly getFull: (messageId: number, options?: { decodeContent?: boolean }) => Promise<unknown>;
    /** Absent before 121; `list` needs `messagesTagsList`. */
    readonly tags?: {
      readonly list?: () => Promise<unknown>;
      readonly create?: (key: string, tag: string, color: string) => Promise<unknown>;
    };
  };
  /** Absent without the `addressBooks` permission; the targeted reads are Manifest V3's. */
  readonly addressBooks?: TbAddressBooks;
  readonly folders: {
    /** A `MailFolderId` (string, 121+) or the legacy `{accountId, path}`. */
    create(parent: string | { accountId: string; path: string }, childName: string): Promise<unknown>;
    /** The folder's parents, nearest first (Thunderbird 121+). */
    readonly getParentFolders?: (folder: string | { accountId: string; path: string }, includeSubFolders?: boolean) => Promise<unknown>;
  };
}
