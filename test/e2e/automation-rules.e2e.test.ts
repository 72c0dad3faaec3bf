// Automation rules in a real Thunderbird: an applicative identity with a rule sends, without
// anyone being asked, with `X-MSS-MES: FIN` and a read receipt request; a closing rule of that
// mailbox sets the subject to exactly [FIN]; the practitioner's own identity, with no rule,
// sends unchanged; and a choice made in the compose popup wins over the rule.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerLine, headerLines, MSSANTE_IDENTITY, pageClick, pageQuery, pageType, pageWaitForSelector, type PageTarget, type CapturedMessage, type Harness } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const LABO = { key: "id2", email: "resultats@labo.mssante.fr", fullName: "Laboratoire Exemple" };

const RULES = [
  { name: "Résultats du laboratoire", identities: [LABO.email], readReceipt: true, noReply: true },
  { name: "Rappels", identities: [LABO.email], marker: "#rappel", closeWithoutAsking: true },
  { name: "Fin de suivi", identities: [MSSANTE_IDENTITY.email], marker: "#clore", closeAfterConfirm: true },
];

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({ identities: [MSSANTE_IDENTITY, LABO] });
  // The user's settings as the options page stores them: rules, and no receipt by default
  // (so that a receipt can only come from the rule).
  await harness.ui.backgroundEval(
    ADDON_ID,
    `(rules) => messenger.storage.local.set({ automationRules: rules, readReceiptDefault: false, settingsVersion: 1 }).then(() => true)`,
    [RULES],
  );
});

afterAll(() => stopAll(harness));

beforeEach(() => {
  harness.smtp.clear();
});

async function sendFrom(identityKey: string, subject: string, popup?: (compose: string) => Promise<void>): Promise<CapturedMessage> {
  const { ui } = harness;
  const compose = await ui.openComposeWindow({ identityKey, to: PATIENT, subject, body: "Bonjour,\n\nVos résultats sont disponibles.\n" });
  if (popup !== undefined) await popup(compose);
  await ui.clickSend(compose);
  const [sent] = await harness.smtp.waitForMessages(1, 30_000);
  await ui.waitForWindowClosed(compose);
  if (sent === undefined) throw new Error("nothing sent");
  return sent;
}

function noReplyValue(raw: Buffer): string {
  const line = headerLine(raw, "X-MSS-MES");
  return line.slice(line.indexOf(":") + 1).trim();
}

describe("automation rules", () => {
  it("an applicative identity sends with X-MSS-MES: FIN and a read receipt request, without being asked", async () => {
    const sent = await sendFrom(LABO.key, "Vos résultats d'analyses");
    expect(headerLine(sent.raw, "From")).toContain(LABO.email);
    expect(headerLine(sent.raw, "Subject")).not.toContain("[FIN]");
    expect(headerLines(sent.raw, "X-MSS-MES")).toHaveLength(1);
    expect(noReplyValue(sent.raw)).toBe("FIN");
    expect(headerLine(sent.raw, "Disposition-Notification-To")).toContain(LABO.email);
    expect(await harness.ui.extensionWindows()).toEqual([]);
  });

  it("a closing rule of that mailbox sets the subject to exactly [FIN]", async () => {
    const sent = await sendFrom(LABO.key, "Rappel de rendez-vous #rappel");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    expect(noReplyValue(sent.raw)).toBe("FIN");
    expect(headerLine(sent.raw, "Disposition-Notification-To")).toContain(LABO.email);
  });

  it("the practitioner's identity, which no rule names, sends unchanged", async () => {
    const sent = await sendFrom("id1", "Rappel de rendez-vous #rappel");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: Rappel de rendez-vous #rappel");
    expect(headerLines(sent.raw, "X-MSS-MES")).toEqual([]);
    expect(headerLines(sent.raw, "Disposition-Notification-To")).toEqual([]);
  });

  it("a choice made in the compose popup wins over the rule", async () => {
    const sent = await sendFrom(LABO.key, "Compte rendu", async (compose) => {
      const { ui } = harness;
      await ui.clickComposeAction(compose, ADDON_ID);
      await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
      // The popup shows what the rule will do: both options ticked.
      expect((await ui.popupQuery(compose, "#opt-receipt"))?.checked).toBe(true);
      expect((await ui.popupQuery(compose, "#opt-noreply"))?.checked).toBe(true);
      // The user unticks them: an explicit choice for this message.
      await ui.popupClick(compose, "#opt-receipt");
      await ui.popupClick(compose, "#opt-noreply");
      expect((await ui.popupQuery(compose, "#opt-receipt"))?.checked).toBe(false);
      expect((await ui.popupQuery(compose, "#opt-noreply"))?.checked).toBe(false);
    });
    expect(headerLines(sent.raw, "Disposition-Notification-To")).toEqual([]);
    expect(headerLines(sent.raw, "X-MSS-MES")).toEqual([]);
  });
});

