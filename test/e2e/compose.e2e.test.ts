// The compose side in a real Thunderbird: the patient is added through the real compose
// action popup, the options set there, the real Send command used, and the message that
// reaches the SMTP capture checked line by line. Then each send guard: nothing leaves, the
// compose window stays open with its content, the explanation window offers the fix, and
// the fixed message goes — even after the add-on's event page was suspended in between.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerLine, headerLines, MSSANTE_IDENTITY, NON_MSSANTE_IDENTITY, type Harness } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "253072A07300443@patient.mssante.fr";
const SEND_CHECK = "send-check.html";

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({
    identities: [MSSANTE_IDENTITY, NON_MSSANTE_IDENTITY],
  });
  const lang = await harness.ui.backgroundEval(ADDON_ID, "() => messenger.i18n.getUILanguage()");
  if (typeof lang !== "string" || !lang.startsWith("fr")) {
    throw new Error(`Thunderbird runs in "${String(lang)}", not French: install thunderbird-l10n-fr`);
  }
});

afterAll(() => stopAll(harness));

beforeEach(() => {
  harness.smtp.clear();
});

/** Waits until the compose window's fields satisfy `check` (the add-on writes them asynchronously). */
async function waitForFields(
  compose: string,
  check: (fields: Awaited<ReturnType<Harness["ui"]["composeFields"]>>) => boolean,
  timeoutMs = 10_000,
): Promise<Awaited<ReturnType<Harness["ui"]["composeFields"]>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fields = await harness.ui.composeFields(compose);
    if (check(fields)) return fields;
    if (Date.now() > deadline) throw new Error(`compose fields never matched: ${JSON.stringify(fields)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Asserts that nothing reached the SMTP capture for a while. */
async function expectNothingSent(ms = 1500): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  expect(harness.smtp.messages()).toEqual([]);
}

async function bodyText(compose: string): Promise<string> {
  const text = await harness.ui.bidi.chromeEval(
    compose,
    "() => window.GetCurrentEditor().outputToString('text/plain', 0)",
  );
  return String(text);
}

/** Suspends the add-on's event page, as Thunderbird does when it is idle. */
async function suspendBackground(): Promise<void> {
  await harness.ui.chromeEval(
    `async (id) => { await WebExtensionPolicy.getByID(id).extension.terminateBackground({ disableResetIdleForTest: true }); return true; }`,
    [ADDON_ID],
  );
}

describe("writing to a patient from the compose window", () => {
  it("adds the patient from the INS, then sends with read receipt, [FIN] and no-reply", async () => {
    const { ui, smtp } = harness;
    const compose = await ui.openComposeWindow({ subject: "Vos résultats", body: "Bonjour,\n\nVoici vos résultats.\n" });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });

    // Typed as printed on a card, with spaces: validated as typed, identity shown.
    await ui.popupType(compose, "#ins", "2 55 08 14 168 02");
    expect((await ui.popupQuery(compose, "#ins-status"))?.text).toContain("Il manque 3 caractères");
    expect((await ui.popupQuery(compose, "#ins"))?.attributes["aria-invalid"]).toBe("true");
    expect((await ui.popupQuery(compose, "#card"))?.visible).toBe(false);
    // The commonest mistake: the 13 digits without the key.
    await ui.popupType(compose, "#ins", "2 55 08 14 168 025");
    expect((await ui.popupQuery(compose, "#ins-status"))?.text).toContain("La clé de 2 chiffres manque");
    expect((await ui.popupQuery(compose, "#card"))?.visible).toBe(false);
    await ui.popupType(compose, "#ins", "2 55 08 14 168 025 38");
    expect((await ui.popupQuery(compose, "#card-identity"))?.text).toBe("Femme, née en août 1955, en France (département 14)");
    expect((await ui.popupQuery(compose, "#card-mismatch"))?.visible).toBe(false);

    // The patient's file says a man born in 2012: a loud warning (a parent's number?).
    await ui.popupEval(compose, `() => { const s = document.getElementById("expected-sex"); s.value = "male"; s.dispatchEvent(new Event("input")); return true; }`);
    await ui.popupType(compose, "#expected-birth", "2012-03-04");
    const mismatch = await ui.popupQuery(compose, "#card-mismatch");
    expect(mismatch?.visible).toBe(true);
    expect(mismatch?.attributes["role"]).toBe("alert");
    expect(mismatch?.text).toContain("le sexe, l'année de naissance et le mois de naissance");
    await ui.popupEval(compose, `() => { const s = document.getElementById("expected-sex"); s.value = "female"; s.dispatchEvent(new Event("input")); return true; }`);
    await ui.popupType(compose, "#expected-birth", "1955-08-21");
    expect((await ui.popupQuery(compose, "#card-mismatch"))?.visible).toBe(false);

    await ui.popupType(compose, "#patient-name", "Marie Durand");
    await ui.popupClick(compose, "#add-patient");
    await ui.waitForPopupSelector(compose, "#add-status", { textIncludes: PATIENT });
    await waitForFields(compose, (f) => f.to.length === 1 && f.to[0] === `Marie Durand <${PATIENT}>`);

    // Read receipt is on by default for a patient; close the exchange and forbid replies.
    await ui.waitForPopupSelector(compose, "#patient-list li", { textIncludes: PATIENT });
    expect((await ui.popupQuery(compose, "#opt-receipt"))?.checked).toBe(true);
    await ui.popupClick(compose, "#opt-closing");
    await ui.popupClick(compose, "#opt-noreply");
    const fields = await waitForFields(compose, (f) => f.subject === "[FIN]" && f.headers["x-mss-mes"] === "FIN");
    expect(fields.returnReceipt).toBe(true);

    await ui.clickSend(compose);
    const [sent] = await smtp.waitForMessages(1, 30_000);
    await ui.waitForWindowClosed(compose);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
    expect(sent.envelope.mailFrom?.address).toBe(MSSANTE_IDENTITY.email);
    expect(headerLine(sent.raw, "To")).toBe(`To: Marie Durand <${PATIENT}>`);
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    expect(headerLine(sent.raw, "Disposition-Notification-To")).toBe(
      `Disposition-Notification-To: Dr Claire Martin <${MSSANTE_IDENTITY.email}>`,
    );
    expect(headerLines(sent.raw, "X-MSS-MES")).toHaveLength(1);
    // Thunderbird writes custom header names Train-Cased ("X-Mss-Mes"); header names are
    // case-insensitive (RFC 5322 §1.2.2), the value must be exactly FIN.
    const noReply = headerLine(sent.raw, "X-MSS-MES");
    expect(noReply.toUpperCase()).toBe("X-MSS-MES: FIN");
    expect(noReply.slice(noReply.indexOf(":"))).toBe(": FIN");
    expect(headerLines(sent.raw, "Reply-To")).toEqual([]);
  });

  it("unticking [FIN] gives the previous subject back", async () => {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ to: PATIENT, subject: "Convocation du 3 mars" });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    await ui.popupClick(compose, "#opt-closing");
    await waitForFields(compose, (f) => f.subject === "[FIN]");
    await ui.popupClick(compose, "#opt-closing");
    await waitForFields(compose, (f) => f.subject === "Convocation du 3 mars");
    await ui.closeWindow(compose);
  });
});

describe("reaching the patient panel without the toolbar", () => {
  it("from the Tools menu of the compose window", async () => {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ subject: "Menu" });
    const label = await ui.bidi.chromeEval(
      compose,
      `async () => {
        const popup = document.querySelector("#tasksMenu menupopup");
        const shown = new Promise((resolve) => popup.addEventListener("popupshown", resolve, { once: true }));
        popup.openPopup();
        await shown;
        const item = [...popup.querySelectorAll("menuitem")].find((m) => m.id.includes("open-patient-panel"));
        const text = item?.getAttribute("label") ?? null;
        item?.doCommand();
        popup.hidePopup();
        return text;
      }`,
    );
    expect(label).toBe("Écrire à un patient (Mon espace santé)…");
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    expect((await ui.popupQuery(compose, "#ins"))?.focused).toBe(true);
    await ui.closeWindow(compose);
  });

  it("with the keyboard shortcut Alt+Shift+P", async () => {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ subject: "Raccourci" });
    // The shortcut Thunderbird registered for the add-on's manifest command, fired as a key press would.
    const found = await ui.fireShortcut("alt,shift", "P", compose);
    expect(found).toBe(true);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    await ui.closeWindow(compose);
  });
});

describe("send guards", () => {
  it("two patients in To: nothing leaves, nothing is lost, moving them to Bcc fixes it", async () => {
    const { ui, smtp } = harness;
    const body = "Madame, Monsieur,\n\nVotre rendez-vous est confirmé.\n";
    const compose = await ui.openComposeWindow({ to: [PATIENT, OTHER_PATIENT], subject: "Rendez-vous", body });
    await ui.clickSend(compose);

    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    await ui.waitForWindowSelector(check, "body[data-ready='true']", { state: "attached" });
    const blocker = await ui.windowQuery(check, "#blockers li[data-code='patients-see-each-other']");
    expect(blocker?.visible).toBe(true);
    expect((await ui.windowQuery(check, "#heading"))?.text).toBe("Ce message n'a pas été envoyé");
    await expectNothingSent();
    expect(await ui.isComposeOpen(compose)).toBe(true);
    const kept = await ui.composeFields(compose);
    expect(kept.to).toEqual([PATIENT, OTHER_PATIENT]);
    expect(kept.subject).toBe("Rendez-vous");
    expect(await bodyText(compose)).toContain("Votre rendez-vous est confirmé.");

    // The user takes their time: the event page is suspended meanwhile.
    await suspendBackground();

    await ui.windowClick(check, "button[data-fix='patients-to-bcc']");
    await waitForFields(compose, (f) => f.to.length === 0 && f.bcc.length === 2);
    await ui.waitForWindowSelector(check, "#send-now");
    await ui.windowClick(check, "#send-now");

    const [sent] = await smtp.waitForMessages(1, 30_000);
    await ui.waitForWindowClosed(compose);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.rcptTo.map((r) => r.address).sort()).toEqual([OTHER_PATIENT, PATIENT].sort());
    const headers = sent.raw.toString("utf8").split(/\r\n\r\n/)[0] ?? "";
    expect(headers).not.toContain("patient.mssante.fr");
  });

  it("Re: [FIN] is blocked and made exactly [FIN]", async () => {
    const { ui, smtp } = harness;
    const compose = await ui.openComposeWindow({ to: PATIENT, subject: "Re: [FIN]", body: "Au revoir.\n" });
    await ui.clickSend(compose);
    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    await ui.waitForWindowSelector(check, "#blockers li[data-code='subject-fin-malformed']");
    await expectNothingSent();
    expect((await ui.composeFields(compose)).subject).toBe("Re: [FIN]");

    await ui.windowClick(check, "button[data-fix='subject-exact-fin']");
    await waitForFields(compose, (f) => f.subject === "[FIN]");
    await ui.waitForWindowSelector(check, "#send-now");
    // The fix button is gone with the redrawn list: focus moved on to the send button.
    await expect.poll(() => ui.windowEval(check, "() => document.activeElement?.id ?? ''"), { timeout: 10_000 }).toBe("send-now");
    await ui.windowClick(check, "#send-now");
    const [sent] = await smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
  });

  it("a sender outside MSSanté is blocked; from the MSSanté identity it goes", async () => {
    const { ui, smtp } = harness;
    const compose = await ui.openComposeWindow({ identityKey: "id2", to: PATIENT, subject: "Information", body: "Bonjour.\n" });
    expect((await ui.composeFields(compose)).identityEmail).toBe(NON_MSSANTE_IDENTITY.email);
    await ui.clickSend(compose);
    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    const blocker = await ui.waitForWindowSelector(check, "#blockers li[data-code='sender-not-mssante']");
    expect(blocker?.text).toContain(NON_MSSANTE_IDENTITY.email);
    await expectNothingSent();
    expect(await ui.isComposeOpen(compose)).toBe(true);
    await ui.closeWindow(check);

    // The user picks the MSSanté identity in the From field, then sends again.
    await ui.bidi.chromeEval(
      compose,
      `(key) => { const menu = document.getElementById("msgIdentity"); const item = [...menu.menupopup.children].find((i) => i.getAttribute("identitykey") === key); menu.selectedItem = item; window.LoadIdentity(false); return true; }`,
      [MSSANTE_IDENTITY.key],
    );
    await waitForFields(compose, (f) => f.identityEmail === MSSANTE_IDENTITY.email);
    await ui.clickSend(compose);
    const [sent] = await smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.mailFrom?.address).toBe(MSSANTE_IDENTITY.email);
  });

  it("a Reply-To is a warning: the user may send anyway, once, for that exact message", async () => {
    const { ui, smtp } = harness;
    const compose = await ui.openComposeWindow({ to: PATIENT, subject: "Compte rendu", body: "Bonjour, voici le compte rendu de la consultation.\n" });
    await ui.backgroundEval(
      ADDON_ID,
      `async () => { const [tab] = await messenger.tabs.query({ type: "messageCompose", active: true }); await messenger.compose.setComposeDetails(tab.id, { replyTo: ["secretariat@ch-exemple.fr"] }); return (await messenger.compose.getComposeDetails(tab.id)).replyTo; }`,
    ).then((replyTo) => {
      expect(replyTo).toEqual(["secretariat@ch-exemple.fr"]);
    });
    await ui.clickSend(compose);
    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    await ui.waitForWindowSelector(check, "#warnings li[data-code='reply-to-set']");
    expect((await ui.windowQuery(check, "#send-now"))?.visible).toBe(false);
    await expectNothingSent();

    await ui.windowClick(check, "#send-anyway");
    const [sent] = await smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent.raw, "Reply-To")).toBe("Reply-To: secretariat@ch-exemple.fr");
  });

  it("X-MSS-MES never goes to a recipient who is not a patient", async () => {
    const { ui, smtp } = harness;
    const colleague = "dr.bernard@ch-exemple.mssante.fr";
    const compose = await ui.openComposeWindow({ to: colleague, subject: "Avis", body: "Cher confrère,\n" });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    await ui.popupClick(compose, "#opt-noreply");
    await waitForFields(compose, (f) => f.headers["x-mss-mes"] === "FIN");
    await ui.clickSend(compose);
    const [sent] = await smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([colleague]);
    expect(headerLines(sent.raw, "X-MSS-MES")).toEqual([]);
  });
});
