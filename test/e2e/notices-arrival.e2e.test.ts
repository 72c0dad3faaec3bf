// Notices arriving as new mail in a real Thunderbird: messages are delivered to the Local
// Folders Inbox through Thunderbird's own new-mail parser (New flag set, incoming filters
// applied, `messages.onNewMailReceived` fired), and the add-on classifies them as they come.
// A bounce from a closed Mon espace santé mailbox is tagged and explained in the panel; with
// "file undelivered-mail notices" on, it goes to its folder; a read receipt from the patient
// tags the sent message "read by the patient", a forged one (from another address) tags
// nothing and is shown unverified; ordinary mail is decided from its headers, never read in
// full, and leaves nothing behind; a delivery larger than one page of the new-mail list is
// classified to its last message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { explainReason, reasonLabel } from "../../src/core/notices/explain.js";
import { appendToLocalFolder, markLocalFolderAsSent, pageEval, pageQueryAll, pageWaitForSelector, withRecentDates, type Harness, type PageTarget } from "../../harness/index.js";
import { say } from "../../src/core/i18n/catalogs.js";
import type { Message } from "../../src/core/i18n/text.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";

const fr = (text: Message | undefined): string => (text === undefined ? "" : say(text, "fr"));

const NOTICE_TAG = "mssante-retour";
const READ_TAG = "mssante-lu-patient";
const PANEL_URL = "notices-panel.html";
/** How long the add-on may take to classify what has just arrived. */
const ARRIVAL_TIMEOUT_MS = 20_000;

// Patients (valid INS, one per test so that each test reads its own group in the panel).
const INS_CLOSED = "184127505612355";
const INS_MOVED = "162051305523195";
const INS_READ = "270036912304538";
const INS_BATCH = "291073306301433";
const INS_LARGE = "155113155508733";
const INS_FORGED = "146026322000196";

const SENT_ID = "cr-2024-05-14-0003@medecin.mssante.fr";
const SENT = [
  "Date: Tue, 14 May 2024 09:00:00 +0200",
  "From: Dr Claire Martin <dr.martin@medecin.mssante.fr>",
  "To: Jeanne Moreau <270036912304538@patient.mssante.fr>",
  "Subject: Résultats de votre bilan",
  `Message-ID: <${SENT_ID}>`,
  "Disposition-Notification-To: dr.martin@medecin.mssante.fr",
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: 8bit",
  "",
  "Bonjour, voici vos résultats.",
  "",
].join("\r\n");

/** The French notice of a closed Mon espace santé mailbox, as plain text (the one known form). */
function closedTextBounce(ins: string, noticeId: string): string {
  return [
    "Return-Path: <>",
    "Received: from mx1.mssante.example (mx1.mssante.example [192.0.2.25])",
    "\tby smtp.cabinet-exemple.fr with ESMTPS id 4QxYz1",
    "\tfor <dr.martin@medecin.mssante.fr>; Tue, 14 May 2024 10:02:11 +0200",
    "Date: Tue, 14 May 2024 10:02:10 +0200",
    "From: Mail Delivery System <MAILER-DAEMON@mx1.mssante.example>",
    "To: dr.martin@medecin.mssante.fr",
    "Subject: =?utf-8?Q?Message_non_distribu=C3=A9_:_Compte_rendu_de_consultation?=",
    `Message-ID: <${noticeId}>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Bonjour,",
    "",
    `Le message que vous avez envoyé à "${ins}@patient.mssante.fr" n'a pas pu être distribué car la messagerie Mon espace Santé de votre destinataire est clôturée.`,
    "",
    "----- Message d'origine -----",
    "Date: Tue, 14 May 2024 10:01:58 +0200",
    "From: Dr Claire Martin <dr.martin@medecin.mssante.fr>",
    `To: ${ins}@patient.mssante.fr`,
    "Subject: Compte rendu de consultation",
    `Message-ID: <cr-${noticeId}>`,
    "",
    "Veuillez trouver ci-joint le compte rendu.",
    "",
  ].join("\r\n");
}

