/**
 * Who writes notices and how they title them: the one table read by the summary filter
 * (author and subject from the message list), the header pre-filter and the classifier.
 * Every pattern is written against folded text (lower case, no accents) and is a plain
 * alternation, one entry per line, run on a bounded value.
 */
import { PATIENT_DOMAIN } from "../ins/index.js";
import { fold } from "./fold.js";

/** Characters of an author or a subject that are read: enough for any real one. */
export const MAX_SUMMARY_CHARS = 500;

function alternation(sources: readonly string[]): RegExp {
  return new RegExp(sources.join("|"));
}

/** Names and addresses of mail systems, gateways and postmasters (display name or address). */
export const SYSTEM_SENDER = alternation([
  "mailer-?daemon",
  "post[ _.-]?master",
  "\\bmdaemon\\b",
  "mail delivery",
  "delivery (?:subsystem|system|service|status|notification)",
  "mail administrator",
  "system administrator",
  "mail ?system",
  "mail ?server",
  "mail ?service",
  "message delivery",
  "internet mail",
  "remise du courrier",
  "courrier non remis",
  "\\bsmtp\\b",
  "smtp_",
  "antivirus",
  "\\blsmtp\\b",
  "interscan",
  "e-?mail (?:gateway|system)",
  "\\bimss@",
  "\\bndr@",
  "\\bmicrosoftexchange[0-9a-f]{32}@",
  // The patient platform's own no-reply addresses.
  "(?:^|[<\\s\"])(?:no-?reply|ne-?pas-?repondre|notifications?)@patient\\.mssante\\.fr\\b",
  // No author at all, or the null sender `<>`.
  "^\\s*<?>?\\s*$",
  '"?<>"?',
]);

/**
 * Local parts of the addresses a mailing-list manager writes from (fml, Mailman, Sympa,
 * ezmlm, Majordomo, LISTSERV): `list-admin`, `list-owner`, `list-request`, `owner-list`, or
 * the program's own name. A list's posts come from people, its notices from these.
 */
export const LIST_MANAGER_LOCAL = new RegExp(
  [
    "^(?:[a-z0-9._-]{1,60}-(?:admin|owner|request|bounces?)|owner-[a-z0-9._-]{1,60}|",
    "mailman|sympa|listserv|majordomo|fml|ezmlm)$",
  ].join(""),
);

/** Whether an author (decoded `From` value) is a mailing-list manager's address. */
export function isListManagerText(from: string): boolean {
  const f = foldSummary(from);
  const at = f.lastIndexOf("@");
  if (at < 0) return false;
  const start = Math.max(f.lastIndexOf("<", at), f.lastIndexOf(" ", at), f.lastIndexOf('"', at)) + 1;
  return LIST_MANAGER_LOCAL.test(f.slice(start, at));
}

/** Local parts of the no-reply addresses that send the patient platform's notices. */
const PLATFORM_LOCAL_PARTS = /^(?:no-?reply|ne-?pas-?repondre|notifications?|mailer-daemon)$/;

/** An address at a patient mailbox of Mon espace santé, in folded (lower-case) text. */
export const PATIENT_AUTHOR = new RegExp(`@${PATIENT_DOMAIN.replace(/\./g, "\\.")}(?![a-z0-9-]|\\.[a-z0-9])`);

/** Whether an address is the patient platform's own no-reply (`no-reply@patient.mssante.fr`). */
export function isPatientPlatformAddress(address: string): boolean {
  const a = address.toLowerCase();
  const at = a.lastIndexOf("@");
  return at > 0 && a.slice(at + 1) === PATIENT_DOMAIN && PLATFORM_LOCAL_PARTS.test(a.slice(0, at));
}

/** Subjects that say a message failed or is delayed (English, French and a few others). */
const FAILURE_SUBJECTS = [
  "undeliver",
  "undelivered",
  "non[- ]?deliver",
  "returned (?:mail|to sender)",
  "delivery (?:status|failure|failed|problem|report|notification|error|delay|warning)",
  "delivery has failed",
  "failure (?:notice|delivery)",
  "mail delivery",
  "could not be delivered",
  "not (?:been )?delivered",
  "mail (?:error|failed|not delivered)",
  "failed mail",
  "message (?:status|delayed|not delivered|could not)",
  "delayed (?:mail|message|delivery)",
  "\\bdelayed\\b",
  "\\(delay\\)",
  "^warning: ",
  "permanent delivery failure",
  "returning (?:message|mail)",
  "mail system error",
  "mail could not",
  "user unknown",
  "automatically rejected",
  "rejected mail",
  "processing error",
  "nameserver error",
  "error during delivery",
  "^\\[postmaster\\]",
  "\\bnon remis",
  "non distribu",
  "remise (?:impossible|differee|retardee|a echoue)",
  "n'a pas pu etre (?:distribue|remis|delivre)",
  "pas pu etre (?:distribue|remis)",
  "n'a pas ete (?:distribue|remis)",
  "echec de (?:la )?(?:remise|distribution|livraison)",
  "notification d'etat de remise",
  "avis de non[- ]remise",
  "retard de (?:la )?(?:remise|distribution)",
  "erreur de (?:remise|distribution)",
  "unzustellbar",
  "nicht zustellbar",
  "non recapitabile",
  "no (?:se )?(?:pudo|puede) entregar",
];

/** Subjects of read receipts. */
const RECEIPT_SUBJECTS = [
  "^(?:read|lu|not read|non lu|gelesen|nicht gelesen|letto|leido|lido|gelezen|non letto|no leido)\\s*:",
  "accuse de (?:lecture|reception)",
  "read (?:receipt|notification)",
  "return receipt",
  "notification de lecture",
  "disposition notification",
  "lesebestatigung",
];

/** Subjects that only hint at a notice: enough for the filters, which lean to "yes", not for the classifier. */
const HINT_SUBJECTS = [
  "\\bmdn\\b",
  "\\bdsn\\b",
  "\\bndr\\b",
  "bounce",
  "retour de message",
  "message retourne",
  "courrier retourne",
  "\\bko integration",
  "erreur d'integration",
  // The subject of a sending service's notifications by e-mail (Amazon SNS), bounces among them.
  "^aws notification message$",
];

const FAILURE_SUBJECT = alternation(FAILURE_SUBJECTS);
const RECEIPT_SUBJECT = alternation(RECEIPT_SUBJECTS);
const ANY_NOTICE_SUBJECT = alternation([...FAILURE_SUBJECTS, ...RECEIPT_SUBJECTS, ...HINT_SUBJECTS]);

/** A subject or author decoded already, cut and folded. */
export function foldSummary(value: string): string {
  return fold(value.slice(0, MAX_SUMMARY_CHARS));
}

/** The subject (decoded) names a failed or delayed delivery. */
export function isFailureSubject(subject: string): boolean {
  return FAILURE_SUBJECT.test(foldSummary(subject));
}

/** The subject (decoded) is that of a read receipt. */
export function isReceiptSubject(subject: string): boolean {
  return RECEIPT_SUBJECT.test(foldSummary(subject));
}

/** The subject (decoded) may be that of any notice: failure, delay, receipt, or a hint of one. */
export function isAnyNoticeSubject(subject: string): boolean {
  return ANY_NOTICE_SUBJECT.test(foldSummary(subject));
}

/** The author (decoded `From` value) names a mail system. */
export function isSystemSenderText(from: string): boolean {
  return SYSTEM_SENDER.test(foldSummary(from));
}
