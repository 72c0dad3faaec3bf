// The banners on the paths a user takes beyond the 3-pane, in a real Thunderbird 153: a
// patient's message opened in its own window and in a tab (the banner is there, follows a
// close made from the 3-pane's header button or the exchanges view, and closes from the
// window with one [FIN]); « Clore l'échange » while Thunderbird is offline (the [FIN] waits
// in the Outbox, the banner says so and never says closed before it has gone, then follows
// once it is sent); the outgoing server refusing the [FIN] (not closed, the [FIN] kept in its
// window; sent from there, the banner follows); the keyboard only (F6 and Tab from the
// message list reach the banner's button, the focus is visible, Space and Enter press it);
// and the English interface (every banner string in English).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { headerLine, headerLines, MSSANTE_IDENTITY, pageClick, pageEval, pageWaitForSelector, withRecentDates, type CapturedMessage, type Harness } from "../../harness/index.js";
import { BUTTON, buttonSchema } from "./close-button.js";
import { bannerSchema, DESCRIBE_BANNER, type Banner } from "./banner-page.js";
import { waitForOutbox, type Outbox } from "./outbox.js";
import { smtpPort, startRefusingSmtp, useSmtpPort } from "./refusing-smtp.js";
import { patientMessage as patientMail, SHORT_QUESTION } from "./patient-mail.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";
import { noticeFixture } from "./notice-mail.js";

const FOLDER = "Patients";
const NOTICES = "Retours-test";

/** Key-valid INS, one patient per path (a closed exchange stays closed). */
const PATIENTS = {
  window: { ins: "255081416802538", name: "Marie Durand" },
  windowBanner: { ins: "253072A07300443", name: "Paul Girard" },
  offline: { ins: "295109912611193", name: "Jeanne Petit" },
  space: { ins: "186022A21532523", name: "Luc Moreau" },
  enter: { ins: "146026322000196", name: "Anne Leroy" },
  english: { ins: "253072B07300470", name: "Louise Martin" },
  // (Another profile than "english": the same INS is free here.)
  refused: { ins: "253072B07300470", name: "Henri Blanc" },
  viewClose: { ins: "185057512345673", name: "Marc Roux" },
} as const;
type Who = keyof typeof PATIENTS;

const address = (who: Who): string => `${PATIENTS[who].ins}@patient.mssante.fr`;
const idOf = (who: Who): string => `paths-${who}@patient.mssante.fr`;

function patientMessage(who: Who): string {
  const { name } = PATIENTS[who];
  return patientMail({ from: address(who), name, id: idOf(who), subject: "Question sur mon traitement", body: SHORT_QUESTION });
}

/**
 * Chrome script: `(where, messageId)` → the banner of the message with that Message-ID as
 * shown in the main window's 3-pane tab (`"3pane"`), in a message tab (`"tab"`) or in a
 * message window (`"window"`).
 */
const READ_BANNER_IN = String.raw`(where, messageId) => {
  ${DESCRIBE_BANNER}
  const tabmail = document.getElementById("tabmail");
  let about = null;
  if (where === "3pane") about = tabmail.tabInfo[0]?.chromeBrowser?.contentWindow?.messageBrowser?.contentWindow ?? null;
  if (where === "tab") {
    const tab = tabmail.tabInfo.find((t) => t.mode?.name === "mailMessageTab" && t.chromeBrowser?.contentWindow?.gMessage?.messageId === messageId);
    about = tab?.chromeBrowser?.contentWindow ?? null;
  }
  if (where === "window") {
    for (const win of Services.wm.getEnumerator("mail:messageWindow")) {
      const candidate = win.messageBrowser?.contentWindow;
      if (candidate?.gMessage?.messageId === messageId) about = candidate;
    }
  }
  return describeBanner(about, about?.document?.getElementById("messagepane")?.contentDocument);
}`;

/** Chrome script: `(messageId, action, times)` → clicks the banner's control in the message window showing that message. */
const CLICK_IN_WINDOW = String.raw`(messageId, action, times) => {
  for (const win of Services.wm.getEnumerator("mail:messageWindow")) {
    const about = win.messageBrowser?.contentWindow;
    if (about?.gMessage?.messageId !== messageId) continue;
    const holder = about.document.getElementById("messagepane").contentDocument.getElementById("mssante-patient-banner");
    const control = holder?.shadowRoot?.querySelector('[data-action="' + action + '"]');
    if (!control) return 0;
    for (let i = 0; i < times; i++) control.click();
    return times;
  }
  return 0;
}`;

