/**
 * Message tags (`messages.tags`, Thunderbird 121+): the add-on's own tags are created once,
 * with a label in the user's language. The only module that calls `messenger.messages.tags`.
 */
import * as z from "zod/mini";

export interface TagSpec {
  /** Lower case, no spaces nor `()<>{/%*"`. */
  readonly key: string;
  readonly label: string;
  /** `#RRGGBB`. */
  readonly color: string;
}

const tagListSchema = z.array(z.object({ key: z.string() }));

/** Whether this page can manage tags itself (observed on 153: `messages.tags.list` is not callable from a tab page). */
function canManageTags(): boolean {
  const tags = (messenger.messages as unknown as { tags?: { list?: unknown; create?: unknown } }).tags;
  return typeof tags?.list === "function" && typeof tags.create === "function";
}

/**
 * Creates the tags that do not exist yet; an existing tag keeps the name the user gave it.
 * Where this page cannot manage tags, nothing is done: the background page creates them
 * each time it starts.
 */
export async function ensureTags(specs: readonly TagSpec[]): Promise<void> {
  if (!canManageTags()) return;
  const known = new Set(tagListSchema.parse(await messenger.messages.tags.list()).map((t) => t.key.toLowerCase()));
  for (const spec of specs) {
    if (known.has(spec.key)) continue;
    try {
      await messenger.messages.tags.create(spec.key, spec.label, spec.color);
    } catch {
      // created meanwhile by another page of the add-on
    }
  }
}
