// The banners at the top of the displayed message, in a real Thunderbird 153: what the
// message pane really shows (read from the message's document, inside the banner's shadow
// root) and the real controls clicked. Patient banner open and closed, the close from the
// banner (one [FIN] in the SMTP capture, however many clicks), a bounce explained, a read
// receipt, an HTML message with remote content and page CSS, a plain-text one, encrypted
// messages (nothing), the settings that turn each banner off; the stored message is the same
// byte for byte after display and after a close. Screenshots of each banner, light and dark,
// go to test-output/screenshots/.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { headerLine, headerLines, markLocalFolderAsSent, pageEval, MSSANTE_IDENTITY, withRecentDates, type Harness } from "../../harness/index.js";
import { BUTTON, buttonSchema } from "./close-button.js";
import { patientMessage } from "./patient-mail.js";
import { clickBanner, expectNoBanner, screenshotBanner, setContentScheme, waitForBanner, type Banner } from "./banner-page.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";
import { noticeFixture, SENT } from "./notice-mail.js";

const SHOTS = resolve("test-output/screenshots");
const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "253072A07300443@patient.mssante.fr";
const FOLDER = "Patients";
const NOTICES = "Retours-test";
const SENT_FOLDER = "Envoyes-test";

const HTML_BODY = [
  "<!DOCTYPE html><html><head><style>",
  "div, section, p, button { display: none !important; color: rgb(255, 0, 0) !important; }",
  "body { font-family: serif; color: rgb(255, 0, 0); }",
  "</style></head><body>",
  '<p>Bonjour docteur, voici <b>ma question</b>.</p><img src="http://127.0.0.1:9/tracker.png" alt="">',
  "</body></html>",
  "",
].join("\r\n");

const MESSAGES = [
  patientMessage({ from: PATIENT, name: "Marie Durand", id: "banner-plain@patient.mssante.fr", subject: "Question sur mon traitement" }),
  patientMessage({ from: OTHER_PATIENT, name: "Paul Girard", id: "banner-html@patient.mssante.fr", subject: "Rendez-vous", type: "text/html; charset=UTF-8", body: HTML_BODY }),
  [
    "From: Service de cardiologie <cardio@ch-exemple.mssante.fr>",
    `To: ${MSSANTE_IDENTITY.email}`,
    "Subject: Compte rendu",
    "Date: Mon, 03 Mar 2025 10:00:00 +0100",
    "Message-ID: <banner-colleague@ch-exemple.mssante.fr>",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Compte rendu en pièce jointe.",
    "",
  ].join("\r\n"),
  patientMessage({
    from: PATIENT,
    name: "Marie Durand",
    id: "banner-smime@patient.mssante.fr",
    subject: "Chiffré S/MIME",
    type: 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"',
    body: "MIAGCSqGSIb3DQEHA6CAMIACAQAxggFQMIIBTAIBADA0MCwxKjAoBgNVBAMMIWR1bW15\r\n",
  }),
  patientMessage({
    from: PATIENT,
    name: "Marie Durand",
    id: "banner-pgp@patient.mssante.fr",
    subject: "Chiffré OpenPGP",
    type: 'multipart/encrypted; protocol="application/pgp-encrypted"; boundary="pgp-b"',
    body: [
      "--pgp-b",
      "Content-Type: application/pgp-encrypted",
      "",
      "Version: 1",
      "",
      "--pgp-b",
      'Content-Type: application/octet-stream; name="encrypted.asc"',
      "",
      "-----BEGIN PGP MESSAGE-----",
      "",
      "hQEMA1234567890abcdefghijklmnopqrstuvwxyz",
      "-----END PGP MESSAGE-----",
      "",
      "--pgp-b--",
      "",
    ].join("\r\n"),
  }),
];

const BOUNCE_ID = "ndr-20240312100210.7781@mx1.mssante.example";
const RECEIPT_ID = "mdn-88a1@patient.mssante.fr";

