import { memoizeText } from "./memo.js";
import type { DeliveryAction, Reason } from "./types.js";

/** Text longer than this is not scanned for a reason. */
const MAX_REASON_TEXT = 6000;

/**
 * Lower case, without accents, with typographic apostrophes made plain: what the reason
 * patterns are written against (so "clôturée" and "cloturee" read the same).
 */
/** Printable ASCII and the usual whitespace, without the backquote that `fold` turns into an apostrophe. */
const ASCII = /^[\t\n\r\x20-\x5f\x61-\x7e]*$/;

export function fold(text: string): string {
  const cut = text.slice(0, MAX_REASON_TEXT * 2);
  // Most notices are plain ASCII: nothing to fold but the case.
  if (ASCII.test(cut)) return cut.toLowerCase();
  return cut
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u00a0\u202f\u2009]/g, " ")
    .toLowerCase();
}

interface Rule {
  readonly reason: Reason;
  readonly re: RegExp;
  /** A strong rule names the cause without doubt; a weak one is only a hint. */
  readonly strong: boolean;
}

/**
 * Patterns over folded text, most specific cause first. All are linear (bounded gaps,
 * no nested quantifiers) and run on bounded text.
 */
const RULES: readonly Rule[] = [
  // A closed, disabled or suspended mailbox (Mon espace santé: "clôturée").
  {
    reason: "mailbox-closed",
    strong: true,
    re: /\bcloturee?s?\b|\b(?:boite|compte|messagerie|adresse|mailbox|account|casilla|box|inbox|e-?mail account|postfach|konto)\b(?:[^.\n]|\.(?=\S)){0,40}?\b(?:fermee?s?|desactivee?s?|suspendue?s?|supprimee?s?|inactive?s?|disabled|deactivated|de-activated|discontinued|suspended|closed|terminated|cancell?ed|deleted|locked|inactive|expired|ha expirado|gesperrt|deaktiviert)\b|\b(?:disabled|deactivated|inactive|suspended|closed|locked) (?:account|mailbox|user)\b|\buser account is (?:disabled|expired|inactive|suspended)\b|\[suspend\]|mailbox[- ]owner[- ]has[- ]changed/,
  },
  // A full mailbox.
  {
    reason: "mailbox-full",
    strong: true,
    re: /\bquota\b|over ?quota|\bmailbox (?:is )?full\b|\bmailbox(?:[^.\n]|\.(?=\S)){0,20}\bfull\b|\bfull mailbox\b|\b(?:mail ?folder|inbox|mail ?box|mailbox|box) (?:is )?full\b|mailbox size limit|mailbox(?:[^.\n]|\.(?=\S)){0,30}\bexceed|exceeded? (?:its |the |their )?(?:disk|storage|space)|\b(?:disk|disc|storage) (?:space|quota|allocation|limit)\b|insufficient (?:disk|storage|space)|not enough (?:disk |storage )?space|space not enough|too many (?:messages|mails)\b|zuviele mails|\bboite\b(?:[^.\n]|\.(?=\S)){0,40}\b(?:pleine|saturee)|espace (?:de stockage )?insuffisant|espace de stockage|espacio(?:[^.\n]|\.(?=\S)){0,30}agotado|exceeded storage allocation|postfach (?:ist )?voll/,
  },
  // A message over the size limit.
  {
    reason: "message-too-large",
    strong: true,
    re: /message (?:size|length)(?:[^.\n]|\.(?=\S)){0,40}\bexceed|exceeds? (?:the )?(?:maximum |max |allowed |permitted )*(?:message |mail )?size|(?<!mailbox )\bsize limit\b|sizelimit|\bmessage (?:is )?too (?:big|large)|\btoo (?:big|large) for\b|max(?:imum)? (?:incoming |allowed )?(?:message|mail) size|message (?:is )?larger than|exceeded maximum (?:incoming )?message size|message trop (?:gros|volumineux|lourd)|trop volumineux|taille (?:maximale|du message|limite|maximum)|depasse la taille|size=message too big|mesg too big|message size .{0,30}\btoo\b/,
  },
  // The mailbox does not exist (wrong address, wrong INS, no profile).
  {
    reason: "unknown-recipient",
    strong: true,
    re: /\buser (?:is )?unknown|\bunknown (?:user|recipient|mailbox|local[- ]part|address|alias|addressee)|\bno such (?:user|mailbox|recipient|account|address|person|local user)|\b(?:user|mailbox|recipient|address|account|addressee|destinataire|utilisateur|e-?mail address)s? (?:does not|doesn't|do not|did not) exist|(?<!domain (?:name )?)\bdoes not exist\b|(?<!domain (?:name )?)\bdoesn't exist\b|(?<!domain (?:name )?(?:does|do) )\bnot exist\b|(?<!domaine(?:[^.\n]|\.(?=\S)){0,30})n'?existe pas|nie istnieje|existiert nicht|non esiste|no existe\b|\bnot (?:a )?(?:known|valid|registered|local) (?:user|mailbox|recipient|address|account)|\bis not a (?:known|valid) user|\b(?:recipient|user|address|mailbox|account|e-?mail account) (?:was )?not found|recipientnotfound|not found by smtp address lookup|\bno mail ?box\b|\bno mailbox here|mailbox not found|\binvalid (?:recipient|mailbox|user|userid|final delivery userid|local part)|\bbad_recipient\b|\bbad recipient\b(?! address syntax)|badrcptto|addressee unknown|\bnot listed in\b|name is not recognized|\b(?:destinataire|utilisateur|adresse|correspondant|boite) (?:est )?(?:inconnue?|introuvable|non recensee?|inexistante?)|\badresse (?:e-?mail )?(?:est )?introuvable|\baddress not found|(?:address|account|mailbox)(?:[^.\n]|\.(?=\S)){0,30}(?:couldn't|could not|cannot|can't|wasn't|was not) (?:be )?found|nom du destinataire n'est pas reconnu|destinataire n'existe pas|boite aux lettres (?:est )?(?:inconnue|introuvable|inexistante)|compte (?:est )?(?:inconnu|inexistant)|patient inconnu|aucun profil|pas de (?:profil|messagerie) mon espace sante|n'a pas de messagerie|no account by that name|doesn't have an? [^\n]{1,40} account|not our customer|no longer on (?:this )?server|unknown or illegal user|user not known|not a valid user|does not have a final (?:e-?mail )?delivery point|\bunbekannt\b|sconosciuto|desconocido|user doesn't exist|mailbox unknown|not an active address|invalid username|(?:e-?mail )?address is (?:wrong|no longer valid|not valid)|\bno longer valid\b|no matches to nameserver query|that's not a valid user/,
  },
  {
    reason: "unknown-recipient",
    strong: false,
    re: /\bmailbox (?:is |currently )?(?:unavailable|not available)|\bunavailable mailbox|recipient (?:address )?rejected|\baccount (?:is )?unavailable|konto niedostepne|\brecipient refused/,
  },
  // The address itself is malformed.
  {
    reason: "invalid-address",
    strong: true,
    re: /\b(?:bad|invalid|illegal|malformed) (?:recipient |destination )?(?:mailbox )?address syntax|syntax (?:error )?in (?:the )?(?:recipient )?address|\baddress syntax|\binvalid (?:e-?mail |recipient )?address\b|\baddress (?:is )?(?:invalid|malformed)|\badresse (?:e-?mail |electronique )?(?:non valide|invalide|incorrecte|mal formee|erronee)/,
  },
  // The domain does not exist or does not take mail for that address.
  {
    reason: "host-unknown",
    strong: true,
    re: /\bhost (?:or domain name )?(?:unknown|not found(?!, try again))|\bunknown (?:host|domain)\b|\bdomain (?:name )?(?:not found|does not exist|unknown|introuvable|inconnu|inexistant)|no such domain|name or service not known|\bnxdomain\b|unrouteable (?:address|mail domain)|\bno mx (?:or a )?(?:record|for)|\bno mx or a\b|\bdns error\b|domain name not found|\b(?:nom de )?domaine (?:est )?(?:inconnu|introuvable|inexistant)|relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)|not permitted to relay|\bunable to relay|we do not relay|\bnot a relay\b|rcpthosts|as a relay|couldn't find any host|could not find (?:any )?host|no host named|couldn't find a mail exchanger|domaine(?:[^.\n]|\.(?=\S)){0,30}n'existe pas|domain(?:[^.\n]|\.(?=\S)){0,40}(?:couldn't|could not|wasn't|was not|cannot) (?:be )?found|non-existent (?:domain|host)|name service error(?:[^.\n]|\.(?=\S)){0,60}(?:not found|nxdomain|no such)/,
  },
  // The sender, its server or its domain is refused.
  {
    reason: "sender-rejected",
    strong: true,
    re: /blocked using|\bblock ?list|\bblack ?list|\bdeny ?list|\b(?:rbl|dnsbl|rhsbl)\b|spamcop|spamhaus|\blisted (?:in|at|on|by) |\bspf\b|sender policy framework|\bdkim\b|\bdmarc\b|not allowed to send|not authori[sz]ed to (?:send|relay)|\bsender (?:address )?(?:rejected|refused|denied|blocked|not allowed|verify failed)|sender(?:[^.\n]|\.(?=\S)){0,20}not (?:pre-?approved|allowed|authori[sz]ed|permitted)|pre-?approved|requires confirmation|whitelist|allow ?list|client host (?:rejected|blocked)|(?:your|the sending|sending|client|connecting) (?:ip|host|server|domain|mta)(?:[^.\n]|\.(?=\S)){0,40}(?:blocked|rejected|refused|banned|listed|not allowed)|\b(?:from )?ip (?:address )?[\d.:a-f]{3,45}(?:[^.\n]|\.(?=\S)){0,20}\b(?:blocked|rejected|refused|banned|blacklisted)|reverse dns|\bptr record|reputation|not accepting mail from|refuse[sd]? (?:mail|messages|e-?mail) from|expediteur (?:refuse|rejete|non autorise|bloque|inconnu)|liste (?:noire|de blocage)|authentication (?:required|failed)|\bnon-?member|members-only|sender denied|is not allowed to send|accept(?:ing)? (?:mail|messages) only from/,
  },
  // The content is refused (spam, virus, attachment, policy).
  {
    reason: "content-rejected",
    strong: true,
    re: /\bspam(?!cop|haus)|unsolicited|\bbulk (?:mail|e-?mail)|rejected(?:[^.\n]|\.(?=\S)){0,20}\bbulk\b|\bube\b|\bjunk\b|content[- ](?:filter|reject)|message content rejected|\bvirus|malware|\binfected|(?:with|containing) attachments|attachments? (?:type|not allowed|are not allowed|blocked|rejected|forbidden|prohibited|extension)|(?:blocked|forbidden|prohibited|dangerous|banned|unsafe) attachment|embedded images|\bdspam\b|spamassassin|\buribl\b|\bsurbl\b|mass mailer|policy (?:reasons|violation)|security polic|\bpourriel|\bindesirable|contenu (?:refuse|rejete|interdit|bloque)|pieces? jointes? (?:interdite|bloquee|refusee|non autorisee)|\bfiltered\b|filter rejection|rejected by (?:[^.\n]|\.(?=\S)){0,30}filter|classified as|phishing|content (?:was )?(?:rejected|refused|blocked)|message (?:was )?(?:rejected|refused|blocked) (?:as|by|because|due)/,
  },
  // Gave up after retrying.
  {
    reason: "expired",
    strong: true,
    re: /retry time(?:out)? (?:exceeded|expired|reached)|been in the queue too long|too long in (?:the )?queue|\b(?:delivery )?time expired|message expired|maximum[- ]time[- ]expired|expired after|could not be delivered within|(?:was|were) not delivered within|delivery failed \d+ attempts|failed after \d+ (?:delivery )?attempts|after \d+ (?:delivery )?attempt\(?s?\)? to deliver|cannot send message for|have been failing for a long time|aborted after|not been collected|not going to try again|n'a pas pu etre (?:distribue|remis) dans les delais|delai (?:de remise )?(?:est )?(?:expire|depasse)|expiration du delai|message a expire|unable-to-transfer(?:[^.\n]|\.(?=\S)){0,40}maximum-time/,
  },
  // The network, the remote server or a loop.
  {
    reason: "network-error",
    strong: true,
    re: /connection (?:timed out|refused|reset|lost|closed|dropped)|timed? ?out\b|could not connect|unable to connect|couldn't connect|cannot connect|no route to host|network (?:is )?unreachable|\bnot reachable|\bunreachable\b|not responding|did not respond|no answer from|connection to mail exchanger failed|establish an smtp connection|too many hops|mail loop|message looping|\blooping\b|loop(?:ing)? detected|routing loop|name server reply|temporary (?:dns|lookup) failure|host not found, try again|lost connection|connexion (?:refusee|impossible|interrompue)|serveur (?:injoignable|inaccessible)|command died|unable to connect to|mailer error|server unavailable or busy/,
  },
  {
    reason: "host-unknown",
    strong: false,
    re: /name service error/,
  },
  {
    reason: "temporary",
    strong: true,
    re: /greylist|graylist|try again later|temporarily (?:deferred|rejected|refused|unavailable)|too many connections|rate limit(?:ed|ing)?\b|reessayez plus tard/,
  },
  {
    reason: "temporary",
    strong: false,
    re: /temporar(?:y|ily)|try again later|please try again|greylist|graylist|\bdeferred\b|too many connections|rate limit|throttl|service (?:temporarily |currently )?unavailable|resources temporarily|veuillez reessayer|reessayez plus tard|momentanement/,
  },
];

