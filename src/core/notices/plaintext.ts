/**
 * Reading human-readable notices: where the notice ends and the returned message starts,
 * which addresses it reports, and whether it says "failed" or "delayed".
 */
import {
  addressRegex,
  cleanAddress,
  isAddress,
  isMailSystemAddress,
  isSystemAddress,
  patientInfo,
} from "./addresses.js";
import { memoizeText } from "./memo.js";
import { countUnconditional, saysUnconditionally } from "./condition.js";
import { fold } from "./fold.js";
import { findStatus } from "./reasons/match.js";
import { labelsSenderOnly, tableColumns } from "./sender-columns.js";
import { CONTACT_LABEL, othersListedAfter, replyFollows, signedAbove } from "./signatures.js";
import { isFailureSubject, isPatientPlatformAddress, SYSTEM_SENDER } from "./senders-subjects.js";

/** The human-readable text is read up to this length. */
export const MAX_NOTIFICATION_CHARS = 24 * 1024;
/** At most this many recipients are reported from one notice. */
export const MAX_RECIPIENTS = 100;

/** Lines that announce the returned message (its headers or body) after the notice itself. */
const CUT_PATTERNS: readonly RegExp[] = [
  new RegExp(
    [
      "^[ \\t|>]*[-=_*]{2,}[ \\t]*(?:(?:this is |here is |below is )?(?:a |the )?copy of|below ",
      "(?:this|the next) line|(?:the )?original (?:message|text|mail)|returned (?:mail|",
      "message)|(?:message|mail) (?:header|headers|text|body|content)s? (?:follows?|below)|",
      "(?:the )?headers? of the original|unsent message|undelivered message|start of returned ",
      "message|forwarded message|mensaje original|message d'origine|message original|",
      "urspr(?:ü|u|ue)ngliche nachricht|originalnachricht|messaggio originale|mensagem original|",
      "oorspronkelijk bericht|oryginalna wiadomo|wiadomosc oryginalna|ursprungligt meddelande|",
      "oprindelig meddelelse|opprinnelig melding|исходное сообщение|",
      "attachment is a copy|message (?:header|body) suppressed|en-tetes? du message)",
    ].join(""), "im",
  ),
  /^[ \t|]*-{3,}.{0,40}(?:message text follows|original message|returned mail follows|unsent message below)/im,
  new RegExp(
    [
      "^[ \\t]*(?:original message follows|message headers follow|included is a copy|(?:a ",
      ")?copy of the original message (?:below|follows)|your message reads \\(in part\\)|the ",
      "first \\d+ lines of your original message|here is a copy of the first part|a summary of ",
      "the undelivered message|original message as received|the original message (?:was|is) ",
      "(?:attached|included|below)|the original message headers? (?:are|is) (?:attached|",
      "included|below)|voici (?:une copie|le debut) du message|copie du message d'origine|",
      // Exchange's dump of the returned message's header fields, under the notice.
      "original message headers[ \\t]*:[ \\t]*$|en-t[eê]tes du message d['’]origine[ \\t]*:[ \\t]*$|",
      "message d'origine)",
    ].join(""), "im",
  ),
  /^(?:Return-Path|Received|DKIM-Signature|Delivered-To|X-Original-To|Message-I[Dd]|Return-path)[ \t]*:[ \t]*\S/m,
];

const CUT_PATTERNS_GLOBAL: readonly RegExp[] = CUT_PATTERNS.map((re) => new RegExp(re.source, re.flags + "g"));

/** The human-readable notice without the returned message that follows it. */
export const notificationText = memoizeText(cutNotification, 8);

function cutNotification(text: string): { notice: string; rest: string } {
  const all = text.slice(0, MAX_NOTIFICATION_CHARS * 4);
  let cut = all.length;
  for (const g of CUT_PATTERNS_GLOBAL) {
    g.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = g.exec(all)) !== null) {
      if (m.index >= cut) break;
      // Keep searching when nothing of the notice comes before (text that starts with headers).
      if (all.slice(0, m.index).replace(/\s+/g, "").length >= 20) {
        cut = m.index;
        break;
      }
      if (g.lastIndex === m.index) g.lastIndex++;
    }
  }
  return { notice: all.slice(0, Math.min(cut, MAX_NOTIFICATION_CHARS)), rest: all.slice(cut) };
}

const FAILURE =
  new RegExp(
    [
      "could ?n[o']?t be delivered|can ?not be delivered|can't be delivered|(?:was|were|is|",
      "has) not (?:been )?delivered|wasn't delivered|weren't delivered|not been delivered|",
      "undeliverable|undelivered|non-?delivery|delivery (?:has |to [^\\n]{1,80} )?failed|",
      "delivery failure|delivery to the following recipients? (?:failed|was aborted)|delevery ",
      "to the following|failed permanently|permanent (?:fatal )?errors?|permanent delivery ",
      "failure|unable to deliver|not able to deliver|wasn't able to deliver|was unable to ",
      "deliver|could not deliver|couldn't deliver|did not reach|could not reach|could not be ",
      "reached|returned mail|returning (?:message|mail) to sender|mail delivery failed|",
      "following address(?:es|\\(es\\))? failed|failed to deliver|delivery problems?|message ",
      "not delivered|mail not delivered|not delivered to|automatically rejected|message was ",
      "rejected|n'a pas (?:pu )?(?:etre|ete) (?:distribue|remis|delivre|livre|achemine|",
      "transmis)|non remis|non distribu|impossible de (?:remettre|distribuer|delivrer)|echec ",
      "de (?:la )?(?:remise|distribution|livraison)|la remise [^\\n]{0,60}a echoue|remise ",
      "impossible|distribution impossible|no pudo ser entregado|nao pode ser enviada|",
      "unzustellbar|non recapitabile|not a valid user here|was undeliverable|encountered ",
      "delivery problems|mail system error|failure notice|error during delivery|processing ",
      "error|not listed in domino|\\buser unknown|no such user|address not found|adresse ",
      // "The message could not be recalled": a recall report (Exchange's report mailbox); it was delivered.
      "introuvable|has been returned|could not be processed|message could not be(?! recalled)|not delivered|",
      "did not exactly match|mail error|rejected your message|was rejected by|no mailbox here|",
      "sans avoir ete (?:distribue|remis|delivre|livre)|without (?:having been|being) delivered|",
      "quota exceeded|failed recipient|n'a pas atteint|sont inaccessibles|n'a pas pu etre ",
      "(?:envoye|remis|distribue)|n'a pu etre (?:remis|distribue|delivre|transmis)|adresse ",
      "introuvable|message bloque|(?:adresses?|destinataires?) suivante?s? (?:a|ont) echoue|",
      "non delivre|retour a l'expediteur|votre message a ete (?:rejete|refuse|bloque)|",
      "will not be delivered|ne sera pas (?:distribue|remis|delivre)",
    ].join(""),
  );

const DELAY =
  new RegExp(
    [
      "has not yet been delivered|not yet been delivered|(?:delivery|message) (?:has been |is |",
      "was )?delayed|delayed (?:mail|message|delivery)|delivery delay|still being retried|will ",
      "(?:continue to |keep )?(?:try|retry|attempt)(?:ing)? (?:to (?:deliver|send)|delivery|",
      "again|later|sending|for|until|over)|continue to (?:attempt|try)|delivery attempts will ",
      "continue|will be retried|warning message only|this is (?:just |only )?a warning|",
      "advisory[- ]only|postponed|n'a pas encore (?:ete|pu etre) (?:distribue|remis)|pas ",
      "encore ete (?:distribue|remis)|remise (?:differee|retardee)|nouvelle tentative|",
      "tentatives? (?:de remise )?(?:se )?poursuiv|sera (?:re)?tente|en attente de remise|",
      "continuera (?:d'|a )essayer|(?<!\\bne )\\breessai(?:era|erons)\\b|(?<!\\bne )\\breessayera\\b|",
    "\\btentatives? (?:de remise )?(?:se )?poursuivr|nouvelles tentatives|remise (?:est )?retardee|(?:est|a ete) ",
      "retardee|(?:distribue|remis|delivre) pour (?:le moment|l'instant)",
    ].join(""),
  );