let harness: Harness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startWithAddon({
    // Dated days ago: notices older than the retention (12 months) are not kept.
    localFolders: {
      [FOLDER]: MESSAGES,
      [SENT_FOLDER]: [withRecentDates(SENT)],
      [NOTICES]: [noticeFixture("mes-closed-text-fr.eml"), noticeFixture("mdn-displayed-patient-fr.eml")].map((m) => withRecentDates(m)),
    },
    prefs: { "layout.css.prefers-color-scheme.content-override": 1 },
  });
  await harness.ui.indexLocalFolder(FOLDER, MESSAGES.length);
  await harness.ui.indexLocalFolder(SENT_FOLDER, 1);
  await markLocalFolderAsSent(harness.bidi, await harness.ui.mainWindow(), SENT_FOLDER);
  await harness.ui.indexLocalFolder(NOTICES, 2);
});

afterAll(() => stopAll(harness));

beforeEach(() => {
  harness.smtp.clear();
});

async function display(folder: string, messageId: string): Promise<void> {
  await harness.ui.displayLocalMessage(folder, messageId);
}

/** The stored message's bytes, as the add-on's `messages.getRaw` reads them (hex, to compare byte for byte). */
async function rawOf(folder: string, messageId: string): Promise<string> {
  return z.string().parse(
    await harness.ui.backgroundEval(
      ADDON_ID,
      String.raw`async (folderName, messageId) => {
        const found = await messenger.messages.query({ headerMessageId: messageId });
        const m = found.messages.find((x) => x.folder.name === folderName || x.folder.path.endsWith("/" + folderName));
        const file = await messenger.messages.getRaw(m.id);
        const bytes = new Uint8Array(await file.arrayBuffer());
        return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      }`,
      [folder, messageId],
    ),
  );
}

async function setSetting(key: string, value: boolean): Promise<void> {
  await harness.ui.backgroundEval(ADDON_ID, `async (key, value) => { await messenger.storage.local.set({ [key]: value }); return true; }`, [key, value]);
}

function text(banner: Banner): string {
  return banner.lines.map((l) => l.text).join("\n");
}

async function shoot(name: string, messageId: string, folder: string, wanted: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await setContentScheme(harness.ui, scheme);
    // Displayed again so that the message's document takes the scheme.
    await display(FOLDER, "banner-colleague@ch-exemple.mssante.fr");
    await display(folder, messageId);
    await waitForBanner(harness.ui, messageId, wanted);
    await screenshotBanner(harness.ui, resolve(SHOTS, `${name}-${scheme}.png`));
  }
  await setContentScheme(harness.ui, "light");
}