const PRIORITY: readonly Reason[] = [
  "mailbox-closed",
  "mailbox-full",
  "message-too-large",
  "unknown-recipient",
  "invalid-address",
  "host-unknown",
  "content-rejected",
  "sender-rejected",
  "expired",
  "network-error",
  "temporary",
  "other",
];

interface Hint {
  readonly reason: Reason;
  readonly strong: boolean;
}

/** What an enhanced status code (RFC 3463 and the IANA registry) says about the cause. */
export function statusReason(status: string | null): Hint | null {
  if (status === null) return null;
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status);
  if (m === null) return null;
  const [, cls, subj, det] = m;
  const key = `${subj ?? ""}.${det ?? ""}`;
  if (cls === "2") return null;
  switch (key) {
    case "1.1":
    case "1.6":
      return { reason: "unknown-recipient", strong: true };
    case "1.0":
    case "1.4":
    case "1.10":
      return { reason: "unknown-recipient", strong: false };
    case "1.2":
      return { reason: "host-unknown", strong: true };
    case "1.3":
      return { reason: "invalid-address", strong: true };
    case "1.7":
    case "1.8":
      return { reason: "sender-rejected", strong: true };
    case "2.1":
      return { reason: "mailbox-closed", strong: true };
    case "2.2":
      return { reason: "mailbox-full", strong: true };
    case "2.3":
    case "3.4":
      return { reason: "message-too-large", strong: true };
    case "3.1":
      return { reason: "mailbox-full", strong: false };
    case "4.4":
      return { reason: "host-unknown", strong: false };
    case "4.6":
      return { reason: "network-error", strong: true };
    case "4.7":
      return { reason: "expired", strong: true };
    case "7.13":
      return { reason: "mailbox-closed", strong: true };
    case "7.17":
      return { reason: "mailbox-closed", strong: false };
    default:
      break;
  }
  if (subj === "4") return { reason: "network-error", strong: false };
  if (subj === "6") return { reason: "content-rejected", strong: false };
  if (subj === "7") {
    const d = Number(det);
    if (d >= 2 && d <= 7) return { reason: "content-rejected", strong: false };
    if (d === 0) return null;
    return { reason: "sender-rejected", strong: false };
  }
  return null;
}