/**
 * A message held back (a suspected spam) and released later: "will be delivered to recipient
 * with delay", « sera distribué avec retard ». Weaker than a retry: words saying, with no
 * condition before them, that the message will not be delivered, or that the failure is
 * permanent, win; and the words count only outside quoted header lines (the doctor's own
 * subject may say "will be delivered later").
 */
const HELD =
  new RegExp(
    [
      "will be delivered (?:to (?:the )?recipients? )?(?:with (?:a )?delay|later)|",
      "sera (?:distribue|remis|delivre) (?:au destinataire )?(?:avec (?:du |un )?retard|plus tard)",
    ].join(""),
  );

/** Words saying the message will never be delivered. */
const NOT_TO_BE_DELIVERED =
  /will (?:not|never) be delivered|won't be delivered|ne sera (?:pas|jamais) (?:distribue|remis|delivre)/;

/**
 * A condition put before those words in their sentence: "if", "unless", « s'il », « si » (at
 * the sentence's start or after a comma, not « si bien que », not « le SI » of a hospital),
 * or a time limit not met ("not released within 72 hours"). Words after them
 * ("…, if you believe this is an error", "until further notice") and other uses ("placé sous
 * quarantaine", "after 90 days of inactivity") are no condition on the delivery.
 */
const CONDITION = new RegExp(
  [
    "\\b(?:if|unless|s'il|sauf si|faute de)\\b|(?:^|,)\\s*si\\b(?! bien)|",
    // A time limit after a negation ("not released within 72 hours"); "reviewed within 24
    // hours" is a fact.
    "\\b(?:not|pas)\\b[^,]{0,60}\\b(?:within|sous|avant|au-dela de|dans les|dans un delai de) \\d+ ?",
    "(?:h|hours?|heures?|days?|jours?|minutes?)\\b",
  ].join(""),
);

/** Abbreviations whose dots end no sentence ("e.g.", "i.e.", "approx.", « env. »). */
const ABBREVIATION = /\b(?:e\.g|i\.e|approx|etc|cf|env|p\.ex|vs|no|n°)\./g;

/**
 * The sentences of a text (folded): a paragraph's lines joined (a notice wraps its lines), then
 * cut at a full stop, `!`, `?` or `;` followed by a space or the end.
 */
function sentences(foldedText: string): string[] {
  return foldedText.split(/\n[ \t]*\n/).flatMap((paragraph) => {
    const joined = paragraph.replace(ABBREVIATION, (m) => m.replace(/\./g, "")).replace(/\s+/g, " ");
    return joined.split(/[.!?;](?= |$)/);
  });
}

/** The text says, without a condition before it, that the message will never be delivered. */
function neverToBeDelivered(foldedText: string): boolean {
  return sentences(foldedText).some((sentence) => {
    const m = NOT_TO_BE_DELIVERED.exec(sentence);
    return m !== null && !CONDITION.test(sentence.slice(0, m.index));
  });
}

/** qmail / Postfix style: a line that holds only `<address>:` (the notice's list of failed recipients). */
const RECIPIENT_LINE = /^[ \t]*<[^<>\s@]{1,64}@[^<>\s@]{1,255}>:[ \t]*$/m;

const PERMANENT =
  new RegExp(
    [
      "permanent(?:ly)? (?:error|failure|fatal)|failed permanently|permanent delivery failure|",
      "giving up|gave up|not going to try again|not delivered within|will not be retried|retry ",
      "timeout exceeded|after \\d+ (?:delivery )?attempt|failed \\d+ attempts|has been removed ",
      "from the (?:mail )?queue|could not be delivered to|did not reach the following|your ",
      "message was not delivered|n'a pas pu etre (?:distribue|remis)|failed after|was aborted",
    ].join(""),
  );

/**
 * Words saying the server has given up on this message, unless words of a next attempt stand
 * beside them (STOPPED holds those that win even then, and is always read with this): no
 * attempt (« aucune tentative », « pas de nouvelle tentative », which may go on « … avant
 * 15 h »), attempts made in vain (« malgré plusieurs tentatives », "despite repeated
 * attempts"), a delivery cancelled, abandoned or deleted ("has now been cancelled", « puis
 * abandonnée », « supprimé sans avoir été distribué »), a delay limit passed. Past or present,
 * never a future: "will be returned / deleted after 5 days" is a delay warning's.
 */
const GIVEN_UP = new RegExp(
  [
    // « pas de nouvelle tentative avant 15 h » gives a time; « … avant que vous ne renvoyiez » none.
    "\\baucune ?tentative|",
    "\\bpas de nouvelle tentative(?! (?:de (?:remise|distribution|livraison) )?avant (?!que|qu'))|",
    // "will keep trying for 5 days before giving up" is a delay's.
    "(?<!\\bbefore )\\b(?:giving|gave) up\\b|",
    "\\b(?:malgre|despite|in spite of) (?:[a-z0-9]+ ){0,3}(?:tentatives|attempts|retries|essais)\\b|",
    "\\b(?:has|have) (?:now |then )?been (?:cancell?ed|abandoned|deleted|discarded)\\b|",
    "\\b(?:puis|then|and then) (?:a ete |has been |was )?",
    "(?:abandonnee?|annulee?|supprimee?|detruite?|abandoned|cancell?ed|deleted|discarded)\\b|",
    "\\ba ete (?:abandonnee?|annulee?|supprimee?|detruite?)\\b|",
    // The delay for delivery, not a connection's (« délai dépassé lors de la connexion »).
    "\\bdelai (?:(?:maximal |maximum )(?:de (?:remise|distribution|livraison|acheminement) )?|",
    "d(?:e |')(?:remise|distribution|livraison|acheminement) )",
    "(?:a ete |est )?(?:depasse|expire|atteint)|\\b(?:vous|a l'expediteur) (?:est|a ete) (?:retourne|renvoye)|",
    "\\b(?:est|a ete) (?:retourne|renvoye) a l'expediteur|\\bexpired? (?:in|from) the queue\\b|",
    "\\bmessage (?:a )?expire\\b|\\bexpire et retourne|",
    "\\bsans avoir ete (?:distribue|remis|delivre|livre)|\\bwithout (?:having been|being) delivered",
  ].join(""),
  "g",
);

/**
 * One recipient's part of a notice says its delivery failed for good: a permanent SMTP reply
 * ("550 5.1.1") or words of a permanent failure. A notice that reports a delay for one
 * recipient and a refusal for another ("failed permanently" above, "has been delayed" below)
 * is a bounce for the second.
 */
export function saysFinalFailure(snippet: string): boolean {
  const f = fold(snippet);
  // Its own words of delay ("… pour l'instant, nouvelle tentative dans 1 heure") keep it delayed.
  if (NEXT_ATTEMPT.test(f) && !saysStopped(f)) return false;
  if (DELAY.test(f) && !saysStopped(f) && !saysGivenUp(f) && !FULL_SMTP_REFUSAL.test(snippet)) return false;
  return FINAL_REPLY.test(snippet) || FINAL_WORDS.test(f);
}

/**
 * For each recipient of a notice that reports several, the notice's text without the other
 * recipients' own lines: a cause said for the lab ("LAB : 550 5.0.0 Utilisateur inconnu") is not
 * the patient's. Another's lines that name it (its first line, a details section's line) go;
 * its other lines stay when its status is this one's (`shares`) or when they speak of several
 * recipients (« Motif : les boîtes aux lettres de ces destinataires sont pleines »); what is said
 * above them all stays.
 */
export function textsWithoutOthers(
  noticeText: string,
  found: readonly TextRecipient[],
  shares: (r: TextRecipient, other: TextRecipient) => boolean,
): (r: TextRecipient) => string {
  if (found.length < 2 || !found.some((r) => r.lines !== undefined)) return () => noticeText;
  const lines = noticeText.split("\n");
  const owners = new Map<number, TextRecipient[]>();
  for (const r of found) {
    for (const block of r.lines ?? []) {
      for (let i = block.start; i < block.end; i++) owners.set(i, [...(owners.get(i) ?? []), r]);
    }
  }
  const kept = (r: TextRecipient, i: number): boolean => {
    const of = owners.get(i);
    if (of === undefined || of.includes(r)) return true;
    if (of.some((o) => o.lines?.some((block) => block.start === i) === true)) return false;
    return of.some((o) => shares(r, o)) || SEVERAL_RECIPIENTS.test(fold(lines[i] ?? ""));
  };
  return (r) => lines.filter((_, i) => kept(r, i)).join("\n");
}