describe("patient banner", () => {
  it("on a plain-text message from a patient: name, INS in groups and what it encodes, open, the close button; a labelled region", async () => {
    const before = await rawOf(FOLDER, "banner-plain@patient.mssante.fr");
    await display(FOLDER, "banner-plain@patient.mssante.fr");
    const banner = await waitForBanner(harness.ui, "banner-plain@patient.mssante.fr", "Marie Durand");
    expect(banner.lines).toEqual([
      { role: "title", text: "Patient Mon espace santé : Marie Durand" },
      { role: "detail", text: "INS 2 55 08 14 168 025 38 — Femme, née en août 1955, en France (département 14)" },
      { role: "state", text: "Échange ouvert : le patient peut vous répondre." },
    ]);
    expect(banner.actions).toEqual([{ action: "close", tag: "button", label: "Clore l'échange", disabled: false, tabIndex: 0 }]);
    expect(banner).toMatchObject({ role: "region", label: "Patient Mon espace santé", lang: "fr", tone: "open", kind: "patient", firstInBody: true });
    expect(banner.status).toEqual({ role: "status", live: "polite", text: "" });
    // Displaying it changed nothing of the stored message.
    expect(await rawOf(FOLDER, "banner-plain@patient.mssante.fr")).toBe(before);
  });

  it("on an HTML message with remote content (blocked) and CSS that hides every div and paints text red: the banner shows, untouched", async () => {
    await display(FOLDER, "banner-html@patient.mssante.fr");
    const banner = await waitForBanner(harness.ui, "banner-html@patient.mssante.fr", "Paul Girard");
    expect(text(banner)).toContain("INS 2 53 07 2A 073 004 43 — Femme, née en juillet 1953, en Corse (2A)");
    expect(banner.hostDisplay).toBe("block");
    expect(banner.titleColor).not.toBe("rgb(255, 0, 0)");
    expect(banner.actions.map((a) => a.action)).toEqual(["close"]);
  });

  it("screenshots of the open patient banner, light and dark", async () => {
    await shoot("patient-open", "banner-plain@patient.mssante.fr", FOLDER, "Échange ouvert");
  });

  it("two quick clicks on « Clore l'échange » in the banner send one [FIN], from the right identity; the banner then says closed and offers nothing", async () => {
    const before = await rawOf(FOLDER, "banner-plain@patient.mssante.fr");
    await display(FOLDER, "banner-plain@patient.mssante.fr");
    await waitForBanner(harness.ui, "banner-plain@patient.mssante.fr", "Échange ouvert");
    expect(await clickBanner(harness.ui, "close", 2)).toBe(2);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    const raw = sent.raw;
    expect(headerLine(raw, "Subject")).toBe("Subject: [FIN]");
    expect(headerLine(raw, "From")).toBe(`From: ${MSSANTE_IDENTITY.fullName} <${MSSANTE_IDENTITY.email}>`);
    expect(headerLine(raw, "To")).toBe(`To: Marie Durand <${PATIENT}>`);
    expect(headerLines(raw, "Cc")).toEqual([]);
    expect(headerLine(raw, "In-Reply-To")).toBe("In-Reply-To: <banner-plain@patient.mssante.fr>");
    expect(sent.envelope.mailFrom?.address).toBe(MSSANTE_IDENTITY.email);
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
    const after = await waitForBanner(harness.ui, "banner-plain@patient.mssante.fr", "Échange clos le");
    expect(after.tone).toBe("closed");
    expect(after.actions).toEqual([]);
    expect(after.status.text).toContain("Marie Durand");
    await new Promise((r) => setTimeout(r, 2500));
    expect(harness.smtp.messages()).toHaveLength(1);
    expect(await harness.ui.composeWindows()).toEqual([]);
    expect(await rawOf(FOLDER, "banner-plain@patient.mssante.fr")).toBe(before);
  });

  it("displayed again, the closed exchange says when and by whom, from the [FIN] in the Sent folder", async () => {
    await display(FOLDER, "banner-colleague@ch-exemple.mssante.fr");
    await display(FOLDER, "banner-plain@patient.mssante.fr");
    const banner = await waitForBanner(harness.ui, "banner-plain@patient.mssante.fr", "Échange clos le");
    expect(banner.lines.at(-1)?.text).toMatch(/^Échange clos le \d\d\/\d\d\/\d{4} à \d\d:\d\d par Dr Claire Martin : le patient ne peut plus répondre\.$/);
    expect(banner.actions).toEqual([]);
    await shoot("patient-closed", "banner-plain@patient.mssante.fr", FOLDER, "Échange clos le");
  });

  it("nothing on a colleague's message, nor on S/MIME or OpenPGP encrypted messages", async () => {
    await display(FOLDER, "banner-colleague@ch-exemple.mssante.fr");
    expect((await expectNoBanner(harness.ui, "banner-colleague@ch-exemple.mssante.fr")).found).toBe(false);
    await display(FOLDER, "banner-smime@patient.mssante.fr");
    expect((await expectNoBanner(harness.ui, "banner-smime@patient.mssante.fr")).found).toBe(false);
    await display(FOLDER, "banner-pgp@patient.mssante.fr");
    expect((await expectNoBanner(harness.ui, "banner-pgp@patient.mssante.fr")).found).toBe(false);
  });

  it("turned off by its setting: nothing; turned on again: shown", async () => {
    await setSetting("patientBanner", false);
    await display(FOLDER, "banner-html@patient.mssante.fr");
    expect((await expectNoBanner(harness.ui, "banner-html@patient.mssante.fr")).found).toBe(false);
    await setSetting("patientBanner", true);
    await display(FOLDER, "banner-colleague@ch-exemple.mssante.fr");
    await display(FOLDER, "banner-html@patient.mssante.fr");
    await waitForBanner(harness.ui, "banner-html@patient.mssante.fr", "Paul Girard");
  });

  it("closed from the header button: the banner on screen follows (closed, nothing left that would send) without the message being displayed again", async () => {
    await display(FOLDER, "banner-html@patient.mssante.fr");
    await waitForBanner(harness.ui, "banner-html@patient.mssante.fr", "Échange ouvert");
    const button = await harness.bidi.chromeEval(await harness.ui.mainWindow(), BUTTON, [ADDON_ID, true], buttonSchema);
    expect(button.exists).toBe(true);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expect(sent === undefined ? "" : headerLine(sent.raw, "To")).toBe(`To: Paul Girard <${OTHER_PATIENT}>`);
    const after = await waitForBanner(harness.ui, "banner-html@patient.mssante.fr", "Échange clos le");
    expect(after.tone).toBe("closed");
    expect(after.actions).toEqual([]);
    expect(harness.smtp.messages()).toHaveLength(1);
  });
});

