/**
 * Writes a synthetic mailbox export for the notice benchmark: a few thousand ordinary
 * messages (French and English, plain text, HTML alternatives, small attachments and some
 * of several megabytes, newsletters, appointment reminders, a few out-of-office replies),
 * with the given notices mixed in at random places. Deterministic for a given seed.
 */
import { copyFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { base64Lines } from "./synthetic-mail.js";

export interface ExportOptions {
  readonly dir: string;
  /** Number of ordinary messages to write. */
  readonly ordinary: number;
  /** One ordinary message in this many carries a large attachment (2 to 6 MB unless said). */
  readonly bigEvery: number;
  /** The size range of the large attachments, in MB (default 2 to 6). */
  readonly bigMB?: readonly [number, number];
  /** Notice files to copy into the export (read-only sources, copied as they are). */
  readonly notices: readonly string[];
  readonly seed?: number;
}

export interface ExportFile {
  readonly path: string;
  /** The source file for a copied notice, null for a generated ordinary message. */
  readonly source: string | null;
  readonly bytes: number;
}

export interface ExportSummary {
  readonly files: readonly ExportFile[];
  readonly ordinary: number;
  readonly withBigAttachment: number;
  readonly bytes: number;
}

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    const v = list[this.int(list.length)];
    if (v === undefined) throw new Error("empty list");
    return v;
  }
}