/** A line about several recipients at once (folded). */
const SEVERAL_RECIPIENTS =
  /\b(?:ces|les|tous les|des|vos) destinataires\b|\b(?:these|all|both|the|your) recipients\b|\bboites aux lettres\b/;

/**
 * One recipient's part of a notice announces a next attempt ("Delivery delayed; next retry at
 * 14:30"), where the notice's words that no attempt will follow stand only in the other
 * recipients' parts ("lab@…: 550 5.1.1 … no further attempts will be made for this
 * recipient"): that one is still being tried, whatever the others' stop says.
 */
export function stillTriedBeside(snippet: string, others: readonly string[], noticeText: string): boolean {
  const folded = fold(snippet);
  const notice = fold(noticeText.slice(0, MAX_NOTIFICATION_CHARS));
  // A stop said for the failed recipients only (« Pour les destinataires en échec, aucune autre
  // tentative… ») is not about this one, unless its own lines mark it failed.
  const marked = withoutSentencesFor(FOR_A_STATE, folded);
  const spared = !FAILED_MARK.test(marked);
  const f = spared ? withoutSentencesFor(FOR_FAILED_ONES, folded) : folded;
  // Words of a next attempt, or of a delay under the recipient's own temporary code (« 451 4.7.1
  // Liste grise — remise différée »), not the sender's next try (« 550 5.1.1 … avant toute
  // nouvelle tentative d'envoi »); or its own lines mark it pending (« en attente ») where the
  // notice retries the pending ones (« Pour les destinataires en attente, les tentatives … »).
  const own = findStatus(snippet, true);
  // 4.4.7: the delivery time expired, the retries are over.
  if (own === "4.4.7") return false;
  const temporary = own?.startsWith("4") === true;
  const pending = PENDING_MARK.test(marked) && retriesPendingOnes(notice);
  if (!NEXT_ATTEMPT.test(f) && !(temporary && DELAY.test(f)) && !pending) return false;
  if (saysStopped(f) || saysGivenUp(f) || FINAL_WORDS.test(f)) return false;
  // A permanent reply quoted after the recipient's own temporary code is an earlier hop's
  // ("451 4.4.0 … responded with: "554 5.7.1 …"").
  if (FINAL_REPLY.test(snippet) && !temporary) return false;
  const inNotice = countStops(notice);
  const othersText = fold(others.join("\n"));
  if (!spared) return inNotice > 0 && countStops(othersText) >= inNotice;
  const forFailedOnly = inNotice - countStops(withoutSentencesFor(FOR_FAILED_ONES, notice));
  return inNotice > 0 && countStops(withoutSentencesFor(FOR_FAILED_ONES, othersText)) + forFailedOnly >= inNotice;
}

/**
 * Words giving a sentence to the recipients that failed only (folded): « pour les destinataires
 * en échec », « aux adresses refusées », "for the failed recipients", "for recipients that have
 * failed", "for the recipients marked as failed".
 */
const FOR_FAILED_ONES = new RegExp(
  [
    "\\b(?:pour|aux?|concernant) (?:les |ces |le |ce )?(?:destinataires?|adresses?) (?:en (?:echec|erreur)|",
    "(?:qui ont|qui a|ayant) echoue|refusee?s?\\b|rejetee?s?\\b|marquee?s? (?:en |comme )?(?:echec|echoue)|",
    "dont (?:la remise|la distribution|l'envoi) a echoue)|",
    "\\b(?:for|to) (?:the |these |those |all |any )?(?:failed|rejected|bounced|undeliverable) ",
    "(?:recipients?|addresses)\\b|",
    "\\b(?:for|to) (?:the |these |those |all |any )?(?:recipients?|addresses) (?:(?:that|which|who) (?:have |has )?",
    "(?:failed|been rejected|bounced)|whose delivery (?:has )?failed|marked (?:as )?(?:failed|rejected))\\b",
  ].join(""),
);

/**
 * Words giving a sentence to the recipients still pending (folded): « pour les destinataires en
 * attente », "for the pending recipients", "for recipients still pending".
 */
const FOR_PENDING_ONES = new RegExp(
  [
    "\\b(?:pour|aux?|concernant) (?:les |ces |le |ce )?(?:destinataires?|adresses?) (?:(?:encore |toujours )?en ",
    "attente|(?:dont la (?:remise|distribution) est )?(?:differee?s?|retardee?s?)\\b)|",
    "\\b(?:for|to) (?:the |these |those |all |any )?(?:pending|delayed|deferred) (?:recipients?|addresses)\\b|",
    "\\b(?:for|to) (?:the |these |those |all |any )?(?:recipients?|addresses) (?:(?:that|which|who) (?:are|is) )?",
    "(?:still )?(?:pending|delayed|deferred)\\b",
  ].join(""),
);

/** Words giving a sentence to the recipients in one state, failed or pending. */
const FOR_A_STATE = new RegExp(`${FOR_FAILED_ONES.source}|${FOR_PENDING_ONES.source}`);

/** A recipient's own lines mark it failed (« échec », "failed", « refusé »; folded). */
const FAILED_MARK = /\b(?:echec|echoue|en erreur|refuse|rejete|failed|failure|rejected|refused|bounced|undeliverable)/;

/** A recipient's own lines mark it pending (« en attente », « différé », "pending", "deferred"; folded). */
const PENDING_MARK = /\b(?:en attente|differee?\b|retardee?\b|pending|deferred|delayed)/;

/** Where a sentence ends: `.`, `!`, `?` or `;` before a space or the end, or a blank line. */
const SENTENCE_BREAK = /([.!?;](?=\s|$)|\n[ \t]*\n)/;

/** A folded text with its sentences that hold words of `scope` blanked (its length kept). */
function withoutSentencesFor(scope: RegExp, foldedText: string): string {
  if (!scope.test(foldedText)) return foldedText;
  return foldedText
    .split(SENTENCE_BREAK)
    .map((part) => (scope.test(part) ? " ".repeat(part.length) : part))
    .join("");
}

/** A sentence given to the recipients still pending announces their next attempts (folded). */
function retriesPendingOnes(foldedNotice: string): boolean {
  if (!FOR_PENDING_ONES.test(foldedNotice)) return false;
  return foldedNotice
    .split(SENTENCE_BREAK)
    .some((part) => FOR_PENDING_ONES.test(part) && (NEXT_ATTEMPT.test(part) || DELAY.test(part)) && !saysStopped(part));
}

function countStops(foldedText: string): number {
  return countUnconditional(STOPPED, foldedText);
}

/** Words that no attempt will follow, not under a condition (see condition.ts). */
function saysStopped(foldedText: string): boolean {
  return saysUnconditionally(STOPPED, foldedText);
}

/** Words that the server gave up, not under a condition (see condition.ts). */
function saysGivenUp(foldedText: string): boolean {
  return saysUnconditionally(GIVEN_UP, foldedText);
}

/**
 * Words saying in so many words that no attempt will follow ("no further attempts", « aucune
 * autre tentative », "will not be retried", "has expired"): they win even over words
 * announcing a next attempt, which such a notice may quote from an earlier warning or from
 * the remote server ("451 … retry in 300 seconds").
 */
const STOPPED = new RegExp(
  [
    // « aucune autre / nouvelle tentative », not « aucune tentative n'a abouti » (none has yet).
    "\\b(?:aucune (?:autre|nouvelle)|pas d'autre|plus d'|plus de|sans) ?(?:autre |nouvelle )?tentative|",
    "\\bno (?:further|more|other) (?:delivery )?(?:attempts?|retries|retry)\\b|",
    "\\bwill not (?:be retried|retry|try again)\\b|\\bne sera (?:plus|pas) retente|",
    "\\bne (?:reessaiera|reessaierons|reessayera|retentera) (?:pas|plus)\\b(?! avant)|",
    // The message has expired, not a certificate or a password ("TLS certificate has expired").
    "\\b(?:message|delivery)\\b[^.\\n]{0,60}\\bhas expired\\b|",
    "\\b(?:delivery|retry) (?:delay|time|period) (?:limit )?(?:has been |was )?exceeded",
  ].join(""),
  "g",
);

