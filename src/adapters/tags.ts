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

const ENSURE_TAGS = "notices.ensure-tags";

/** Whether this page can manage tags itself (observed: `messages.tags` is missing in tab pages). */
function canManageTags(): boolean {
  const tags = (messenger.messages as unknown as { tags?: { list?: unknown } }).tags;
  return typeof tags?.list === "function";
}

/**
 * Creates the tags that do not exist yet; an existing tag keeps the name the user gave it.
 * From a page without `messages.tags`, the background page does it.
 */
export async function ensureTags(specs: readonly TagSpec[]): Promise<void> {
  if (!canManageTags()) {
    await messenger.runtime.sendMessage({ type: ENSURE_TAGS });
    return;
  }
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

/** The background's side of `ensureTags` for pages. Must be called synchronously at the top of the background. */
export function onEnsureTagsRequest(specs: () => readonly TagSpec[]): void {
  messenger.runtime.onMessage.addListener((request: unknown) => {
    if (typeof request !== "object" || request === null || (request as { type?: unknown }).type !== ENSURE_TAGS) return undefined;
    return ensureTags(specs()).then(() => true);
  });
}