describe("notice banner", () => {
  it("on a bounce from a closed patient mailbox: what happened in one sentence, the first step, mark as handled, the panel link", async () => {
    const before = await rawOf(NOTICES, BOUNCE_ID);
    await display(NOTICES, BOUNCE_ID);
    const banner = await waitForBanner(harness.ui, BOUNCE_ID, "clôturée");
    expect(banner.lines.slice(0, 2)).toEqual([
      { role: "title", text: "La messagerie Mon espace santé de ce patient (INS 2 95 10 99 126 111 93) est clôturée : rien ne lui a été remis." },
      { role: "step", text: "À faire d'abord : Ne renvoyez pas le message à cette adresse : il serait de nouveau refusé." },
    ]);
    expect(banner).toMatchObject({ kind: "notice", tone: "problem", label: "Retour de messagerie", role: "region" });
    expect(banner.actions.map((a) => [a.action, a.tag, a.label])).toEqual([
      ["handled", "button", "Marquer comme traité"],
      ["open-notice", "a", "Voir dans le panneau des retours"],
    ]);
    await shoot("notice-bounce", BOUNCE_ID, NOTICES, "clôturée");
    expect(await rawOf(NOTICES, BOUNCE_ID)).toBe(before);
  });

  it("« Marquer comme traité » marks the panel's notice handled and the banner says so", async () => {
    await display(NOTICES, BOUNCE_ID);
    await waitForBanner(harness.ui, BOUNCE_ID, "clôturée");
    await clickBanner(harness.ui, "handled");
    const banner = await waitForBanner(harness.ui, BOUNCE_ID, "Marqué comme traité le");
    expect(banner.status.text).toBe("Retour marqué comme traité.");
    expect(banner.actions.map((a) => a.action)).toEqual(["open-notice"]);
    const stored = await harness.ui.backgroundEval(ADDON_ID, `async (key) => (await messenger.storage.local.get(key))[key]?.handled ?? null`, [`notices.item:${BOUNCE_ID}`]);
    expect(typeof stored).toBe("string");
  });

  it("the link opens the returns panel on that notice, focused", async () => {
    await display(NOTICES, BOUNCE_ID);
    await waitForBanner(harness.ui, BOUNCE_ID, "clôturée");
    await clickBanner(harness.ui, "open-notice");
    const panel = await harness.ui.tabPage("notices-panel.html");
    const focused = await (async () => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const key = z.string().parse(
          await pageEval(harness.bidi, panel, String.raw`() => document.activeElement?.closest?.("li.item")?.dataset?.key ?? ""`),
        );
        if (key !== "" || Date.now() > deadline) return key;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect(focused).toBe(`${BOUNCE_ID}#0`);
    await harness.ui.closeTab("notices-panel.html");
  });

  it("on a read receipt from the patient about a sent message: « Lu par le patient le … »", async () => {
    await display(NOTICES, RECEIPT_ID);
    const banner = await waitForBanner(harness.ui, RECEIPT_ID, "Lu par le patient le");
    expect(banner.lines[0]?.text).toMatch(/^Lu par le patient le \d\d\/\d\d\/\d{4} à \d\d:\d\d$/);
    expect(banner).toMatchObject({ kind: "notice", tone: "read", label: "Accusé de lecture" });
    expect(banner.actions.map((a) => a.action)).toEqual(["open-notice"]);
    await shoot("notice-receipt", RECEIPT_ID, NOTICES, "Lu par le patient le");
  });

  it("turned off by its setting: nothing on the bounce", async () => {
    await setSetting("noticeBanner", false);
    await display(FOLDER, "banner-colleague@ch-exemple.mssante.fr");
    await display(NOTICES, BOUNCE_ID);
    expect((await expectNoBanner(harness.ui, BOUNCE_ID)).found).toBe(false);
    await setSetting("noticeBanner", true);
  });
});