/** A permanent SMTP reply with its enhanced code ("550 5.7.1"), never an IP address's digits. */
const FULL_SMTP_REFUSAL = /\b5\d\d[ -]5\.\d{1,3}\.\d{1,3}(?![.\d])/;

/**
 * A permanent SMTP refusal quoted for one recipient: an enhanced code (5.1.1), or a reply code
 * at a line's start or after the server's "said:" ("500 messages per hour" is none).
 */
const FINAL_REPLY =
  /(?<![\d.])5\.\d{1,3}\.\d{1,3}(?![.\d])|^[ \t]*5\d\d[ -]|\b(?:said|replied|reply|response)\s*:?\s*5\d\d\b/im;

/** Words of a failure for good: not "could not be delivered", which a delay warning also says. */
const FINAL_WORDS = new RegExp(
  [
    "failed permanently|permanent(?:ly)? (?:error|failure|fatal)|permanent delivery failure|",
    "will not be retried|not going to try again|\\bgave up\\b|echec definitif",
  ].join(""),
);

/** Words saying the messages spoken of were sent TO the reader (a quarantine digest, folded). */
const INBOUND = new RegExp(
  [
    "\\b(?:sent|addressed|destined|intended) (?:to|for) you\\b|\\bdelivered to your (?:mail ?box|inbox)\\b|",
    "\\bqui vous (?:etaient|sont|ont ete) (?:destines|adresses|envoyes)|",
    "\\b(?:distribues?|remis) (?:a|dans) votre boite de reception",
  ].join(""),
);

/**
 * Every sentence with words of failure is about messages sent to the reader ("the following
 * messages sent to you were quarantined and have not been delivered to your mailbox"): nothing
 * the reader sent failed.
 */
function onlyAboutInbound(foldedText: string): boolean {
  if (!INBOUND.test(foldedText)) return false;
  const failing = sentences(foldedText).filter((sentence) => FAILURE.test(sentence));
  return failing.length > 0 && failing.every((sentence) => INBOUND.test(sentence));
}

/**
 * Words announcing the next attempt ("will keep trying", « nouvelle tentative dans 1 heure »,
 * "this is a warning message only"): the server has not given up, whatever else the notice
 * recalls (« malgré plusieurs tentatives », "despite repeated attempts").
 */
const NEXT_ATTEMPT = new RegExp(
  [
    "\\bnouvel(?:le tentative|essai) (?:dans|a \\d|prevue?|le \\d|demain)\\b|\\bprochaine? (?:tentative|essai)\\b|",
    "\\bnext (?:delivery )?(?:retry|attempt)\\b|\\b(?:will|'ll) (?:keep|continue to) (?:try|retry|attempt)|",
    "\\b(?:has not|hasn't) been delivered yet\\b|",
    "\\bwill (?:be )?retr(?:y|ied)\\b|\\bwill try again\\b|still being retried|\\bretry(?:ing)? in \\d|",
    "warning message only|\\bthis is (?:just |only )?a warning\\b|\\bsera (?:re)?tente\\b|",
    "continuera (?:d'|a )essayer|(?<!\\bne )\\breessai(?:era|erons)\\b|(?<!\\bne )\\breessayera\\b|",
    // « Pas de nouvelle tentative (de remise) avant 15 h 00 », « ne réessaiera pas avant 15 h »:
    // the time of the next one.
    "\\bpas de nouvelle tentative (?:de (?:remise|distribution|livraison) )?avant (?!que|qu')|",
    "\\bne (?:reessaiera|reessaierons|reessayera|retentera) pas avant\\b|",
    "\\btentatives? (?:de remise )?(?:se )?poursuivr|",
    "\\bn'a pas encore (?:ete|pu etre) (?:distribue|remis)|not yet been delivered",
  ].join(""),
);

export interface TextVerdict {
  /** The text says a message was not (or could not be) delivered. */
  readonly failure: boolean;
  /** The text says delivery is only delayed and still being tried. */
  readonly delay: boolean;
}

/** A subject that names a delayed delivery (folded). Built once: the verdict is read for every notice. */
const DELAY_SUBJECT = new RegExp(
  [
    "\\bdelayed\\b|\\(delay\\)|still being retried|remise (?:differee|retardee)|",
    "\\bdelay(?:ed)? (?:mail|notification)|message delayed|delivery delay|not yet been ",
    "delivered|delivery warning",
  ].join(""),
);

export function readVerdict(notice: string, subject: string): TextVerdict {
  const t = fold(notice.slice(0, MAX_NOTIFICATION_CHARS));
  const s = fold(subject);
  const delaySubject = DELAY_SUBJECT.test(s);
  const failure = (FAILURE.test(t) && !onlyAboutInbound(t)) || RECIPIENT_LINE.test(notice);
  const delayText = DELAY.test(t);
  const permanent = PERMANENT.test(t) && !/delivery attempts will continue|will continue to (?:attempt|try)/.test(t);
  const held = !permanent && !PERMANENT_REPLY.test(t) && !neverToBeDelivered(t) && heldForLater(notice);
  // "Will retry" wins, unless the text says the server has since given up; a subject alone
  // does not, when the text says the failure is final.
  const givenUp =
    failure && (saysStopped(t) || ((saysGivenUp(t) || FULL_SMTP_REFUSAL.test(t)) && !NEXT_ATTEMPT.test(t)));
  const delay = (delayText && !givenUp) || held || (delaySubject && !(permanent && failure));
  return { failure: failure || delayText || held, delay };
}

/**
 * A sentence about messages in general, not this one: a plural ("messages released from
 * quarantine…") or an indefinite subject ("a message held as spam…", « un message retenu… »),
 * after a "Note:" perhaps — a gateway's footer, beside a refusal as well as a hold.
 */
const GENERIC = new RegExp(
  [
    "\\b(?:messages|mails|e-mails|emails|courriels)\\b|",
    "^\\s*(?:(?:note|remarque|nb)\\s*:\\s*)?(?:a|an|any|all|un|une|tout|toute|tous|les)\\b",
  ].join(""),
);

/** Words saying this message was held back, not refused ("was quarantined", « a été retenu »). */
const HELD_BACK = new RegExp(
  [
    "\\b(?:was|has been|is) (?:held|quarantined|retained)|(?:placed|put) in quarantine|",
    "(?:a ete|est) (?:retenu|mis en quarantaine|place en quarantaine)",
  ].join(""),
);

/** Words saying the message held was then refused or destroyed ("held and then rejected", « supprimé »). */
const REFUSED_AFTER = new RegExp(
  [
    "\\b(?:rejected|refused|deleted|discarded|destroyed|purged|erased|expired|permanently|for good|",
    "rejete|refuse|supprime|detruit|efface|purge|definitivement)\\b",
  ].join(""),
);

/** A permanent SMTP refusal quoted in the notice ("550 5.1.1"): whatever else is held, something failed. */
const PERMANENT_REPLY = /\b5\d\d[ -]|(?<![\d.])5\.\d{1,3}\.\d{1,3}(?![.\d])/;

/**
 * HELD's words, outside the lines that quote a header field (a subject, a sender): in a
 * sentence about this message, or in a footer about messages in general when the notice says
 * this one was held back, and not that it was then refused or deleted.
 */
function heldForLater(notice: string): boolean {
  const lines = notice.slice(0, MAX_NOTIFICATION_CHARS).split("\n");
  const text = fold(lines.filter((l) => !HEADER_LIKE_LINE.test(l)).join("\n"));
  const all = sentences(text);
  const said = all.filter((sentence) => HELD.test(sentence));
  if (said.some((sentence) => !GENERIC.test(sentence))) return true;
  const own = all.filter((sentence) => !GENERIC.test(sentence));
  if (said.length === 0 || own.some((sentence) => REFUSED_AFTER.test(sentence))) return false;
  return own.some((sentence) => HELD_BACK.test(sentence));
}

/** The subject names a failed or delayed delivery (the shared subject table). */
export function subjectLooksLikeNotice(subject: string): boolean {
  return isFailureSubject(subject);
}