/** What a basic SMTP reply code says, as a last hint. */
function smtpCodeReason(text: string): Hint | null {
  const m = /(?:^|[^\d.#-])([45])([0-5])(\d)(?:[ -]|$)/.exec(text);
  if (m === null) return null;
  const code = `${m[1] ?? ""}${m[2] ?? ""}${m[3] ?? ""}`;
  if (m[1] === "4") return { reason: code === "421" ? "network-error" : "temporary", strong: false };
  if (code === "550" || code === "551" || code === "553") return { reason: "unknown-recipient", strong: false };
  if (code === "552") return { reason: "mailbox-full", strong: false };
  return null;
}

export interface ReasonInput {
  /** What the remote server said, or the notice's text about this recipient. */
  readonly text: string;
  /** More text to look at when `text` names no cause (the whole human-readable notice). */
  readonly fallbackText?: string;
  readonly status: string | null;
  readonly action: DeliveryAction | null;
}

const matches = memoizeText(matchRules);

function matchRules(text: string): { strong: readonly Reason[]; weak: readonly Reason[] } {
  const folded = fold(text).slice(0, MAX_REASON_TEXT);
  const strong: Reason[] = [];
  const weak: Reason[] = [];
  for (const rule of RULES) {
    if (rule.re.test(folded)) (rule.strong ? strong : weak).push(rule.reason);
  }
  const byPriority = (a: Reason, b: Reason): number => PRIORITY.indexOf(a) - PRIORITY.indexOf(b);
  return { strong: strong.sort(byPriority), weak: weak.sort(byPriority) };
}

/**
 * The cause of a failure or delay, from the remote text and the status code: a clear phrase
 * wins, then a specific status code, then weaker hints. A failure with a 4.x.x code means
 * the mail system gave up after retrying.
 */
export function classifyReason(input: ReasonInput): Reason {
  const reason = pickReason(input);
  const tempFailure = input.action === "failed" && input.status?.startsWith("4.") === true;
  if (input.action === "delayed" && reason === "expired") return "temporary";
  if (tempFailure && (reason === "temporary" || reason === "other" || reason === "network-error")) return "expired";
  // A permanent failure is not "temporary", whatever words the server used.
  if (input.action === "failed" && input.status?.startsWith("5.") === true && reason === "temporary") return "other";
  return reason;
}

function pickReason(input: ReasonInput): Reason {
  const st = statusReason(input.status);
  const texts = [input.text];
  if (input.fallbackText !== undefined && input.fallbackText !== "") texts.push(input.fallbackText);
  let weakSeen: readonly Reason[] = [];
  for (const text of texts) {
    const { strong, weak } = matches(text);
    const first = strong[0];
    if (first !== undefined) {
      if (st?.strong === true && strong.includes(st.reason)) return st.reason;
      return first;
    }
    if (st?.strong === true) return st.reason;
    if (weakSeen.length === 0) weakSeen = weak;
  }
  const firstWeak = weakSeen[0];
  if (firstWeak !== undefined) {
    if (st !== null && weakSeen.includes(st.reason)) return st.reason;
    return firstWeak;
  }
  if (st !== null) return st.reason;
  const code = smtpCodeReason(input.text);
  if (code !== null) return code.reason;
  if (input.action === "delayed") return "temporary";
  if (input.status?.startsWith("4.") === true) return input.action === "failed" ? "expired" : "temporary";
  return "other";
}

/** Finds an enhanced status code (`5.1.1`) in free text, not mistaking IP addresses for one. */
export function findStatus(text: string, allowSuccess = false): string | null {
  const re = allowSuccess ? /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/ : /(?<![\d.])([45])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/;
  const m = re.exec(text.slice(0, MAX_REASON_TEXT));
  return m === null ? null : `${m[1] ?? ""}.${m[2] ?? ""}.${m[3] ?? ""}`;
}