/** A standard delivery status notification (multipart/report) for a closed patient mailbox. */
function closedDsnBounce(ins: string, noticeId: string): string {
  const b = "5F1A2B3C4D.1715680000/mta2.mssante.example";
  return [
    "Return-Path: <>",
    "Date: Tue, 14 May 2024 11:45:03 +0200 (CEST)",
    "From: MAILER-DAEMON@mta2.mssante.example (Mail Delivery System)",
    "Subject: =?utf-8?Q?Non_remis_:_R=C3=A9sultats_de_biologie?=",
    "To: dr.martin@medecin.mssante.fr",
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="${b}"`,
    `Message-Id: <${noticeId}>`,
    "",
    "Report in MIME format.",
    "",
    `--${b}`,
    "Content-Description: Notification",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    `Le message que vous avez envoyé à "${ins}@patient.mssante.fr" n'a pas pu être distribué car la messagerie Mon espace Santé de votre destinataire est clôturée.`,
    "",
    `--${b}`,
    "Content-Description: Delivery report",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mta2.mssante.example",
    "Arrival-Date: Tue, 14 May 2024 11:45:02 +0200 (CEST)",
    "",
    `Final-Recipient: rfc822; ${ins}@patient.mssante.fr`,
    `Original-Recipient: rfc822;${ins}@patient.mssante.fr`,
    "Action: failed",
    "Status: 5.2.1",
    "Remote-MTA: dns; mes-in.mssante.example",
    `Diagnostic-Code: smtp; 550 5.2.1 <${ins}@patient.mssante.fr>: Mailbox`,
    "    disabled, messagerie cloturee",
    "",
    `--${b}`,
    "Content-Description: Undelivered Message Headers",
    "Content-Type: text/rfc822-headers",
    "",
    "Date: Tue, 14 May 2024 11:44:59 +0200",
    "From: Dr Claire Martin <dr.martin@medecin.mssante.fr>",
    `To: ${ins}@patient.mssante.fr`,
    "Subject: =?utf-8?Q?R=C3=A9sultats_de_biologie?=",
    `Message-ID: <bio-${noticeId}>`,
    "",
    `--${b}--`,
    "",
  ].join("\r\n");
}

/** A message really sent to another patient, which a forged receipt claims was read. */
const SENT_FORGED_ID = "cr-2024-05-14-0004@medecin.mssante.fr";
const SENT_FORGED = SENT.replace(SENT_ID, SENT_FORGED_ID)
  .replace("Jeanne Moreau <270036912304538@patient.mssante.fr>", `Paul Girard <${INS_FORGED}@patient.mssante.fr>`)
  .replace("Résultats de votre bilan", "Ordonnance");

const RECEIPT_ID = "mdn-arrival-1@patient.mssante.fr";
const RECEIPT = [
  "Date: Tue, 14 May 2024 19:42:07 +0200",
  `From: ${INS_READ}@patient.mssante.fr`,
  "To: dr.martin@medecin.mssante.fr",
  "Subject: =?utf-8?Q?Accus=C3=A9_de_lecture_:_R=C3=A9sultats_de_votre_bilan?=",
  `Message-ID: <${RECEIPT_ID}>`,
  `References: <${SENT_ID}>`,
  "Auto-Submitted: auto-replied",
  "MIME-Version: 1.0",
  'Content-Type: multipart/report; report-type=disposition-notification;\r\n\tboundary="mdn-b-7301"',
  "",
  "--mdn-b-7301",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: 8bit",
  "",
  `Le message « Résultats de votre bilan » envoyé le 14/05/2024 à ${INS_READ}@patient.mssante.fr`,
  "a été affiché par son destinataire.",
  "",
  "--mdn-b-7301",
  "Content-Type: message/disposition-notification",
  "",
  "Reporting-UA: patient.mssante.fr; Messagerie Mon espace sante",
  `Original-Recipient: rfc822;${INS_READ}@patient.mssante.fr`,
  `Final-Recipient: rfc822;${INS_READ}@patient.mssante.fr`,
  `Original-Message-ID: <${SENT_ID}>`,
  "Disposition: automatic-action/MDN-sent-automatically; displayed",
  "",
  "--mdn-b-7301--",
  "",
].join("\r\n");

