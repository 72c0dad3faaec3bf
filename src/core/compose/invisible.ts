/**
 * Invisible format characters (Unicode category Cf): bidirectional controls, zero-width
 * spaces and joiners, word joiner, byte-order mark, soft hyphen… They make a text differ
 * from what it shows (`2\u200B95109912611193` is not read as an INS, `Ma\u200Brie` is not
 * `Marie`), or show the rest of a sentence in another order (U+202E). Dropped from every
 * value of a message that the add-on shows or writes, except the zero-width joiner inside an
 * emoji sequence (`👩‍⚕️`), where it is part of one visible character.
 */
const FORMAT_CHARACTERS = /\p{Cf}/u;
const ZWJ = "\u200d";
const EMOJI_BEFORE = /(?:\p{Extended_Pictographic}|\u{FE0F}|\p{Emoji_Modifier})$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;

export function dropFormatCharacters(text: string): string {
  if (!FORMAT_CHARACTERS.test(text)) return text;
  const chars = Array.from(text);
  let out = "";
  for (const [i, c] of chars.entries()) {
    if (!FORMAT_CHARACTERS.test(c)) out += c;
    else if (c === ZWJ && EMOJI_BEFORE.test(out) && EMOJI_AFTER.test(chars[i + 1] ?? "")) out += c;
  }
  return out;
}