describe("a rule that proposes to close, after the user confirms", () => {
  async function sendAndAnswer(button: "#yes" | "#no"): Promise<CapturedMessage> {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ identityKey: "id1", to: PATIENT, subject: "Fin du suivi #clore", body: "Bonjour,\n" });
    await ui.clickSend(compose);
    const question = await ui.waitForExtensionWindow("close-confirm.html");
    await ui.waitForWindowSelector(question, "body[data-ready='true']", { state: "attached" });
    expect((await ui.windowQuery(question, "#rules"))?.text).toBe("Règle : Fin de suivi");
    expect(harness.smtp.messages()).toEqual([]);
    await ui.windowClick(question, button);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    await ui.waitForWindowClosed(compose);
    if (sent === undefined) throw new Error("nothing sent");
    return sent;
  }

  it("holds the send and asks; 'Clore et envoyer' sends with the subject exactly [FIN]", async () => {
    const sent = await sendAndAnswer("#yes");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    await new Promise((r) => setTimeout(r, 1000));
    expect(harness.smtp.messages()).toHaveLength(1);
  });

  it("'Envoyer sans clore' sends the message as it was written", async () => {
    const sent = await sendAndAnswer("#no");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: Fin du suivi #clore");
  });
});

describe("close after sending (compose popup)", () => {
  it("sends the message, then the [FIN] in reply to it: two messages, in that order", async () => {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ identityKey: "id1", to: PATIENT, subject: "Vos résultats", body: "Bonjour,\n\nTout est normal.\n" });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    await ui.popupClick(compose, "#opt-close-after");
    expect((await ui.popupQuery(compose, "#opt-close-after"))?.checked).toBe(true);
    await ui.clickSend(compose);
    const [first, fin] = await harness.smtp.waitForMessages(2, 30_000);
    if (first === undefined || fin === undefined) throw new Error("two messages expected");
    expect(headerLine(first.raw, "Subject")).not.toContain("[FIN]");
    expect(headerLine(fin.raw, "Subject")).toBe("Subject: [FIN]");
    expect(fin.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
    expect(headerLine(fin.raw, "From")).toContain(MSSANTE_IDENTITY.email);
    const firstId = headerLine(first.raw, "Message-ID").replace(/^Message-ID:\s*/i, "");
    expect(headerLine(fin.raw, "In-Reply-To")).toBe(`In-Reply-To: ${firstId}`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(harness.smtp.messages()).toHaveLength(2);
    expect(await ui.composeWindows()).toEqual([]);
  });
});

describe("the rules editor of the options page", () => {
  it("adds a rule with the keyboard-reachable fields, refuses an invalid one, and stores what it shows", async () => {
    const { ui } = harness;
    await ui.backgroundEval(ADDON_ID, "() => messenger.runtime.openOptionsPage().then(() => true)");
    const page: PageTarget = { kind: "browser", context: await ui.mainWindow(), selector: "browser" };
    await pageWaitForSelector(ui.bidi, page, "body[data-ready='true']", { state: "attached" });
    // The rules already stored are shown.
    expect((await pageQuery(ui.bidi, page, "#rule-0-name"))?.value).toBe("Résultats du laboratoire");
    expect((await pageQuery(ui.bidi, page, "#rule-1-marker"))?.value).toBe("#rappel");
    expect((await pageQuery(ui.bidi, page, "#rule-1-closeWithoutAsking"))?.checked).toBe(true);

    await pageClick(ui.bidi, page, "#rules-add");
    expect((await pageQuery(ui.bidi, page, "#rule-3-name"))?.focused).toBe(true);
    await pageType(ui.bidi, page, "#rule-3-name", "Clôture automatique");
    await pageClick(ui.bidi, page, "#rule-3-closeWithoutAsking");
    await pageClick(ui.bidi, page, "#rules-save");
    await pageWaitForSelector(ui.bidi, page, "#status.bad", { textIncludes: "(règle 4) : " });

    await pageType(ui.bidi, page, "#rule-3-identities", "Rappels@Labo.MSSante.fr");
    await pageClick(ui.bidi, page, "#rule-3-readReceipt");
    await pageClick(ui.bidi, page, "#rules-save");
    await pageWaitForSelector(ui.bidi, page, "#status.ok", { textIncludes: "Règles enregistrées." });
    const stored = await ui.backgroundEval(ADDON_ID, "() => messenger.storage.local.get('automationRules').then((s) => s.automationRules)");
    expect(stored).toEqual([
      expect.objectContaining({ name: "Résultats du laboratoire", identities: [LABO.email], readReceipt: true, noReply: true }),
      expect.objectContaining({ name: "Rappels", marker: "#rappel", closeWithoutAsking: true }),
      expect.objectContaining({ name: "Fin de suivi", marker: "#clore", closeAfterConfirm: true }),
      {
        name: "Clôture automatique",
        enabled: true,
        identities: ["rappels@labo.mssante.fr"],
        patientOnly: true,
        kind: "any",
        marker: "",
        readReceipt: true,
        noReply: false,
        closeWithoutAsking: true,
        closeAfterConfirm: false,
      },
    ]);
  });
});
