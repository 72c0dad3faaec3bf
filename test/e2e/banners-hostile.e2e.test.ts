// The banner drawn into displayed messages, in a real Thunderbird 153, against HTML mail from a
// patient that tries to suppress the real banner (an element of its id) or cover it (a fixed,
// opaque block of the highest z-index).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MSSANTE_IDENTITY, type Harness } from "../../harness/index.js";
import { startWithAddon, stopAll } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const FOLDER = "Patients-hostiles";

function htmlFromPatient(id: string, body: string): string {
  return [
    `From: Marie Durand <${PATIENT}>`,
    `To: ${MSSANTE_IDENTITY.fullName} <${MSSANTE_IDENTITY.email}>`,
    "Subject: Question",
    "Date: Mon, 03 Mar 2025 09:15:00 +0100",
    `Message-ID: <${id}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    body,
    "",
  ].join("\r\n");
}

/** Markup only (no script, no remote content): what any HTML mail may carry. */
const FORGED_ID = "forged-banner@patient.mssante.fr";
const FORGED = htmlFromPatient(
  FORGED_ID,
  '<html><body><div id="mssante-patient-banner" style="border:1px solid #6b7280;border-left:6px solid #6b7280;background:#f4f4f5;padding:10px 14px;font:14px system-ui">' +
    "<p><b>Patient Mon espace santé : Marie Durand</b></p><p>Échange clos le 01/12/2026 : le patient ne peut plus répondre.</p></div>" +
    "<p>Bonjour docteur, pouvez-vous me rappeler ?</p></body></html>",
);

const COVER_ID = "cover-banner@patient.mssante.fr";
const COVER = htmlFromPatient(
  COVER_ID,
  '<html><body><div style="position:fixed;top:0;left:0;width:100%;height:260px;background:#ffffff;z-index:2147483647">' +
    "<p>Bonjour docteur,</p></div><p>Pouvez-vous me rappeler ?</p></body></html>",
);

const MESSAGES = [FORGED, COVER];

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({ localFolders: { [FOLDER]: MESSAGES } });
  await harness.ui.indexLocalFolder(FOLDER, MESSAGES.length);
});

afterAll(() => stopAll(harness));

const paneSchema = z.object({
  messageId: z.string(),
  loaded: z.boolean(),
  /** Holders of a shadow root (the add-on's banner), whatever their id. */
  shadowHosts: z.number(),
  bannerText: z.string(),
  /** Elements of the body with the banner's id (the message's own included). */
  sameId: z.number(),
  /** What is painted at the centre of the real banner: "banner" when it is the banner itself. */
  atCentre: z.string(),
});
type Pane = z.infer<typeof paneSchema>;

const READ_PANE = String.raw`() => {
  const about = document.getElementById("tabmail").currentAboutMessage;
  const doc = about?.document?.getElementById("messagepane")?.contentDocument;
  const hosts = doc?.body ? [...doc.body.querySelectorAll("*")].filter((e) => e.openOrClosedShadowRoot ?? e.shadowRoot) : [];
  const host = hosts[0] ?? null;
  const root = host ? (host.openOrClosedShadowRoot ?? host.shadowRoot) : null;
  let atCentre = "";
  if (host) {
    const r = host.getBoundingClientRect();
    const hit = doc.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
    atCentre = hit === host ? "banner" : hit ? hit.localName + (hit.id ? "#" + hit.id : "") : "nothing";
  }
  return {
    messageId: about?.gMessage?.messageId ?? "",
    loaded: doc?.readyState === "complete" && doc?.location?.href !== "about:blank",
    shadowHosts: hosts.length,
    bannerText: root?.textContent ?? "",
    sameId: doc?.body ? doc.body.querySelectorAll("#mssante-patient-banner").length : 0,
    atCentre,
  };
}`;

async function readPane(): Promise<Pane> {
  return harness.bidi.chromeEval(await harness.ui.mainWindow(), READ_PANE, [], paneSchema);
}

/**
 * Displays the message and waits for the real banner (a shadow root holding « Échange
 * ouvert »); when none comes within 8 s of the message's load (the banner answers within
 * a fraction of a second on this machine, see `npm run bench`), returns what is there.
 */
async function displayAndRead(messageId: string): Promise<Pane> {
  await harness.ui.displayLocalMessage(FOLDER, messageId);
  let loadedAt: number | null = null;
  for (;;) {
    const pane = await readPane();
    if (pane.messageId === messageId && pane.loaded) {
      loadedAt ??= Date.now();
      if (pane.bannerText.includes("Échange ouvert")) return pane;
      if (Date.now() - loadedAt > 8_000) return pane;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("an HTML mail cannot suppress or cover the patient banner", () => {
  /*
   * A mail carrying a look-alike grey banner with the banner's id (« Échange clos le
   * 01/12/2026 ») still gets the real banner (one shadow root, « Échange ouvert »): the
   * script never decides by an id the message can copy.
   */
  it("a message holding a look-alike element with the banner's id still gets the real banner", async () => {
    const pane = await displayAndRead(FORGED_ID);
    expect(pane.sameId).toBeGreaterThan(0);
    expect(pane.shadowHosts, "the real banner is drawn").toBe(1);
    expect(pane.bannerText).toContain("Échange ouvert");
  });

  /*
   * A `position: fixed` block of the mail (plain CSS, no script) with the highest z-index is
   * not painted over the banner: the banner is in the top layer, above the message's content,
   * and what is hit at its centre is the banner.
   */
  it("a fixed, opaque block of the mail is not painted over the banner", async () => {
    const pane = await displayAndRead(COVER_ID);
    expect(pane.shadowHosts).toBe(1);
    expect(pane.atCentre).toBe("banner");
  });
});