const FIRST = ["Claire", "Marie", "Jean", "Paul", "Sophie", "Nicolas", "Camille", "Lucas", "Emma", "Hugo", "Anne", "Pierre", "Julie", "Thomas", "Sarah", "David", "Laura", "Michael", "Helen", "James"];
const LAST = ["Martin", "Durand", "Bernard", "Petit", "Robert", "Richard", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Garcia", "Fournier", "Smith", "Brown", "Taylor", "Wilson", "Evans"];
const DOMAINS = ["ch-exemple.mssante.fr", "cabinet-exemple.fr", "clinique-exemple.fr", "hopital-exemple.fr", "laboratoire-exemple.fr", "example.com", "example.org", "universite-exemple.fr"];

const SUBJECTS_FR = [
  "Compte rendu de consultation",
  "Résultats d'analyse",
  "Re: Demande de rendez-vous",
  "Ordonnance renouvelée",
  "Réunion de service jeudi",
  "Planning des gardes de mars",
  "Courrier de sortie",
  "Tr: Protocole de soins",
  "Dossier patient : pièces complémentaires",
  "Invitation : formation continue",
  "Re: Re: Question sur le traitement",
  "Avis spécialisé demandé",
  "Lettre d'information de l'ARS",
  "Convocation commission médicale",
  "Facture et devis",
];
const SUBJECTS_EN = [
  "Meeting notes",
  "Re: Project update",
  "Quarterly report",
  "Your order has shipped",
  "Conference programme",
  "Fwd: Slides from yesterday",
  "Lunch on Friday?",
  "Draft for review",
  "Invoice attached",
  "Weekly newsletter",
];
const SENTENCES_FR = [
  "Je vous prie de trouver ci-joint le compte rendu de la consultation de ce jour.",
  "Le patient a été revu en consultation ; l'évolution est favorable.",
  "Merci de me rappeler au secrétariat pour convenir d'un nouveau rendez-vous.",
  "Les résultats du bilan sanguin sont dans les normes, à l'exception de la ferritine.",
  "Je reste à votre disposition pour tout renseignement complémentaire.",
  "La réunion est déplacée à quatorze heures, salle du conseil.",
  "Vous trouverez le planning mis à jour dans le dossier partagé.",
  "Le traitement est poursuivi à la même posologie pendant trois mois.",
  "Une échographie de contrôle est à prévoir dans six semaines.",
  "Bien confraternellement,",
  "Bonne journée à toutes et à tous.",
  "Pourriez-vous me faire parvenir les pièces manquantes avant vendredi ?",
];
const SENTENCES_EN = [
  "Please find attached the notes from this morning's meeting.",
  "Let me know if the proposed date works for you.",
  "The figures for the last quarter are in the shared spreadsheet.",
  "I have added a few comments to the draft; nothing major.",
  "Thanks again for your help with the preparation.",
  "We will review the remaining items next week.",
  "Best regards,",
  "Could you confirm the number of participants by Thursday?",
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function qEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (const b of bytes) {
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) out += String.fromCharCode(b);
    else if (b === 0x20) out += "_";
    else out += `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `=?UTF-8?Q?${out}?=`;
}

function header(name: string, value: string): string {
  return `${name}: ${value}\r\n`;
}

/** Pseudo-random bytes for attachments: one pool, sliced at random offsets. */
function bytePool(size: number, rand: Random): Uint8Array {
  const pool = new Uint8Array(size);
  for (let i = 0; i < size; i += 4) {
    const v = Math.floor(rand.next() * 4294967296);
    pool[i] = v & 0xff;
    pool[i + 1] = (v >>> 8) & 0xff;
    pool[i + 2] = (v >>> 16) & 0xff;
    pool[i + 3] = (v >>> 24) & 0xff;
  }
  return pool;
}

function ordinaryMessage(i: number, rand: Random, pool: Uint8Array, big: boolean, bigMB: readonly [number, number]): string {
  const french = rand.next() < 0.7;
  const fromName = `${rand.pick(FIRST)} ${rand.pick(LAST)}`;
  const fromDomain = rand.pick(DOMAINS);
  const fromAddr = `${fromName.toLowerCase().replace(" ", ".")}@${fromDomain}`;
  const to = `dr.${rand.pick(LAST).toLowerCase()}@${rand.pick(DOMAINS)}`;
  const style = rand.int(100);
  // 3 % appointment reminders and notifications from applications, 1 % out-of-office
  // replies, 4 % newsletters: ordinary mail that real mailboxes hold besides personal mail.
  const reminder = style < 3;
  const outOfOffice = style === 3;
  const newsletter = style >= 4 && style < 8;
  let subject = french ? rand.pick(SUBJECTS_FR) : rand.pick(SUBJECTS_EN);
  if (reminder) subject = french ? "Rappel : votre rendez-vous de demain" : "Reminder: your appointment tomorrow";
  if (outOfOffice) subject = french ? `Absence du bureau : ${rand.pick(SUBJECTS_FR)}` : `Out of office: ${rand.pick(SUBJECTS_EN)}`;
  const day = 1 + rand.int(28);
  const hour = rand.int(24);
  const minute = rand.int(60);
  const date = `${["Mon", "Tue", "Wed", "Thu", "Fri"][rand.int(5)] ?? "Mon"}, ${day} Mar 2024 ${pad(hour, 2)}:${pad(minute, 2)}:${pad(rand.int(60), 2)} +0100`;
  const id = `<${pad(i, 6)}.${rand.int(1e9).toString(36)}@${fromDomain}>`;

  let h = "";
  h += header("Return-Path", reminder ? `<bounces+${rand.int(1e6)}@notifications.${fromDomain}>` : `<${fromAddr}>`);
  for (let r = 0; r < 2 + rand.int(3); r++) {
    h += `Received: from mx${r}.${fromDomain} (mx${r}.${fromDomain} [192.0.2.${rand.int(250)}])\r\n\tby mail.example.net (Postfix) with ESMTPS id ${rand.int(1e9).toString(16).toUpperCase()}\r\n\tfor <${to}>; ${date}\r\n`;
  }
  h += `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${fromDomain}; s=sel1;\r\n\th=from:to:subject:date:message-id; bh=${base64Lines(pool.subarray(i % 1000, (i % 1000) + 32))};\r\n\tb=${base64Lines(pool.subarray(2000 + (i % 1000), 2000 + (i % 1000) + 192)).replace(/\r\n/g, "\r\n\t ")}\r\n`;
  h += header("Message-ID", id);
  h += header("Date", date);
  h += header("From", reminder ? `${french ? "Secrétariat" : "Front desk"} <no-reply@notifications.${fromDomain}>` : `${qEncode(fromName)} <${fromAddr}>`);
  h += header("To", to);
  if (rand.next() < 0.2) h += header("Cc", `secretariat@${rand.pick(DOMAINS)}`);
  h += header("Subject", /[^\x20-\x7e]/.test(subject) ? qEncode(subject) : subject);
  if (reminder) h += header("Auto-Submitted", "auto-generated");
  if (outOfOffice) h += header("Auto-Submitted", "auto-replied");
  if (newsletter) h += header("List-Unsubscribe", `<mailto:unsubscribe@lists.${fromDomain}>`) + header("Precedence", "bulk");
  if (rand.next() < 0.5) h += header("X-Mailer", rand.pick(["Thunderbird 128.3", "Microsoft Outlook 16.0", "Apple Mail (2.3774)"]));
  h += header("MIME-Version", "1.0");

  const paragraphs: string[] = [];
  for (let p = 0; p < 2 + rand.int(6); p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 2 + rand.int(5); s++) sentences.push(french ? rand.pick(SENTENCES_FR) : rand.pick(SENTENCES_EN));
    paragraphs.push(sentences.join(" "));
  }
  const text = `${french ? "Bonjour," : "Hello,"}\r\n\r\n${paragraphs.join("\r\n\r\n")}\r\n\r\n${fromName}\r\n`;
  const textPart = `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}`;
  const withHtml = rand.next() < 0.35 || newsletter;
  const htmlPart = `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<html><body>${paragraphs.map((p) => `<p>${p}</p>`).join("")}<p>${fromName}</p></body></html>\r\n`;
  const attachmentSize = big ? (bigMB[0] + rand.next() * (bigMB[1] - bigMB[0])) * 1024 * 1024 : rand.next() < 0.15 ? 20_000 + rand.int(300_000) : 0;

  let body: string;
  let contentType: string;
  const alt = `alt-${pad(i, 6)}`;
  const alternative = `--${alt}\r\n${textPart}\r\n--${alt}\r\n${htmlPart}\r\n--${alt}--\r\n`;
  if (attachmentSize > 0) {
    const mixed = `mixed-${pad(i, 6)}`;
    const start = rand.int(Math.max(1, pool.length - Math.ceil(attachmentSize)));
    const data = pool.subarray(start, start + Math.floor(attachmentSize));
    const [name, type] = rand.pick([
      ["compte-rendu.pdf", "application/pdf"],
      ["radio-thorax.jpg", "image/jpeg"],
      ["scanner.png", "image/png"],
      ["slides.pdf", "application/pdf"],
    ] as const);
    contentType = `multipart/mixed; boundary="${mixed}"`;
    const first = withHtml ? `Content-Type: multipart/alternative; boundary="${alt}"\r\n\r\n${alternative}` : textPart;
    body = `--${mixed}\r\n${first}\r\n--${mixed}\r\nContent-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(data)}\r\n--${mixed}--\r\n`;
  } else if (withHtml) {
    contentType = `multipart/alternative; boundary="${alt}"`;
    body = alternative;
  } else {
    return `${h}${textPart}`;
  }
  return `${h}Content-Type: ${contentType}\r\n\r\n${body}`;
}

/** Writes the export into `dir` (which must exist and be empty); returns what it wrote. */
export function writeExport(options: ExportOptions): ExportSummary {
  const rand = new Random(options.seed ?? 20240312);
  const pool = bytePool(7 * 1024 * 1024, rand);
  const total = options.ordinary + options.notices.length;
  // Where the notices go: random distinct slots among all files.
  const slots = new Map<number, string>();
  for (const notice of options.notices) {
    let slot = rand.int(total);
    while (slots.has(slot)) slot = (slot + 1) % total;
    slots.set(slot, notice);
  }
  const files: ExportFile[] = [];
  let ordinaryIndex = 0;
  let withBig = 0;
  let bytes = 0;
  for (let n = 0; n < total; n++) {
    const path = join(options.dir, `msg-${pad(n + 1, 5)}.eml`);
    const source = slots.get(n);
    if (source !== undefined) {
      copyFileSync(source, path);
      const size = statSync(path).size;
      files.push({ path, source, bytes: size });
      bytes += size;
    } else {
      ordinaryIndex++;
      const big = options.bigEvery > 0 && ordinaryIndex % options.bigEvery === 0;
      if (big) withBig++;
      const text = ordinaryMessage(ordinaryIndex, rand, pool, big, options.bigMB ?? [2, 6]);
      const data = Buffer.from(text, "utf8");
      writeFileSync(path, data);
      files.push({ path, source: null, bytes: data.length });
      bytes += data.length;
    }
  }
  return { files, ordinary: ordinaryIndex, withBigAttachment: withBig, bytes };
}