/** Chrome script: `(key, code, keyCode)` → presses and releases a key in the main window, as the keyboard does (trusted events). */
const PRESS = String.raw`(key, code, keyCode) => {
  const tip = Cc["@mozilla.org/text-input-processor;1"].createInstance(Ci.nsITextInputProcessor);
  if (!tip.beginInputTransactionForTests(window)) throw new Error("no input transaction");
  const event = new KeyboardEvent("", { key, code, keyCode });
  tip.keydown(event);
  tip.keyup(event);
  return true;
}`;

/** Chrome script: `()` → where the focus is, down through browsers and shadow roots. */
const FOCUSED = String.raw`() => {
  const path = [];
  let el = document.activeElement;
  for (let depth = 0; el && depth < 12; depth++) {
    path.push(el.localName + (el.id ? "#" + el.id : ""));
    const inner = el.localName === "browser" || el.localName === "iframe" ? el.contentDocument : null;
    if (inner?.activeElement) {
      el = inner.activeElement;
      continue;
    }
    const shadow = el.openOrClosedShadowRoot ?? el.shadowRoot;
    if (shadow?.activeElement) {
      el = shadow.activeElement;
      continue;
    }
    break;
  }
  const view = el?.ownerDocument?.defaultView;
  const style = el && view ? view.getComputedStyle(el) : null;
  return {
    path,
    action: el?.dataset?.action ?? "",
    focusVisible: Boolean(el?.matches?.(":focus-visible")),
    outline: style ? style.outlineStyle + " " + style.outlineWidth : "",
  };
}`;

const focusSchema = z.object({ path: z.array(z.string()), action: z.string(), focusVisible: z.boolean(), outline: z.string() });

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({ localFolders: { [FOLDER]: (["window", "windowBanner", "offline", "space", "enter", "refused", "viewClose"] as const).map(patientMessage) } });
  await harness.ui.indexLocalFolder(FOLDER, 7);
});

afterAll(() => stopAll(harness));

beforeEach(() => {
  harness.smtp.clear();
});

async function readIn(where: "3pane" | "tab" | "window", messageId: string, h: Harness = harness): Promise<Banner> {
  return h.bidi.chromeEval(await h.ui.mainWindow(), READ_BANNER_IN, [where, messageId], bannerSchema);
}

/** Waits until the banner of that message, where it is shown, holds `text` (in its lines or its live region). */
/**
 * Waits for the banner of that message holding `text` (and, when given, with that label: the
 * banner of the message displayed before may still be on screen a moment, and may hold the
 * same words).
 */