/** The answered subject (folded) names a notice. */
const NOTICE_SUBJECT_START = new RegExp(
  [
    "^(?:undeliver|undelivered|returned mail|delivery status|delivery (?:failure|",
    "notification)|mail delivery|failure notice|non remis|non distribu|remise (?:impossible|",
    "differee|retardee)|message non distribue|delayed mail|warning: message|automatically ",
    "rejected|echec de (?:la )?(?:distribution|remise|livraison))",
  ].join(""),
);

/** "Re: Undelivered Mail…", "RE: Non remis : …": a person answering about a notice. */
export function isReplyToNotice(subject: string): boolean {
  const m = /^\s*(?:re|aw|sv|ref|réf)\s*:\s*(.*)$/i.exec(subject.slice(0, 500));
  if (m === null) return false;
  return NOTICE_SUBJECT_START.test(fold(m[1] ?? ""));
}

/** A From (folded) that names a mail system. */
const MAIL_SYSTEM_FROM = /mailer-?daemon|post ?master|\bmdaemon\b|^ndr@|<>|^\s*$|\bimss@/;

/** Whether the From (and Return-Path) say that a mail system wrote the message. */
export function fromMailSystem(from: string, returnPath: string | undefined): boolean {
  const f = fold(from.slice(0, 500));
  const address = cleanAddress(from);
  if (address !== null && (isMailSystemAddress(address) || isPatientPlatformAddress(address))) return true;
  if (MAIL_SYSTEM_FROM.test(f) && !/@patient\.mssante\.fr/.test(f)) return true;
  const name = f.replace(/<[^>]*>/g, " ");
  // An address alone (`<jean@contoso.example>`) leaves no name: that is no mail system's name.
  if (SYSTEM_SENDER.test(name) && (name.trim() !== "" || address === null)) return true;
  if (address === null && f.trim() !== "" && !/@/.test(f)) return true;
  if (returnPath !== undefined) {
    const rp = returnPath.trim();
    if (rp === "<>" || rp === "" || /^<?mailer-daemon\b/i.test(rp)) return true;
  }
  return false;
}

const AUTO_REPLY_SUBJECT =
  new RegExp(
    [
      "^\\[?(?:auto(?:matic)?[ -]?(?:reply|response|antwort|risposta|respuesta)|auto:|",
      "autoreply|out of (?:the )?office|absence|absent|reponse automatique|r[ée]ponse ",
      "automatique|automatyczna|automatische antwort|abwesenheit|vacation|on vacation|away ",
      "from|ooo\\b)|\\((?:automatic|auto) (?:reply|response)\\)|\\bautomatic reply\\b|\\bout ",
      "of (?:the )?office\\b|\\bis out of the office\\b|\\bthank you for your (?:e-?mail|",
      "message|enquiry|inquiry)|merci (?:pour|de) votre (?:message|courriel|mail)|",
      "\\[auto(?:reply|matic reply)?\\]|\\bautoresponder\\b|\\(auto\\)",
    ].join(""),
  );

const AUTO_REPLY_BODY =
  new RegExp(
    [
      "out of (?:the )?office|i am (?:currently )?(?:away|out|on (?:holiday|vacation|leave))|",
      "i'm (?:currently )?(?:away|out of)|on (?:annual )?leave until|(?:je suis|je serai) ",
      "(?:absente?|en conges)|en conges? jusqu|de retour le|back (?:in the office )?on|will ",
      "(?:reply|respond|get back to you) (?:as soon|when)|automated response|automatic reply|",
      "reponse automatique|vacation|thank you for (?:your|you) e-?mail",
    ].join(""),
  );

export function isAutoReply(
  subject: string,
  body: string,
  headers: { autoSubmitted: string; xAutoreply: boolean; precedence: string },
): boolean {
  const s = fold(subject.slice(0, 500));
  if (headers.xAutoreply) return true;
  if (AUTO_REPLY_SUBJECT.test(s)) return true;
  const b = fold(body.slice(0, 4000));
  if (/auto-replied|auto-notified/.test(headers.autoSubmitted.toLowerCase()) && AUTO_REPLY_BODY.test(b)) return true;
  const bulk = /^(?:bulk|junk|auto_reply|list)$/.test(headers.precedence.toLowerCase().trim());
  if (bulk && AUTO_REPLY_BODY.test(b)) return true;
  return false;
}

const CHALLENGE =
  new RegExp(
    [
      "waitlisted|guest list|add yourself to|added to the recipient'?s? (?:allowed|approved|",
      "white) ?list|click (?:on )?(?:the )?(?:following )?link[^\\n]{0,80}(?:deliver|approve|",
      "verif|confirm)|verify (?:that )?you are (?:a )?(?:human|real)|challenge[- ]response|",
      "protected by (?:bluebottle|boxbe|spamarrest|mailblocks)|sender verification",
    ].join(""),
  );

/** "Confirm you are a person" requests (challenge-response systems): not bounces. */
export function isChallenge(body: string): boolean {
  return CHALLENGE.test(fold(body.slice(0, 8000)));
}

export interface TextRecipient {
  readonly address: string;
  /** The lines of the notice about this recipient (bounded). */
  readonly snippet: string;
  /**
   * Where those lines stand in the notice's text, line indexes with the end excluded: the lines
   * from where it is first named, then those from each line it opens again.
   */
  readonly lines?: readonly { readonly start: number; readonly end: number }[];
}

const HEADER_LIKE_LINE = new RegExp(
  [
    "^[ \\t>]*(?:to|cc|bcc|from|de|a|à|sent|envoye|envoyé|date|subject|objet|reply-to|sender|",
    // The sender's field in other languages a notice gives in two: od, nadawca (pl), von,
    // absender (de), van, afzender (nl), da, mittente (it), fra, från, avsändare (da, no, sv),
    // remitente (es), remetente (pt), expéditeur (fr), от, отправитель (ru).
    "od|nadawca|von|absender|van|afzender|da|mittente|fra|från|avsändare|avsandare|remitente|",
    "remetente|expéditeur|expediteur|от|отправитель|",
    // And the subject's: betreff (de), oggetto (it), asunto (es), assunto (pt), onderwerp (nl),
    // temat (pl), ämne (sv), emne (da, no), sujet (fr), тема (ru).
    "betreff|oggetto|asunto|assunto|onderwerp|temat|ämne|amne|emne|sujet|тема|",
    "return-path|message-id)[ \\t]*:",
  ].join(""), "i",
);

/** Text just before an address that marks it as the recipient of the failed message. */
const STRONG_BEFORE =
  new RegExp(
    [
      "(?:(?:\\b(?:to|for|a|addressed|recipients?|destinataires?|adresses?|address(?:es)?|",
      "users?|userids?|mailbox|rcpt|failed|para)\\b|(?:^|\\s)à)[\\s:,]*|[:=]\\s*|",
      "\\bsmtp=)[\"'«<[(]*\\s*$",
    ].join(""), "i",
  );

