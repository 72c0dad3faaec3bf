/**
 * The add-on's own message tags (Thunderbird 121+): created once, with a label in the
 * user's language; a tag the user renamed keeps its name.
 */
import { canCreateTags, createTag, listTagKeys } from "../adapters/messages.js";

export interface TagSpec {
  /** Lower case, no spaces nor `()<>{/%*"`. */
  readonly key: string;
  readonly label: string;
  /** `#RRGGBB`. */
  readonly color: string;
}

/** Tags this page already made sure of: tags live in Thunderbird's settings, once is enough. */
const ensured = new Set<string>();


/**
 * Creates the tags that do not exist yet; an existing tag keeps the name the user gave it.
 * `messages.tags.list` needs the `messagesTagsList` permission; should the list fail anyway,
 * creating is simply tried ("already exists" is the expected refusal). Where even `create`
 * is missing, nothing is done: the background page creates the tags each time it starts.
 */
export async function ensureTags(specs: readonly TagSpec[]): Promise<void> {
  if (!canCreateTags()) return;
  const wanted = specs.filter((spec) => !ensured.has(spec.key));
  if (wanted.length === 0) return;
  let known = new Set<string>();
  try {
    known = new Set(await listTagKeys());
  } catch {
    // try creating them all
  }
  for (const spec of wanted) {
    if (!known.has(spec.key)) {
      try {
        await createTag(spec.key, spec.label, spec.color);
      } catch {
        // exists already (created earlier, or meanwhile by another page of the add-on)
      }
    }
    ensured.add(spec.key);
  }
}