/**
 * A receipt for the other patient's message written by someone else: same form, but its
 * `From` is not the patient's address (the patient's address is only in the display name).
 */
const FORGED_ID = "mdn-forged-1@example.com";
const FORGED = RECEIPT.replaceAll(SENT_ID, SENT_FORGED_ID)
  .replaceAll(INS_READ, INS_FORGED)
  .replace(`From: ${INS_FORGED}@patient.mssante.fr`, `From: "${INS_FORGED}@patient.mssante.fr" <accuses@example.com>`)
  .replace(`Message-ID: <${RECEIPT_ID}>`, `Message-ID: <${FORGED_ID}>`);

/** Ordinary mail: a colleague, and a patient writing from their own Mon espace santé mailbox. */
function ordinary(messageId: string, from = "Dr Claire Petit <c.petit@medecin.mssante.fr>"): string {
  return [
    `From: ${from}`,
    "To: dr.martin@medecin.mssante.fr",
    "Subject: Patient commun",
    "Date: Thu, 16 May 2024 17:45:10 +0200",
    `Message-ID: <${messageId}>`,
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="utf-8"',
    "Content-Transfer-Encoding: 8bit",
    "",
    "Bonjour,",
    "",
    "Mon courrier à la patiente n'a pas pu être distribué la semaine dernière, je lui ai",
    "remis le compte rendu en main propre. Pouvez-vous me confirmer son adresse ?",
    "",
  ].join("\r\n");
}

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon();
  // The sent messages the read receipts answer: already in the store, not new mail, in the
  // folder Thunderbird keeps sent mail in (flagged as the Sent folder, as an identity's
  // "place a copy in" folder is).
  await appendToLocalFolder(harness.profile, "Envoyes", [withRecentDates(SENT), withRecentDates(SENT_FORGED)]);
  await harness.ui.indexLocalFolder("Envoyes", 2);
  await markLocalFolderAsSent(harness.bidi, await harness.ui.mainWindow(), "Envoyes");
});

afterAll(() => stopAll(harness));

const storedMessageSchema = z.array(z.object({ path: z.string(), tags: z.array(z.string()) }));
type StoredMessage = z.infer<typeof storedMessageSchema>[number];

/** Where the messages with that Message-ID are, and their tags, as the add-on's API sees them. */
async function stored(messageId: string): Promise<StoredMessage[]> {
  const found = await harness.ui.backgroundEval(
    ADDON_ID,
    `async (id) => (await messenger.messages.query({ headerMessageId: id })).messages.map((m) => ({ path: m.folder.path, tags: m.tags }))`,
    [messageId],
  );
  return storedMessageSchema.parse(found);
}