/** Nothing but spaces, bullets or quotes before the address on its line. */
const LINE_LEADING = /^[\s\-*>•|"'«<[(]*$/;

/**
 * The end of a line that introduces the sender's address on the next line (folded): "sent by",
 * « Expéditeur : », "Absender:" — short labels only with their colon.
 */
const SENDER_LINE_END = new RegExp(
  [
    "(?:(?:sent by|from|de la part de|envoye par|expediteur|absender|nadawca|mittente|afzender|",
    "avsandare|remitente|remetente|отправитель)\\s*:?|\\b(?:sender|de|von|od|van|da|fra|fran)\\s*:)\\s*$",
  ].join(""), "i",
);

/** Text just before an address that marks it as the sender or something else. */
const WEAK_BEFORE = new RegExp(
  [
    // "from" with its colon too: an SMTP transcript's "MAIL From:<…>" is the envelope sender.
    "(?:generated from|expanded from:?|(?:sent|message) by|from\\s*:?|de la part de|envoye par|",
    "message-id:?|\\bid|sender address\\s*:?|adresse de l['’]exp[eé]diteur\\s*:?|exp[eé]diteur\\s*:?)",
    "\\s*[\"'«<[(]*\\s*$",
  ].join(""), "i",
);

/**
 * Text just before an address given as someone to ask for help ("please contact", "contact
 * us at", « contactez », « écrivez à »): a help desk, never the address that failed, even when
 * the notice names no other. Whole words only, and only words that ask the reader to write
 * ("the following contact:", "after retry:" name the recipient).
 */
const HELP_DESK_WORDS = [
  "(?:^|[^\\p{L}\\p{N}])(?:please contact|contact us(?: at)?|contactez(?:-nous)?|veuillez contacter|",
  "please send (?:(?:e-?)?mail )?to|write to us at|(?:e|é)crivez(?:-nous)? (?:a|à)|adressez-vous (?:a|à)|",
  // "or send an e-mail message from another address to", « envoyez un courriel à »
  "(?:please|or|and|kindly|you (?:can|may|could))(?: also)? send (?:us )?(?:an? )?(?:e-?mail|mail|message|note)",
  "(?: message)?(?: from (?:an)?other (?:e-?mail )?(?:address|account))? to|",
  "(?:envoyez|adressez)(?:-nous)? (?:un |votre )?(?:e-?mail|courriel|mail|message) (?:a|à))",
].join("");

const HELP_DESK_BEFORE = new RegExp(`${HELP_DESK_WORDS}\\s*:?\\s*["'«<[(]*\\s*$`, "iu");

/**
 * A line that begins with a help desk's label (« Contact : », "Support:", « Assistance : »),
 * the address just after it. At the start of the line only: "the following contact:" inside a
 * sentence names the recipient.
 */
const HELP_DESK_LABEL = /^[\s\-*>•|]*(?:contacts?|support|assistance|hotline|help ?desk|aide)\s*:\s*["'«<[(]*\s*$/i;

/** The end of a line that introduces a help desk's address on the next line. */
const HELP_DESK_LINE_END = new RegExp(`${HELP_DESK_WORDS}\\s*:?$`, "iu");

/** A word every one of HELP_DESK_WORDS holds: without one, neither pattern above is tried. */
const HELP_DESK_HINT = /contact|send|write|crivez|adress|envoy/iu;

/**
 * Finds the addresses a human-readable notice reports, most reliable first: addresses that
 * stand alone on a line or follow "to"/"for"/a label; then any other address; then those in
 * "To:" lines of a quoted original; addresses of mail systems and of the sender are left out.
 */
export function textRecipients(
  notice: string,
  opts: { readonly exclude: ReadonlySet<string>; readonly fromDomain: string | null },
): TextRecipient[] {
  const lines = notice.split("\n");
  const helpDesks = helpDeskAddresses(lines);
  const messageIds = messageIdsIn(lines);
  const strong: { address: string; line: number }[] = [];
  const generated: { address: string; line: number }[] = [];
  const other: { address: string; line: number }[] = [];
  const toLines: { address: string; line: number }[] = [];
  const systemStrong: { address: string; line: number }[] = [];
  /** Addresses after words asking the reader to write, and what follows each on its line. */
  const askedTo: { address: string; line: number; after: string }[] = [];
  /** How many times the notice names each address (lower case). */
  const timesNamed = new Map<string, number>();
  /** Addresses in a recipients' column of the returned message's header shown as a table. */
  const originalTo: { address: string; line: number }[] = [];
  /** Addresses a table's column gives as the sender's (lower case), and as a failed recipient's. */
  const senderColumn = new Set<string>();
  const recipientColumn = new Set<string>();
  /** Where an address goes that is no failed recipient: the sender's, or a recipient delivered. */
  const dropped: { address: string; line: number }[] = [];
  // The domains of the sender's own addresses: their postmaster is whom to ask, never the recipient.
  const ownDomains = [...opts.exclude].map((a) => a.slice(a.lastIndexOf("@") + 1));
  const re = addressRegex();
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").slice(0, 2000);
    if (!line.includes("@")) continue;
    const headerLike = HEADER_LIKE_LINE.test(line);
    re.lastIndex = 0;
    let previous: { end: number; slot: Found; opensLine: boolean } | null = null;
    /** The columns of the table this line is a row of, read at its first address. */
    let columns: ReturnType<typeof tableColumns> | undefined;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const address = m[0].replace(/^['`]+/, "");
      const whole = line.slice(0, m.index);
      const before = whole.slice(-60);
      // Inside a URL or a query string.
      if (/[/?&]$/.test(before) || (/=$/.test(before) && !/smtp=$/i.test(before))) continue;
      if (/https?:\/\/\S*$/i.test(before)) continue;
      if (!isAddress(address)) continue;
      const key = address.toLowerCase();
      timesNamed.set(key, (timesNamed.get(key) ?? 0) + 1);
      if (opts.exclude.has(key)) continue;
      if (helpDesks.at.has(`${i}:${m.index}`)) {
        const after = line.slice(m.index + m[0].length, m.index + m[0].length + 200);
        if (askedTo.length < MAX_RECIPIENTS) askedTo.push({ address, line: i, after });
        continue;
      }
      // A message's identifier (`Original-Message-ID: <…@…>` of a returned receipt) is no mailbox.
      const offset = m.index + (m[0].length - address.length);
      if (isMessageIdAt(messageIds, i, offset, address.length)) continue;
      const entry = { address, line: i };
      // On an identifier field's line, an address after the identifiers is read like any other.
      const idLine = headerLike && MESSAGE_ID_FIELD.test(line);
      const after = line.slice(m.index + m[0].length);
      const lists = { strong, generated, other };
      // "a@x, b@y : 550 5.0.0": an address right after another in a list that opens its line
      // goes where that one went (not one in a sentence: « adressé à a@x et b@y »).
      const listed: boolean =
        previous !== null && previous.opensLine && LIST_JOIN.test(line.slice(previous.end, m.index));
      // A row of a table whose header labels the sender's column: each address goes by its column.
      if (columns === undefined) columns = headerLike ? null : tableColumns(lines, i);
      const column = columns === null ? null : columns(m.index);
      if (column === "sender") senderColumn.add(key);
      if (column === "recipient") recipientColumn.add(key);
      const slot: Found =
        column !== null
          ? column === "recipient" || column === "unsure" ? strong : column === "original" ? originalTo : dropped
          : listed && previous !== null
            ? previous.slot
            : headerLike && !idLine
              ? toLines
              : placeOf(lines, i, whole, before, after, lists);
      previous = { end: m.index + m[0].length, slot, opensLine: listed || LINE_LEADING.test(whole) };
      // The same address quoted as an identifier elsewhere is left out, unless this line
      // names it as the one that failed.
      if (slot !== strong && messageIds.ids.has(address.toLowerCase())) continue;
      // An address given as the help desk elsewhere in the notice is left out here too, unless
      // this line names it as the one that failed (a message sent to that help desk).
      if (slot !== strong && helpDesks.addresses.has(address.toLowerCase())) continue;
      if (!isSystemAddress(address)) slot.push(entry);
      else if (slot === strong && ![opts.fromDomain, ...ownDomains].some((d) => sameDomain(address, d))) {
        systemStrong.push(entry);
      }
    }
  }
  // An address a table's column gives as the sender's is never a failed recipient, wherever else
  // the notice names it (a row wrapped or short of a cell, read as any other line), unless a
  // column gives it as a recipient's too.
  const notSender = <T extends { address: string }>(list: T[]): T[] =>
    senderColumn.size === 0
      ? list
      : list.filter((c) => !senderColumn.has(c.address.toLowerCase()) || recipientColumn.has(c.address.toLowerCase()));
  // Sendmail's "(expanded from: …)" names an address the user wrote: report it too.
  const expanded = notSender(generated.filter((g) => /expanded from/i.test(lines[g.line] ?? "")));
  const strongKept = notSender(strong);
  let chosen = strongKept.length > 0 ? [...strongKept, ...expanded] : notSender(generated);
  // The returned message's To shown as a table names whom it was sent to, not who failed: only
  // when the notice names nobody else.
  if (chosen.length === 0) chosen = notSender(originalTo);
  if (chosen.length === 0) chosen = notSender(bareNames(lines, opts.fromDomain));
  if (chosen.length === 0) chosen = notSender(other);
  if (chosen.length === 0) {
    chosen = notSender(toLines.filter((t) => /^[ \t>]*(?:to|a)[ \t]*:/i.test(lines[t.line] ?? "")));
  }
  // A mail system's own mailbox (postmaster@…, not the sender's nor the notice's) is a
  // recipient only where the notice names it as the one that failed and names no other
  // address at all: a message sent to a domain's postmaster.
  if (chosen.length === 0) chosen = notSender(systemStrong);
  // Words asking to write, before an address that cannot be a help desk, are about the failed
  // delivery ("you can send a message to <x> again once …"): when the notice names no other
  // address, that one is the recipient.
  if (chosen.length === 0) {
    const domains = [opts.fromDomain, ...ownDomains];
    const again = (a: string): boolean => (timesNamed.get(a.toLowerCase()) ?? 0) > 1;
    chosen = notSender(askedTo.filter((a) => !plausibleHelpDesk(a.address, a.after, again(a.address), domains)));
  }

  const seen = new Set<string>();
  const out: TextRecipient[] = [];
  const lineOf = new Map<string, number>();
  for (const c of chosen) {
    const key = c.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    lineOf.set(key, c.line);
    if (out.length >= MAX_RECIPIENTS) break;
    out.push({ address: c.address, snippet: "" });
  }
  // Where several recipients are reported, the lines that name one again (a details section, the
  // notice's second language) are its own too.
  const again = out.length > 1 ? namedAgain(lines, chosen, lineOf) : new Map<string, number[]>();
  const starts = [...lineOf.values(), ...[...again.values()].flat()].sort((a, b) => a - b);
  return out.map((r) => {
    const key = r.address.toLowerCase();
    const blocks = [lineOf.get(key) ?? 0, ...(again.get(key) ?? [])].map((start) => {
      const snippet = snippetFrom(lines, start, starts.find((s) => s > start) ?? lines.length);
      return { start, end: snippet.end, text: snippet.text };
    });
    // The same lines said again (the whole list repeated) add nothing to what is read.
    const snippet = [...new Set(blocks.map((b) => b.text))].join(" ");
    return { address: r.address, snippet, lines: blocks.map(({ start, end }) => ({ start, end })) };
  });
}

/** At most this many more places where a recipient is named again are read for it. */
const MAX_NAMED_AGAIN = 3;

/**
 * The later lines that a recipient's address opens again, as a details section does after the
 * list (« Détails : / lab@… : utilisateur inconnu / patient@… : pas de réponse »): what follows
 * there is that recipient's too, and ends what the previous one's lines say.
 */
function namedAgain(
  lines: readonly string[],
  chosen: readonly { address: string; line: number }[],
  lineOf: ReadonlyMap<string, number>,
): Map<string, number[]> {
  const again = new Map<string, number[]>();
  for (const c of chosen) {
    const key = c.address.toLowerCase();
    const first = lineOf.get(key);
    const seen = again.get(key) ?? [];
    if (first === undefined || c.line <= first || seen.includes(c.line) || seen.length >= MAX_NAMED_AGAIN) continue;
    const line = (lines[c.line] ?? "").slice(0, 2000);
    const at = line.toLowerCase().indexOf(key);
    if (at < 0 || !LINE_LEADING.test(line.slice(0, at))) continue;
    again.set(key, [...seen, c.line]);
  }
  return again;
}

type Found = { address: string; line: number }[];

/** What joins two addresses of a list on one line: a comma, a semicolon, « et », "and". */
const LIST_JOIN = /^[ \t>"')\]]*(?:[,;]|\s(?:et|and)\s)[ \t<"'([]*$/;

/**
 * The line above a list says its addresses got the message (« Il a bien été remis aux autres
 * destinataires : », "It was delivered to these recipients:"): they did not fail.
 */
function deliveredHeadingAbove(previous: string): boolean {
  const f = fold(previous);
  return /:\s*$/.test(f) && DELIVERED_TO.test(f) && !FAILURE.test(f) && !BUT_REFUSED.test(f);
}

/** "delivered to the remote server but was rejected for…", « remis au relais, mais refusé pour… » (folded). */
const BUT_REFUSED = /\b(?:but|mais|rejected|refused|refuse|failed|echec|echoue|not|pas|non)\b/;

const DELIVERED_TO = new RegExp(
  [
    "\\b(?:a|ont) bien ete (?:remis|distribue|delivre)|\\b(?:was|were|has been|have been) (?:successfully )?",
    "delivered\\b|\\bdelivered successfully\\b|\\bremis avec succes\\b",
  ].join(""),
);

/** Which list an address found in a notice's line goes to, by what comes before it. */
function placeOf(
  lines: readonly string[],
  i: number,
  whole: string,
  before: string,
  after: string,
  lists: { strong: Found; generated: Found; other: Found },
): Found {
  if (/(?:generated|expanded) from:?\s*["'<(]*\s*$/i.test(before)) return lists.generated;
  if (LINE_LEADING.test(whole)) {
    // "A message sent by\n  <sender>" : the line before says whose address it is.
    let k = i - 1;
    while (k > 0 && k > i - 3 && (lines[k] ?? "").trim() === "") k--;
    const previous = k >= 0 ? (lines[k] ?? "").trimEnd() : "";
    // Alone on its line, or with a phone number after it (« … - Tél. 01 23 45 67 89 »).
    const alone = /^[\s>"'»)\].,;]*(?:[-–|•/]\s*(?:t[ée]l|tel|phone|fax|ph)\b.*)?$/i.test(after);
    const signed = (alone || othersListedAfter(after)) && signedAbove(lines, i) && !replyFollows(lines, i);
    if (signed || deliveredHeadingAbove(previous)) return lists.other;
    return SENDER_LINE_END.test(fold(previous)) ? lists.other : lists.strong;
  }
  // « Courriel : … », "E-mail: …" in a signature's block: the writer's own address.
  if (CONTACT_LABEL.test(whole) && signedAbove(lines, i)) return lists.other;
  if (WEAK_BEFORE.test(before)) return lists.other;
  return STRONG_BEFORE.test(before) ? lists.strong : lists.other;
}

/**
 * A header field that holds message identifiers (`Message-ID`, `Original-Message-ID`,
 * `In-Reply-To`, `References`, `Content-ID`, `X-…-Message-ID`), as a notice pastes a
 * returned message or receipt.
 */
const MESSAGE_ID_FIELD = /^[ \t>]*(?:[A-Za-z0-9]{1,30}-){0,3}(?:message-?id|in-reply-to|references|content-id)[ \t]*:/i;
/** Words that name a message identifier just before it on the line ("Message ID: <…>", "message-id <…>"). */
const MESSAGE_ID_WORDS = /\bmessage[- _]?id\b[^<>\n]{0,20}$/i;
/** At most this many identifiers are kept from one notice. */
const MAX_MESSAGE_IDS = 200;
/** An identifier between angle brackets: `<left@right>`. */
const ANGLE_ID = /<([^<>\s]{1,250})>/g;

/** The identifiers a notice quotes, and where: each `<…>` span (`[start, end)`) by line index. */
interface MessageIds {
  /** The identifiers (lower case, without brackets). */
  readonly ids: Set<string>;
  readonly spans: Map<number, [number, number][]>;
}

/**
 * The message identifiers a notice's text quotes: the identifiers that open the value of an
 * identifier field (`Message-ID: <a@b> <c@d>`, up to the first word that is not one) and its
 * folded lines, and the `<…@…>` just after the words "message id". They look like addresses
 * and are never a recipient where they stand; other `<…>` on the same line ("Message-ID: <…>
 * Recipient: <…>") are not identifiers.
 */
function messageIdsIn(lines: readonly string[]): MessageIds {
  const ids = new Set<string>();
  const spans = new Map<number, [number, number][]>();
  /** The next line may go on with the field's identifiers (a folded line). */
  let inField = false;
  /** The field holds a list of identifiers (`References`, `In-Reply-To`), not a single one. */
  let list = false;
  for (const [i, full] of lines.entries()) {
    const line = full.slice(0, 2000);
    const continued: boolean = inField && /^[ \t]/.test(line) && onlyIdentifiers(line);
    const field = MESSAGE_ID_FIELD.exec(line);
    if (field !== null) {
      const name = field[0].toLowerCase();
      list = name.includes("references") || name.includes("in-reply-to");
      // A `Message-ID` or `Content-ID` holds one identifier: once it is read, an indented
      // `<…>` on the next line is the notice's own (a failed recipient), not a folded value.
      inField = list || !line.slice(field[0].length).includes("<");
    } else inField = continued && list;
    if (!line.includes("<")) continue;
    /** Where the field's run of identifiers goes on: the end of the last one read. */
    let runEnd = continued ? 0 : field === null ? -1 : field[0].length;
    ANGLE_ID.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ANGLE_ID.exec(line)) !== null) {
      if (ids.size >= MAX_MESSAGE_IDS) return { ids, spans };
      const inRun = runEnd >= 0 && line.slice(runEnd, m.index).trim() === "";
      runEnd = inRun ? m.index + m[0].length : -1;
      if (inRun || MESSAGE_ID_WORDS.test(line.slice(Math.max(0, m.index - 60), m.index))) {
        ids.add((m[1] ?? "").toLowerCase());
        const onLine = spans.get(i) ?? [];
        onLine.push([m.index, m.index + m[0].length]);
        spans.set(i, onLine);
      }
    }
  }
  return { ids, spans };
}

/**
 * A folded line of an identifier field holds identifiers only (`<a@b> <c@d>`): an indented
 * line of the notice after it ("   <x@y>: user unknown") is not part of it.
 */
function onlyIdentifiers(line: string): boolean {
  const words = line.trim().split(/[ \t]+/);
  return words.every((w) => w.length > 2 && w.startsWith("<") && w.endsWith(">") && w.indexOf("<", 1) < 0);
}

/**
 * The address found at `[at, at + length)` of line `i` is a quoted identifier, or a piece of
 * one (`a@b.c` in `<a@b.c.-.d>`): it stands inside the `<…>` of an identifier.
 */
function isMessageIdAt(ids: MessageIds, i: number, at: number, length: number): boolean {
  return (ids.spans.get(i) ?? []).some(([start, end]) => at > start && at + length < end);
}

/** Mailbox names (or a piece of one: `it-support`, `service.desk`) that a help desk goes by. */
const HELP_DESK_LOCAL_WORDS = new Set([
  "postmaster", "hostmaster", "webmaster", "abuse", "support", "help", "helpdesk", "hotline", "assistance",
  "admin", "administrator", "contact", "contacts", "service", "servicedesk", "desk", "noc", "security", "it",
  "info", "infos", "aide", "sav", "dsi", "mailadmin", "sysadmin", "operator", "operateur",
]);

/** Words after a help desk's address, on its line, about getting help (folded). */
const HELP_WORDS_AFTER = [
  "help", "assistance", "question", "support", "information", "if you need", "if you have", "if you believe",
  "aide", "renseignement", "pour toute", "si vous",
];

/**
 * Whether an address given after words that ask the reader to write can be the help desk
 * they ask for. A help desk is most often at the notice's own domain (or the sender's), goes
 * by a service's mailbox name (postmaster, support, help…), is named more than once (a
 * notice in two languages, a signature), or has words about help after it. A patient's
 * mailbox never is one. An address that is none of these is the failed recipient the
 * sentence is about ("send a message to <x> again"), not a help desk.
 */
function plausibleHelpDesk(
  address: string,
  after: string,
  namedAgain: boolean,
  domains: readonly (string | null)[],
): boolean {
  if (patientInfo(address) !== null) return false;
  if (isSystemAddress(address) || domains.some((d) => sameDomain(address, d))) return true;
  const a = address.toLowerCase();
  const local = a.slice(0, a.lastIndexOf("@"));
  let word = "";
  for (const c of `${local}.`) {
    if (c === "." || c === "-" || c === "_" || c === "+") {
      if (HELP_DESK_LOCAL_WORDS.has(word)) return true;
      word = "";
    } else word += c;
  }
  if (namedAgain) return true;
  const rest = fold(after);
  return HELP_WORDS_AFTER.some((w) => rest.includes(w));
}

/** The address is at the domain given, or at one of its subdomains or parents. */
function sameDomain(address: string, domain: string | null): boolean {
  if (domain === null || domain === "") return false;
  const own = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  const d = domain.toLowerCase();
  return own === d || own.endsWith(`.${d}`) || d.endsWith(`.${own}`);
}

/**
 * The addresses a notice gives as someone to ask for help ("please contact <x>", or after a
 * line that ends so), in lower case, and where they were given so: a help desk is not the
 * address that failed, wherever else the notice names it (a second sentence in another
 * language, a signature), unless a line names it as the one that failed.
 */
function helpDeskAddresses(lines: readonly string[]): { addresses: Set<string>; at: Set<string> } {
  const addresses = new Set<string>();
  /** Where each was given so (`line:index` of the match). */
  const at = new Set<string>();
  const re = addressRegex();
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").slice(0, 2000);
    if (!line.includes("@")) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      if (isHelpDeskHere(lines, i, line.slice(0, m.index))) {
        addresses.add(m[0].replace(/^['`]+/, "").toLowerCase());
        at.add(`${i}:${m.index}`);
      }
    }
  }
  return { addresses, at };
}

/** The address after `whole` on line `i` is given there as someone to ask for help. */
function isHelpDeskHere(lines: readonly string[], i: number, whole: string): boolean {
  const before = whole.slice(-60);
  if (HELP_DESK_HINT.test(before) && HELP_DESK_BEFORE.test(before)) return true;
  if (HELP_DESK_LABEL.test(whole)) return true;
  return LINE_LEADING.test(whole) && helpDeskLineBefore(lines, i);
}

/** The line before `i` (past up to two blank lines) ends by asking the reader to write. */
function helpDeskLineBefore(lines: readonly string[], i: number): boolean {
  let k = i - 1;
  while (k > 0 && k > i - 3 && (lines[k] ?? "").trim() === "") k--;
  const line = (lines[k] ?? "").trimEnd();
  return k >= 0 && HELP_DESK_HINT.test(line) && HELP_DESK_LINE_END.test(line);
}

/** The recipient's line and the lines after it, up to a blank line or the next recipient. */
function snippetFrom(lines: readonly string[], start: number, next: number): { text: string; end: number } {
  const parts: string[] = [];
  let length = 0;
  let i = start;
  for (; i < Math.min(next, start + 10, lines.length); i++) {
    const l = lines[i] ?? "";
    if (i > start && l.trim() === "") {
      // A blank line right after the address (qmail, Google) still belongs to it.
      if (i === start + 1) continue;
      break;
    }
    // Quoted "Subject:", "To:"… lines describe the message, not the failure; so does a line
    // that only labels the sender's address (« expéditeur <x> »).
    if (i > start && (HEADER_LIKE_LINE.test(l) || labelsSenderOnly(l))) continue;
    parts.push(l.trim());
    length += l.length;
    if (length > 1200) {
      i++;
      break;
    }
  }
  return { text: parts.join(" "), end: i };
}

/**
 * AOL-style lists of bare screen names ("…could not be delivered…:\n\tname"), completed with
 * the sender's domain.
 */
function bareNames(lines: readonly string[], fromDomain: string | null): { address: string; line: number }[] {
  if (fromDomain === null) return [];
  const out: { address: string; line: number }[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    const heading = lines[i] ?? "";
    if (!/(?:recipients?|addresses?|destinataires?)\b[^\n]*:\s*$/i.test(heading)) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 20); j++) {
      const l = lines[j] ?? "";
      const m = /^\s+([A-Za-z0-9][A-Za-z0-9._-]{0,63})\s*$/.exec(l);
      if (m === null) {
        if (l.trim() === "") continue;
        break;
      }
      const candidate = `${m[1] ?? ""}@${fromDomain}`;
      if (isAddress(candidate)) out.push({ address: candidate, line: j });
    }
    if (out.length > 0) break;
  }
  return out;
}

/** The original subject when the notice quotes it ("Subject: …" in an Exchange or Domino notice). */
export function quotedSubject(notice: string): string | null {
  const m = /^[ \t]*(?:subject|objet|betreff)[ \t]*:[ \t]*(\S[^\n]{0,300})$/im.exec(notice);
  return m?.[1] === undefined ? null : m[1].trim();
}
