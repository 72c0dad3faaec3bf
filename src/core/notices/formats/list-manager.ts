/**
 * A mailing-list manager's refusal (fml, Mailman, Sympa, ezmlm…): "you are not a member of
 * this mailing list <list@…>". The message was not passed on to the list: a failure whose
 * recipient is the list's address, refused because of its sender.
 */
import { addressRegex, cleanAddress, isAddress } from "../addresses.js";
import { fold } from "../fold.js";
import { bounded, getHeader } from "../headers.js";
import type { Parsed } from "../parse.js";
import { classifyReason } from "../reasons/decide.js";
import { MAX_DIAGNOSTIC_CHARS, notice, recipient, reporterFromSender } from "../result.js";
import { isListManagerText } from "../senders-subjects.js";
import type { Notice } from "../types.js";
import { originalOf } from "./quoted-original.js";

/** Headers that only a mailing list's messages carry. */
const LIST_HEADERS = [
  "x-mlserver",
  "x-ml-name",
  "mailing-list",
  "list-id",
  "list-post",
  "x-mailman-version",
  "x-sympa-to",
];

/** Sentences (folded) in which a list manager says it refused the message (for its sender, or as a loop). */
const REFUSAL = new RegExp(
  [
    "not a member of (?:this|the) (?:mailing )?list|are not (?:a )?member|not (?:a )?subscriber|",
    "not subscribed to|non-?member|not allowed to post|only (?:members|subscribers) (?:can|may) post|",
    "n'etes pas (?:abonne|inscrit|membre)|pas autorise a (?:ecrire|poster|envoyer)|",
    "reservee? aux (?:abonnes|membres)|",
    // A loop: the list has already seen this message (fml's "Duplicated Message-ID").
    "duplicated message-id",
  ].join(""),
);

/** Held for a moderator, or a request to confirm: nothing refused (yet). */
const HELD = /moderat(?:or|ion)|approval|en attente de (?:moderation|validation)|confirm/;

/**
 * The list manager's refusal, when the message comes from a list manager's address with a
 * list's headers and its text says it refused the sender; null otherwise.
 */
export function fromListManager(p: Parsed, noticeText: string, rest: string): Notice | null {
  if (!isListManagerText(p.from) || !LIST_HEADERS.some((h) => getHeader(p.fields, h) !== undefined)) return null;
  const lines = noticeText.split("\n");
  const at = lines.findIndex((l) => REFUSAL.test(fold(l)));
  if (at < 0 || HELD.test(fold(noticeText))) return null;
  const line = lines[at] ?? "";
  // The refusal goes back to the sender: their own addresses are never the list's.
  const own = new Set<string>();
  for (const name of ["from", "to", "reply-to", "return-path", "sender"]) {
    const a = cleanAddress(getHeader(p.fields, name) ?? "");
    if (a !== null) own.add(a.toLowerCase());
  }
  const address = listAddress(line, own) ?? listAddressFromHeaders(p);
  const recipients =
    address === null
      ? []
      : [
          recipient(address, {
            action: "failed",
            status: null,
            diagnostic: bounded(line.trim(), MAX_DIAGNOSTIC_CHARS),
            reason: classifyReason({ text: line, fallbackText: noticeText, status: null, action: "failed" }),
          }),
        ];
  return notice("bounce", "text", recipients, p, originalOf(p, rest, noticeText, null), reporterFromSender(p.from));
}

/** The list's address named in the refusal's own line ("… this mailing list <list@…>"). */
function listAddress(line: string, own: ReadonlySet<string>): string | null {
  for (const m of line.slice(0, 2000).matchAll(addressRegex())) {
    if (isAddress(m[0]) && !own.has(m[0].toLowerCase())) return m[0];
  }
  return null;
}

/** The list's address from its headers: where to post, or its name at the manager's domain. */
function listAddressFromHeaders(p: Parsed): string | null {
  const post = getHeader(p.fields, "list-post");
  if (post !== undefined) {
    const m = /<mailto:([^<>?\s]{1,254})/i.exec(post.slice(0, 1000));
    const a = m?.[1] === undefined ? null : cleanAddress(m[1]);
    if (a !== null) return a;
  }
  return null;
}
