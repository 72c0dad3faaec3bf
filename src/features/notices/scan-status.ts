/**
 * The folder scan's state, published by the background page in `storage.session` (key
 * `notices.scan`): the scan running (its figures, the folder being read) or the last one's
 * result. Every panel reads it and follows its changes, so that a panel opened during a scan,
 * or a second panel, shows the same progress. Memory only: gone when Thunderbird quits.
 * Parsed (zod/mini) where it is read: a value that does not fit is no scan at all.
 */
import * as z from "zod/mini";
import { onSessionStorageChanged, storageSession } from "../../adapters/storage.js";

export const SCAN_STATUS_KEY = "notices.scan";

const folderSchema = z.object({ accountId: z.string(), path: z.string(), id: z.optional(z.string()) });

export const scanTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("folder"), folder: folderSchema }),
  z.object({ kind: z.literal("account"), accountId: z.string() }),
  z.object({ kind: z.literal("all") }),
]);

const count = z.number().check(z.int(), z.nonnegative());

const figuresSchema = z.object({
  foldersDone: count,
  folders: count,
  messages: count,
  headerReads: count,
  fullReads: count,
  notices: count,
  errors: count,
});

export const scanStatusSchema = z.object({
  /** `running` while the background reads; the others say how the last scan ended. */
  state: z.enum(["running", "done", "cancelled", "failed"]),
  /** `user`: asked in the panel; `recent`: the last 30 days, looked at without being asked. */
  origin: z.enum(["user", "recent"]),
  target: scanTargetSchema,
  thorough: z.boolean(),
  /** The recent scan reads messages dated from then on (ms); null: every message. */
  since: z.nullable(z.number()),
  figures: figuresSchema,
  /** The folder being read (its path), while running. */
  current: z.nullable(z.string()),
  startedAt: z.number(),
  endedAt: z.nullable(z.number()),
});

export type ScanStatus = z.output<typeof scanStatusSchema>;

export function parseScanStatus(raw: unknown): ScanStatus | null {
  const parsed = scanStatusSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function readScanStatus(): Promise<ScanStatus | null> {
  return parseScanStatus((await storageSession.get(SCAN_STATUS_KEY))[SCAN_STATUS_KEY]);
}

export async function writeScanStatus(status: ScanStatus): Promise<void> {
  await storageSession.set({ [SCAN_STATUS_KEY]: status });
}

/** The state now, then each change (null: no scan in this session, or a value that does not fit). */
export function watchScanStatus(listener: (status: ScanStatus | null) => void): void {
  let changed = false;
  onSessionStorageChanged((changes) => {
    const change = changes.get(SCAN_STATUS_KEY);
    if (change === undefined) return;
    changed = true;
    listener(parseScanStatus(change.newValue));
  });
  void readScanStatus()
    .then((status) => {
      // A change that came first is newer than what was read.
      if (!changed) listener(status);
    })
    .catch(() => {
      if (!changed) listener(null);
    });
}