/** Waits until the message with that Message-ID satisfies `done`; fails with what was last seen. */
async function waitForStored(messageId: string, done: (found: StoredMessage[]) => boolean, timeoutMs = ARRIVAL_TIMEOUT_MS): Promise<StoredMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await stored(messageId);
    if (done(found)) return found;
    if (Date.now() > deadline) throw new Error(`<${messageId}> after ${timeoutMs} ms: ${JSON.stringify(found)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const tagged = (tag: string) => (found: StoredMessage[]) => found.length === 1 && found[0]?.tags.includes(tag) === true;

/** The Message-IDs the add-on keeps a notice record for. */
async function recordIds(): Promise<string[]> {
  const keys = await harness.ui.backgroundEval(ADDON_ID, `async () => Object.keys(await messenger.storage.local.get()).filter((k) => k.startsWith("notices.item:"))`);
  return z
    .array(z.string())
    .parse(keys)
    .map((k) => k.slice("notices.item:".length));
}

/** Delivers the messages as one arrival in the Inbox and checks Thunderbird took them as new mail. */
async function deliver(messages: readonly string[], ids: readonly string[]): Promise<void> {
  // Dated days ago, not in 2024: notices older than the retention (12 months) are not kept.
  const delivery = await harness.ui.deliverNewMail(messages.map((m) => withRecentDates(m)));
  expect(delivery.isInbox).toBe(true);
  expect(delivery.messages).toEqual(ids.map((messageId) => ({ messageId, isNew: true })));
}

/** Opens the notices panel from the add-on's toolbar button, as a fresh tab, once loaded. */
async function openPanel(): Promise<PageTarget> {
  await harness.ui.closeTab(PANEL_URL);
  await harness.ui.clickMailAction(ADDON_ID);
  const panel = await harness.ui.tabPage(PANEL_URL);
  await pageWaitForSelector(harness.bidi, panel, "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
  return panel;
}

/**
 * In the background page: wraps the calls that read a message (`getRaw`, `getFull`) or its
 * headers (`getHeaders`) to note which message each was for, and starts counting afresh.
 */
const COUNT_READS = String.raw`() => {
  if (!window.__e2eReads) {
    const reads = { full: [], headers: [] };
    for (const name of ["getRaw", "getFull", "getHeaders"]) {
      const original = messenger.messages[name];
      if (typeof original !== "function") continue;
      const wrapper = function (...args) {
        (name === "getHeaders" ? reads.headers : reads.full).push(args[0]);
        return original.apply(messenger.messages, args);
      };
      messenger.messages[name] = wrapper;
      if (messenger.messages[name] !== wrapper) throw new Error("messages." + name + " could not be wrapped");
    }
    window.__e2eReads = reads;
  }
  window.__e2eReads.full.length = 0;
  window.__e2eReads.headers.length = 0;
  return true;
}`;

/** The Message-IDs of the messages read in full, and of those whose headers were read, since counting began. */
const READS = String.raw`async () => {
  const messageIdOf = async (id) => (await messenger.messages.get(id)).headerMessageId;
  return {
    full: await Promise.all(window.__e2eReads.full.map(messageIdOf)),
    headers: await Promise.all(window.__e2eReads.headers.map(messageIdOf)),
  };
}`;

const readsSchema = z.object({ full: z.array(z.string()), headers: z.array(z.string()) });

describe("notices arriving as new mail", () => {
  it("a bounce from a closed Mon espace santé mailbox is tagged on arrival and explained in the panel", async () => {
    const noticeId = "ndr-arrival-closed@mx1.mssante.example";
    await deliver([closedTextBounce(INS_CLOSED, noticeId)], [noticeId]);

    const found = await waitForStored(noticeId, tagged(NOTICE_TAG));
    expect(found).toEqual([{ path: "/Inbox", tags: [NOTICE_TAG] }]);
    expect(await recordIds()).toContain(noticeId);

    const panel = await openPanel();
    const group = `.group[data-recipient='${INS_CLOSED}']`;
    const heading = await pageWaitForSelector(harness.bidi, panel, `${group} h2`, { timeoutMs: 10_000 });
    expect(heading?.text).toBe(`Patient INS ${INS_CLOSED}`);
    const item = await pageWaitForSelector(harness.bidi, panel, `${group} li.item[data-reason='mailbox-closed']`, { timeoutMs: 10_000 });
    const text = item?.text ?? "";
    // The core's own words for a closed patient mailbox: cause, explanation and every step.
    const expected = explainReason("mailbox-closed", { patient: true, insValid: true });
    expect(text).toContain("Non distribué — avis du");
    expect(text).toContain(fr(expected.title));
    expect(fr(reasonLabel("mailbox-closed"))).toBe("Messagerie fermée");
    expect(text).toContain(`Cause : ${fr(reasonLabel("mailbox-closed"))} (mailbox-closed)`);
    expect(text).toContain(fr(expected.explanation));
    expect(text).toContain("rien n'est parvenu au patient");
    expect(expected.steps.length).toBeGreaterThan(2);
    for (const step of expected.steps) expect(text).toContain(fr(step));
    expect(text).toContain("Que faire :");

    // The notice's own words, read again from the Inbox on demand.
    await pageEval(harness.bidi, panel, `(sel) => { document.querySelector(sel + " details").open = true; return true; }`, [
      `${group} li.item[data-reason='mailbox-closed']`,
    ]);
    const own = await pageWaitForSelector(harness.bidi, panel, `${group} li.item pre.diagnostic[data-loaded='true']`, { state: "attached" });
    expect(own?.text).toContain("clôturée");
  });

  it("with « ranger les messages non distribués » on, an arriving patient bounce goes to its folder", async () => {
    const folderName = "Retours patients";
    await harness.ui.backgroundEval(
      ADDON_ID,
      `(name) => messenger.storage.local.set({ bounceMove: true, bounceFolderName: name, settingsVersion: 1 }).then(() => true)`,
      [folderName],
    );
    try {
      const noticeId = "dsn-arrival-moved@mta2.mssante.example";
      const otherId = "ordinary-moved@medecin.mssante.fr";
      await deliver([closedDsnBounce(INS_MOVED, noticeId), ordinary(otherId)], [noticeId, otherId]);

      const found = await waitForStored(noticeId, (f) => f.length === 1 && f[0]?.path === `/${folderName}`);
      // Moved (not copied), with its tag.
      expect(found).toEqual([{ path: `/${folderName}`, tags: [NOTICE_TAG] }]);
      // Ordinary mail that arrived with it stays in the Inbox, untouched.
      expect(await stored(otherId)).toEqual([{ path: "/Inbox", tags: [] }]);
      const record = await harness.ui.backgroundEval(ADDON_ID, `async (key) => (await messenger.storage.local.get(key))[key]`, [`notices.item:${noticeId}`]);
      expect(record).toMatchObject({ kind: "bounce", recipients: [{ ins: INS_MOVED, reason: "mailbox-closed" }] });
    } finally {
      await harness.ui.backgroundEval(ADDON_ID, `() => messenger.storage.local.set({ bounceMove: false, settingsVersion: 1 }).then(() => true)`);
    }
  });

  it("an arriving read receipt tags the sent message « lu par le patient », a forged one does not, and the open panel shows both", async () => {
    const panel = await openPanel();
    expect(await stored(SENT_ID)).toEqual([{ path: "/Envoyes", tags: [] }]);
    expect(await stored(SENT_FORGED_ID)).toEqual([{ path: "/Envoyes", tags: [] }]);

    // One arrival, classified in order: once the genuine receipt has tagged its message, the
    // forged one, before it, is done with.
    await deliver([FORGED, RECEIPT], [FORGED_ID, RECEIPT_ID]);

    const sent = await waitForStored(SENT_ID, tagged(READ_TAG));
    expect(sent).toEqual([{ path: "/Envoyes", tags: [READ_TAG] }]);
    expect(await stored(SENT_FORGED_ID)).toEqual([{ path: "/Envoyes", tags: [] }]);
    expect(await recordIds()).toEqual(expect.arrayContaining([FORGED_ID, RECEIPT_ID]));
    // The forged receipt is listed, said to be unverified, and marks nothing read.
    const note = await pageWaitForSelector(harness.bidi, panel, `.group[data-recipient='${INS_FORGED}'] .unverified-note`, { timeoutMs: ARRIVAL_TIMEOUT_MS });
    expect(note?.text).toMatch(/^Accusé de lecture non vérifié : il ne vient pas de l'adresse du patient\./);
    expect(await pageQueryAll(harness.bidi, panel, `.message[data-original='${SENT_FORGED_ID}'] .read`)).toEqual([]);
    expect(await pageQueryAll(harness.bidi, panel, `.message[data-original='${SENT_ID}'] .unverified-note`)).toEqual([]);
    // The receipt stays where it arrived: receipts are never filed away.
    expect((await stored(RECEIPT_ID)).map((m) => m.path)).toEqual(["/Inbox"]);

    // The panel, open while the receipt arrived, updates by itself.
    const read = await pageWaitForSelector(harness.bidi, panel, `.message[data-original='${SENT_ID}'] .read`, { timeoutMs: ARRIVAL_TIMEOUT_MS });
    expect(read?.text).toMatch(/^Lu par le patient le /);
    const heading = await pageWaitForSelector(harness.bidi, panel, `.group[data-recipient='${INS_READ}'] h2`, {
      textIncludes: "Jeanne Moreau",
      timeoutMs: 10_000,
    });
    expect(heading?.text).toBe(`Jeanne Moreau — INS ${INS_READ}`);
    const title = await pageWaitForSelector(harness.bidi, panel, `.message[data-original='${SENT_ID}'] h3`, { textIncludes: "Résultats" });
    expect(title?.text).toBe("Message « Résultats de votre bilan »");
    // A read receipt is not something to handle.
    expect(await pageQueryAll(harness.bidi, panel, `.message[data-original='${SENT_ID}'] button.mark`)).toEqual([]);
  });

  it("ordinary mail that arrives is decided from its headers: never read in full, no tag, no record", async () => {
    expect(await harness.ui.backgroundEval(ADDON_ID, COUNT_READS)).toBe(true);
    const colleague = "ordinary-colleague@medecin.mssante.fr";
    const patient = "ordinary-patient@patient.mssante.fr";
    // A bounce last in the same arrival: the add-on takes the messages of an arrival in order,
    // so once the bounce is tagged, the ordinary mail before it has been dealt with; and its one
    // full read shows that the counting works.
    const noticeId = "ndr-arrival-batch@mx1.mssante.example";
    await deliver(
      [ordinary(colleague), ordinary(patient, `Paul Girard <${INS_BATCH}@patient.mssante.fr>`), closedTextBounce(INS_BATCH, noticeId)],
      [colleague, patient, noticeId],
    );
    await waitForStored(noticeId, tagged(NOTICE_TAG));
    await new Promise((r) => setTimeout(r, 500));

    const reads = readsSchema.parse(await harness.ui.backgroundEval(ADDON_ID, READS));
    expect(reads.full).toEqual([noticeId]);
    expect([...reads.headers].sort()).toEqual([colleague, patient, noticeId].sort());
    for (const id of [colleague, patient]) expect(await stored(id)).toEqual([{ path: "/Inbox", tags: [] }]);
    const records = await recordIds();
    expect(records).toContain(noticeId);
    expect(records).not.toContain(colleague);
    expect(records).not.toContain(patient);
  });

  it("an arrival larger than one page of the new-mail list is classified to its last message", async () => {
    expect(await harness.ui.backgroundEval(ADDON_ID, COUNT_READS)).toBe(true);
    // Thunderbird hands new mail to add-ons 100 messages a page (extensions.webextensions.messagesPerPage).
    const ids = Array.from({ length: 119 }, (_, i) => `ordinary-large-${i}@medecin.mssante.fr`);
    const noticeId = "ndr-arrival-large@mx1.mssante.example";
    await deliver([...ids.map((id) => ordinary(id)), closedTextBounce(INS_LARGE, noticeId)], [...ids, noticeId]);

    const done = await waitForStored(noticeId, tagged(NOTICE_TAG)).catch((error: unknown) => error);
    const reads = readsSchema.parse(await harness.ui.backgroundEval(ADDON_ID, READS));
    if (done instanceof Error) throw new Error(`${done.message}; headers read for ${reads.headers.length} of the 120 messages`);
    expect(reads.full).toEqual([noticeId]);
    expect(reads.headers).toHaveLength(120);
  });
});
