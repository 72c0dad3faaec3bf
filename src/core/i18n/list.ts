/**
 * A list inside a sentence (« a », « b » et « c » / "a", "b" and "c"), built from catalog
 * keys so that each language joins and quotes its own way.
 */
import { msg, plural, type Message, type Sub } from "./text.js";

/** The items joined: `a`, `a et b`, `a, b et c`… (an empty list gives an empty text). */
export function listText(items: readonly Sub[]): Message | string {
  const [first, ...rest] = items;
  if (first === undefined) return "";
  if (rest.length === 0) return typeof first === "object" ? first : String(first);
  const [second, ...more] = rest;
  if (more.length === 0 && second !== undefined) return msg("listPair", first, second);
  const tail = listText(rest);
  return msg("listSeries", first, tail);
}

/** Each value quoted; at most `max` of them, then "N others". */
export function quotedList(values: readonly string[], max = 5): Message | string {
  const head: Sub[] = values.slice(0, max).map((v) => msg("quoted", v));
  const more = values.length - head.length;
  if (more > 0) head.push(plural("listOthers", more));
  return listText(head);
}

/** Sentences one after the other (each a whole sentence of the catalog). */
export function sentences(first: Message, ...rest: Message[]): Message {
  const [second, ...more] = rest;
  if (second === undefined) return first;
  return msg("sentencePair", first, sentences(second, ...more));
}