async function waitIn(
  where: "3pane" | "tab" | "window",
  messageId: string,
  text: string,
  h: Harness = harness,
  timeoutMs = 20_000,
  label?: string,
): Promise<Banner> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const banner = await readIn(where, messageId, h);
    const all = [...banner.lines.map((l) => l.text), banner.status.text].join("\n");
    if (banner.messageId === messageId && banner.found && all.includes(text) && (label === undefined || banner.label === label)) return banner;
    if (Date.now() > deadline) throw new Error(`no banner with ${JSON.stringify(text)} on ${messageId} (${where}): ${JSON.stringify(banner)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openMessage(messageId: string, location: "window" | "tab"): Promise<void> {
  await harness.ui.backgroundEval(
    ADDON_ID,
    `async (id, location) => { await messenger.messageDisplay.open({ headerMessageId: id, location }); return true; }`,
    [messageId, location],
  );
}

async function closeMessageWindows(): Promise<void> {
  await harness.ui.chromeEval(String.raw`() => { for (const win of Services.wm.getEnumerator("mail:messageWindow")) win.close(); return true; }`);
}

async function closeMessageTabs(): Promise<void> {
  await harness.ui.chromeEval(String.raw`() => {
    const tabmail = document.getElementById("tabmail");
    for (const tab of [...tabmail.tabInfo]) if (tab.mode?.name === "mailMessageTab") tabmail.closeTab(tab);
    return true;
  }`);
}

/** The [FIN] to that patient, checked byte for byte as the other close tests do. */
function expectFin(sent: CapturedMessage | undefined, who: Who): void {
  if (sent === undefined) throw new Error("nothing sent");
  const raw = sent.raw;
  expect(headerLine(raw, "Subject")).toBe("Subject: [FIN]");
  expect(headerLine(raw, "From")).toBe(`From: ${MSSANTE_IDENTITY.fullName} <${MSSANTE_IDENTITY.email}>`);
  expect(headerLine(raw, "To")).toBe(`To: ${PATIENTS[who].name} <${address(who)}>`);
  expect(headerLines(raw, "Cc")).toEqual([]);
  expect(headerLines(raw, "Reply-To")).toEqual([]);
  expect(headerLine(raw, "In-Reply-To")).toBe(`In-Reply-To: <${idOf(who)}>`);
  expect(sent.envelope.mailFrom?.address).toBe(MSSANTE_IDENTITY.email);
  expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([address(who)]);
}

async function press(key: string, code: string, keyCode: number): Promise<void> {
  await harness.ui.chromeEval(PRESS, [key, code, keyCode]);
}

async function focused(): Promise<z.infer<typeof focusSchema>> {
  return focusSchema.parse(await harness.ui.chromeEval(FOCUSED));
}

const subjects = (box: Outbox): string[] => box.map((m) => m.subject);

describe("a message in its own window or tab", () => {
  it("has the patient banner in a window and in a tab; both follow a close made from the 3-pane's header button", async () => {
    const id = idOf("window");
    await openMessage(id, "window");
    await openMessage(id, "tab");
    const inWindow = await waitIn("window", id, "Échange ouvert");
    expect(inWindow.lines[0]?.text).toBe("Patient Mon espace santé : Marie Durand");
    expect(inWindow.actions.map((a) => a.action)).toEqual(["close"]);
    expect(inWindow).toMatchObject({ role: "region", tone: "open", firstInBody: true });
    const inTab = await waitIn("tab", id, "Échange ouvert");
    expect(inTab.actions.map((a) => a.action)).toEqual(["close"]);

    // Closed from the header button of the 3-pane, where the same message is selected.
    await harness.ui.chromeEval(String.raw`() => { const t = document.getElementById("tabmail"); t.switchToTab(0); return true; }`);
    await harness.ui.displayLocalMessage(FOLDER, id);
    await waitIn("3pane", id, "Échange ouvert");
    const button = await harness.bidi.chromeEval(await harness.ui.mainWindow(), BUTTON, [ADDON_ID, true], buttonSchema);
    expect(button.exists).toBe(true);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectFin(sent, "window");

    for (const where of ["window", "tab", "3pane"] as const) {
      const after = await waitIn(where, id, "Échange clos le");
      expect(after.tone).toBe("closed");
      expect(after.actions).toEqual([]);
    }
    expect(harness.smtp.messages()).toHaveLength(1);
    await closeMessageTabs();
    await closeMessageWindows();
  });

  it("two quick clicks on the banner's « Clore l'échange » in a message window send one [FIN]; the window's banner says closed", async () => {
    const id = idOf("windowBanner");
    await openMessage(id, "window");
    await waitIn("window", id, "Échange ouvert");
    expect(await harness.ui.chromeEval(CLICK_IN_WINDOW, [id, "close", 2])).toBe(2);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectFin(sent, "windowBanner");
    const after = await waitIn("window", id, "Échange clos le");
    expect(after.tone).toBe("closed");
    expect(after.actions).toEqual([]);
    expect(after.status.text).toContain("Paul Girard");
    await new Promise((r) => setTimeout(r, 2_000));
    expect(harness.smtp.messages()).toHaveLength(1);
    expect(await harness.ui.composeWindows()).toEqual([]);
    await closeMessageWindows();
  });
});

describe("closed from the exchanges view", () => {
  it("the banner of the message window follows a close confirmed in the exchanges view", async () => {
    const id = idOf("viewClose");
    await openMessage(id, "window");
    await waitIn("window", id, "Échange ouvert");
    expect(await harness.ui.fireShortcut("alt,shift", "E")).toBe(true);
    const view = await harness.ui.tabPage("exchanges.html");
    await pageWaitForSelector(harness.bidi, view, "body[data-state='ready']", { state: "attached", timeoutMs: 30_000 });
    await pageClick(harness.bidi, view, `#rows tr[data-ins='${PATIENTS.viewClose.ins}'] button.close`);
    await pageWaitForSelector(harness.bidi, view, "dialog#confirm[open]");
    await pageEval(harness.bidi, view, `() => { document.getElementById("confirm-yes").click(); return true; }`);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectFin(sent, "viewClose");
    const after = await waitIn("window", id, "Échange clos le");
    expect(after.actions).toEqual([]);
    await harness.ui.closeTab("exchanges.html");
    await closeMessageWindows();
  });
});

