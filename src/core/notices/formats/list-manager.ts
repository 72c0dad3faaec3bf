/**
 * A mailing-list manager's refusal (fml, Mailman, Sympa, ezmlm…): "you are not a member of
 * this mailing list <list@…>". The message was not passed on to the list: a failure whose
 * recipient is the list's address, refused because of its sender. A list manager also sends
 * digests, welcome messages, answers to commands and notices of messages held for its
 * moderators: none of them is a refusal, whatever words about members they hold. The failed
 * recipient is the list (its List-Post, or an address of the list's own domain in the
 * refusal), never one of the sender's addresses: when none can be told, no one is named.
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

/**
 * Held for a moderator or an editor (Sympa's word), or a request to confirm: nothing refused
 * (yet). Folded text: « modérateurs » reads "moderateurs".
 */
const HELD = /moderat(?:or|ion|eur)|\beditors?\b|editor\(s\)|approval|en attente de (?:moderation|validation)|confirm/;

/**
 * Not about a message sent to the list: a digest, a welcome, or the answer to a command
 * (subscribe, unsubscribe, signoff…) sent to the manager. Read in the subject and the text.
 */
const NOT_A_REFUSAL = new RegExp(
  [
    "\\bdigest\\b|today's topics|\\bwelcome to\\b|\\bbienvenue\\b|",
    "results? of your commands?|resultats? de vos commandes|",
    "\\b(?:un)?subscri(?:be|ption) (?:request|command)|\\bsign-?off\\b|",
    "demande d'(?:abonnement|inscription)|demande de (?:desabonnement|desinscription)",
  ].join(""),
);

/**
 * The list manager's refusal, when the message comes from a list manager's address with a
 * list's headers and its text says it refused the sender; null otherwise.
 */
export function fromListManager(p: Parsed, noticeText: string, rest: string): Notice | null {
  if (!isListManagerText(p.from) || !LIST_HEADERS.some((h) => getHeader(p.fields, h) !== undefined)) return null;
  const lines = noticeText.split("\n");
  // The manager's own words: a quoted line is what the sender wrote.
  const at = lines.findIndex((l) => !/^[ \t]*>/.test(l) && REFUSAL.test(fold(l)));
  const text = fold(noticeText);
  const subject = fold(p.subject.slice(0, 500));
  if (at < 0 || [text, subject].some((t) => HELD.test(t) || NOT_A_REFUSAL.test(t))) return null;
  const line = lines[at] ?? "";
  // The refusal goes back to the sender: their own addresses are never the list's.
  const own = new Set<string>();
  for (const name of ["from", "to", "reply-to", "return-path", "sender"]) {
    const a = cleanAddress(getHeader(p.fields, name) ?? "");
    if (a !== null) own.add(a.toLowerCase());
  }
  const address = listAddress(line, own, listNames(p)) ?? listAddressFromHeaders(p);
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

/**
 * The list's address named in the refusal's own line ("… this mailing list <list@…>"): one
 * of the list's own domain, not the manager's own (`-request`, `sympa@`…) nor the sender's.
 */
function listAddress(line: string, own: ReadonlySet<string>, list: ListNames): string | null {
  const found = [...line.slice(0, 2000).matchAll(addressRegex())]
    .map((m) => m[0])
    .filter((a) => isAddress(a) && !own.has(a.toLowerCase()) && !isListManagerText(a));
  // The list's very address (its List-Post, or its List-Id's name at its domain) first.
  const exact = found.find((a) => list.addresses.has(a.toLowerCase()));
  return exact ?? found.find((a) => list.domains.has(a.slice(a.lastIndexOf("@") + 1).toLowerCase())) ?? null;
}

interface ListNames {
  readonly addresses: ReadonlySet<string>;
  readonly domains: ReadonlySet<string>;
}

/**
 * The list's own addresses (its List-Post, its List-Id `<name.lists.example.org>` read as
 * `name@lists.example.org`) and domains (those, and its manager's).
 */
function listNames(p: Parsed): ListNames {
  const addresses = new Set<string>();
  const domains = new Set<string>();
  const post = listAddressFromHeaders(p);
  if (post !== null) addresses.add(post.toLowerCase());
  for (const value of [cleanAddress(p.from), post]) {
    if (value !== null) domains.add(value.slice(value.lastIndexOf("@") + 1).toLowerCase());
  }
  const id = /<([^<>.\s]{1,64})\.([^<>\s]{1,253})>/.exec((getHeader(p.fields, "list-id") ?? "").slice(0, 1000));
  if (id?.[1] !== undefined && id[2] !== undefined) {
    addresses.add(`${id[1]}@${id[2]}`.toLowerCase());
    domains.add(id[2].toLowerCase());
  }
  return { addresses, domains };
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