describe("offline", () => {
  it("« Clore l'échange » offline: the [FIN] waits in the Outbox, the banner says so (never closed), then follows once it is sent", async () => {
    const id = idOf("offline");
    await harness.ui.displayLocalMessage(FOLDER, id);
    await waitIn("3pane", id, "Échange ouvert");
    await harness.ui.chromeEval(String.raw`() => { Services.io.offline = true; return true; }`);
    try {
      await harness.ui.chromeEval(
        String.raw`() => {
          const doc = document.getElementById("tabmail").currentAboutMessage.document.getElementById("messagepane").contentDocument;
          doc.getElementById("mssante-patient-banner").shadowRoot.querySelector('[data-action="close"]').click();
          return true;
        }`,
      );
      const waiting = await waitIn("3pane", id, "boîte d'envoi");
      expect(waiting.tone).toBe("delay");
      expect(waiting.lines.map((l) => l.text).join("\n")).not.toContain("clos le");
      expect(waiting.actions).toEqual([]);
      expect(waiting.status.text).toContain("Jeanne Petit");
      expect(subjects(await waitForOutbox(harness.ui, 1))).toEqual(["[FIN]"]);
      expect(harness.smtp.messages()).toEqual([]);
      expect(await harness.ui.composeWindows()).toEqual([]);
      expect(await harness.ui.openDialogs()).toEqual([]);
      // Displayed again: still waiting, still not closed.
      await harness.ui.displayLocalMessage(FOLDER, idOf("space"));
      await harness.ui.displayLocalMessage(FOLDER, id);
      const again = await waitIn("3pane", id, "boîte d'envoi");
      expect(again.tone).toBe("delay");
      // What this session remembers of the close forgotten (as after a restart of
      // Thunderbird): the [FIN] found in the Outbox still says the close waits.
      await harness.ui.backgroundEval(
        ADDON_ID,
        `async () => { const all = await messenger.storage.session.get(); await messenger.storage.session.remove(Object.keys(all).filter((k) => k.startsWith("closing:"))); return true; }`,
      );
      await harness.ui.displayLocalMessage(FOLDER, idOf("space"));
      await harness.ui.displayLocalMessage(FOLDER, id);
      const fromMail = await waitIn("3pane", id, "boîte d'envoi");
      expect(fromMail.tone).toBe("delay");
      expect(fromMail.actions).toEqual([]);
    } finally {
      // (Later: Thunderbird may ask whether to send the unsent messages now.)
      await harness.ui.chromeEval(String.raw`() => { setTimeout(() => { Services.io.offline = false; }, 0); return true; }`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const asked = await harness.ui.openDialogs();
    // Back online, the user sends the unsent messages (yes to Thunderbird's question, or
    // File › Send Unsent Messages): the [FIN] leaves, the banner follows.
    if (asked.length > 0) await harness.ui.acceptDialogs();
    else await harness.ui.chromeEval(String.raw`() => { SendUnsentMessages(); return true; }`);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectFin(sent, "offline");
    await waitForOutbox(harness.ui, 0);
    const closed = await waitIn("3pane", id, "Échange clos le");
    expect(closed.tone).toBe("closed");
    expect(closed.actions).toEqual([]);
    expect(harness.smtp.messages()).toHaveLength(1);
  });
});

describe("the outgoing server refusing", () => {
  it("the [FIN] refused: the banner says not closed and offers the close again, the [FIN] stays in its compose window; sent from there, the banner follows", async () => {
    const refusing = await startRefusingSmtp();
    const port = refusing.port;
    const setPort = (value: number): Promise<void> => useSmtpPort(harness.ui, value);
    const ours = await smtpPort(harness.ui);
    const id = idOf("refused");
    try {
      await harness.ui.displayLocalMessage(FOLDER, id);
      await waitIn("3pane", id, "Échange ouvert");
      await setPort(port);
      await harness.ui.chromeEval(String.raw`() => {
        const doc = document.getElementById("tabmail").currentAboutMessage.document.getElementById("messagepane").contentDocument;
        doc.getElementById("mssante-patient-banner").shadowRoot.querySelector('[data-action="close"]').click();
        return true;
      }`);
      // Thunderbird says the send failed (its own alerts, dismissed as the user would) and the
      // banner says the exchange is not closed.
      const deadline = Date.now() + 30_000;
      const alerts: string[] = [];
      let failed = await readIn("3pane", id);
      while (!failed.status.text.includes("n'a pas été clos")) {
        if (Date.now() > deadline) throw new Error(`the banner never said not closed: ${JSON.stringify({ failed, alerts })}`);
        await new Promise((r) => setTimeout(r, 200));
        alerts.push(...(await harness.ui.acceptDialogs()).map((d) => d.text));
        failed = await readIn("3pane", id);
      }
      expect(alerts.length).toBeGreaterThan(0);
      expect(failed.tone).toBe("open");
      expect(failed.lines.map((l) => l.text).join("\n")).not.toContain("clos le");
      expect(failed.actions.map((a) => [a.action, a.disabled])).toEqual([["close", false]]);
      expect(harness.smtp.messages()).toEqual([]);
      // Nothing lost: the [FIN] waits in its compose window.
      const [compose] = await harness.ui.composeWindows();
      if (compose === undefined) throw new Error("the [FIN]'s compose window was closed");
      expect((await harness.ui.composeFields(compose)).subject).toBe("[FIN]");
      expect(await waitForOutbox(harness.ui, 0)).toEqual([]);

      // The server takes mail again; the user sends the [FIN] from its window: the banner follows.
      await setPort(ours);
      await harness.ui.clickSend(compose);
      const [sent] = await harness.smtp.waitForMessages(1, 30_000);
      expectFin(sent, "refused");
      const closed = await waitIn("3pane", id, "Échange clos le");
      expect(closed.actions).toEqual([]);
    } finally {
      await setPort(ours);
      await refusing.close();
    }
  });
});

describe("keyboard only", () => {
  async function reachBannerButton(id: string): Promise<{ f6: string[]; tabs: number }> {
    await harness.ui.displayLocalMessage(FOLDER, id);
    await waitIn("3pane", id, "Échange ouvert");
    // The focus in the message list, as after a click on the message.
    await harness.ui.chromeEval(String.raw`() => {
      const about3Pane = document.getElementById("tabmail").tabInfo[0].chromeBrowser.contentWindow;
      about3Pane.threadTree.table.body.focus();
      return true;
    }`);
    // (The message list's rows: the <tbody> of the 3-pane's tree.)
    expect((await focused()).path).toEqual(["browser#mail3PaneTabBrowser1", "tbody"]);
    // F6: to the message pane.
    await press("F6", "F6", 117);
    const f6 = (await focused()).path;
    // Tab until the banner's button (the message header's buttons come first).
    for (let tabs = 1; tabs <= 40; tabs++) {
      await press("Tab", "Tab", 9);
      const now = await focused();
      if (now.action === "close") return { f6, tabs };
    }
    throw new Error(`the banner's button was never reached: ${JSON.stringify(await focused())}`);
  }

  it("F6 then Tab from the message list reach « Clore l'échange », with a visible focus; Space presses it (one [FIN])", async () => {
    const id = idOf("space");
    const reached = await reachBannerButton(id);
    // F6 puts the focus in the message; the next Tab is on the banner's button.
    expect(reached.f6).toEqual(["browser#mail3PaneTabBrowser1", "browser#messageBrowser", "browser#messagepane", "body"]);
    expect(reached.tabs).toBe(1);
    const focus = await focused();
    expect(focus.focusVisible).toBe(true);
    expect(focus.outline).toBe("solid 2px");
    const banner = await readIn("3pane", id);
    expect(banner).toMatchObject({ role: "region", label: "Patient Mon espace santé" });
    expect(banner.status).toEqual({ role: "status", live: "polite", text: "" });
    expect(banner.actions).toEqual([{ action: "close", tag: "button", label: "Clore l'échange", disabled: false, tabIndex: 0 }]);
    await press(" ", "Space", 32);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectFin(sent, "space");
    const after = await waitIn("3pane", id, "Échange clos le");
    expect(after.status.text).toContain("Luc Moreau");
    // The focus stays in the banner (its region, nothing left to press).
    expect((await focused()).path.at(-1)).toBe("section");
  });

  it("Enter presses it too (one [FIN])", async () => {
    const id = idOf("enter");
    await reachBannerButton(id);
    await press("Enter", "Enter", 13);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectFin(sent, "enter");
    await waitIn("3pane", id, "Échange clos le");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(harness.smtp.messages()).toHaveLength(1);
  });
});

describe("English interface", () => {
  let english: Harness | undefined;
  afterAll(async () => {
    await english?.stop();
  });

  it("every banner string is in English: patient banner open and closed, bounce, receipt", async () => {
    english = await startWithAddon({
      localFolders: {
        [FOLDER]: [patientMessage("english")],
        [NOTICES]: [noticeFixture("mes-closed-text-fr.eml"), noticeFixture("mdn-displayed-patient-fr.eml")].map((m) => withRecentDates(m)),
      },
      prefs: { "intl.locale.requested": "en-US" },
    });
    const h = english;
    await h.ui.indexLocalFolder(FOLDER, 1);
    await h.ui.indexLocalFolder(NOTICES, 2);
    const id = idOf("english");
    await h.ui.displayLocalMessage(FOLDER, id);
    const open = await waitIn("3pane", id, "Exchange open", h);
    expect(open.lang).toMatch(/^en/);
    expect(open.label).toBe("Mon espace santé patient");
    expect(open.lines).toEqual([
      { role: "title", text: "Mon espace santé patient: Louise Martin" },
      { role: "detail", text: expect.stringMatching(/^INS 2 53 07 2B 073 004 70 — Woman, born in July 1953, /) as unknown },
      { role: "state", text: "Exchange open: the patient can reply to you." },
    ]);
    expect(open.actions.map((a) => a.label)).toEqual(["Close the exchange"]);

    await h.bidi.chromeEval(await h.ui.mainWindow(), String.raw`() => {
      const doc = document.getElementById("tabmail").currentAboutMessage.document.getElementById("messagepane").contentDocument;
      doc.getElementById("mssante-patient-banner").shadowRoot.querySelector('[data-action="close"]').click();
      return true;
    }`);
    await h.smtp.waitForMessages(1, 30_000);
    const closed = await waitIn("3pane", id, "Exchange closed on", h);
    expect(closed.lines.at(-1)?.text).toMatch(/^Exchange closed on .+: the patient can no longer reply\.$/);
    expect(closed.status.text).toContain("Louise Martin");

    await h.ui.displayLocalMessage(NOTICES, "ndr-20240312100210.7781@mx1.mssante.example");
    const bounce = await waitIn("3pane", "ndr-20240312100210.7781@mx1.mssante.example", "closed", h, 20_000, "Delivery notice");
    await h.ui.displayLocalMessage(NOTICES, "mdn-88a1@patient.mssante.fr");
    const receipt = await waitIn("3pane", "mdn-88a1@patient.mssante.fr", "Read by the patient", h, 20_000, "Read receipt");
    expect(bounce.label).toBe("Delivery notice");
    expect(receipt.label).toBe("Read receipt");
    expect(bounce.actions.map((a) => a.label)).toEqual(["Mark as handled", "Show in the returns panel"]);

    // Nothing in French, nothing left empty, no key shown instead of its text.
    for (const banner of [open, closed, bounce, receipt]) {
      const texts = [banner.label, ...banner.lines.map((l) => l.text), ...banner.actions.map((a) => a.label), banner.status.text];
      for (const t of texts.slice(0, -1)) expect(t.trim()).not.toBe("");
      // Proper names stay as they are: the service's name, the French word for a département.
      const all = texts.join("\n").replaceAll("Mon espace santé", "").replaceAll("département", "");
      expect(all).not.toMatch(/[àâçèéêëîïôûùœ]|\b(le|la|les|du|des|une?|est|pour|patiente?s? Mon)\b|Échange|Retour|Marquer|panneau|__MSG_|\bbanner[A-Z]/);
      expect(banner.lang).toMatch(/^en/);
    }
  });
});
