// Address-book mailing lists in a real Thunderbird: Thunderbird expands a list only after
// compose.onBeforeSend, so a list of patients put in To looked like no patient at all. The
// lists are made in the real address book from chrome code; the list is put in To as
// Thunderbird itself writes it; the real Send command is used and the SMTP capture checked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerLine, headerLines, MSSANTE_IDENTITY, type Harness } from "../../harness/index.js";
import { createList, listField, typeInTo } from "./address-book.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "253072A07300443@patient.mssante.fr";
const SEND_CHECK = "send-check.html";

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon();
});

afterAll(() => stopAll(harness));

beforeEach(() => {
  harness.smtp.clear();
});

async function expectNothingSent(ms = 1500): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  expect(harness.smtp.messages()).toEqual([]);
}

async function bodyText(compose: string): Promise<string> {
  return String(await harness.ui.bidi.chromeEval(compose, "() => window.GetCurrentEditor().outputToString('text/plain', 0)"));
}

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

describe("a mailing list in To", () => {
  it("of two patients: nothing leaves, nothing is lost, the window names the list and its patients", async () => {
    const { ui, smtp } = harness;
    await createList(harness, "Patients diabete", [
      { name: "Marie Durand", email: PATIENT },
      { name: "Jean Petit", email: OTHER_PATIENT },
    ]);
    const body = "Bonjour,\n\nL'atelier aura lieu jeudi.\n";
    const compose = await ui.openComposeWindow({ to: listField("Patients diabete"), subject: "Atelier", body });
    const shown = (await ui.composeFields(compose)).to;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain("Patients diabete");

    await ui.clickSend(compose);

    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    await ui.waitForWindowSelector(check, "body[data-ready='true']", { state: "attached" });
    const blocker = await ui.windowQuery(check, "#blockers li[data-code='patients-see-each-other']");
    expect(blocker?.visible).toBe(true);
    expect(blocker?.text).toContain("La liste du carnet d'adresses « Patients diabete » envoie le message à 2 patients");
    expect(blocker?.text).toContain(`Marie Durand <${PATIENT}>`);
    expect(blocker?.text).toContain(`Jean Petit <${OTHER_PATIENT}>`);
    expect((await ui.windowQuery(check, "#heading"))?.text).toBe("Ce message n'a pas été envoyé");
    await expectNothingSent();
    expect(await ui.isComposeOpen(compose)).toBe(true);
    const kept = await ui.composeFields(compose);
    expect(kept.to).toEqual(shown);
    expect(kept.subject).toBe("Atelier");
    expect(await bodyText(compose)).toContain("L'atelier aura lieu jeudi.");

    // The fix replaces the list by its members, the patients in Bcc; then it goes.
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

  it("typed in To as a user types it (autocomplete, Enter): held before it leaves", async () => {
    const { ui } = harness;
    await createList(harness, "Atelier nutrition", [
      { name: "Marie Durand", email: PATIENT },
      { name: "Jean Petit", email: OTHER_PATIENT },
    ]);
    const compose = await ui.openComposeWindow({ subject: "Atelier", body: "Bonjour,\n" });
    await typeInTo(harness, compose, "Atelier nut");
    const fields = await waitForFields(compose, (f) => f.to.length === 1);
    expect(fields.to[0]).toContain("Atelier nutrition");

    await ui.clickSend(compose);

    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    const blocker = await ui.waitForWindowSelector(check, "#blockers li[data-code='patients-see-each-other']");
    expect(blocker?.text).toContain("« Atelier nutrition »");
    await expectNothingSent();
    expect(await ui.isComposeOpen(compose)).toBe(true);
    await ui.closeWindow(check);
    await ui.closeWindow(compose);
  });

  it("of one patient: sent with the patient rules, read receipt by default and X-MSS-MES kept", async () => {
    const { ui, smtp } = harness;
    await createList(harness, "Suivi Durand", [{ name: "Marie Durand", email: PATIENT }]);
    const compose = await ui.openComposeWindow({ to: listField("Suivi Durand"), subject: "Vos résultats", body: "Bonjour,\n" });
    // The user asked for a message that allows no reply (as the compose popup writes it).
    const headers = await ui.backgroundEval(
      ADDON_ID,
      `async () => { const [tab] = await messenger.tabs.query({ type: "messageCompose", active: true }); await messenger.compose.setComposeDetails(tab.id, { customHeaders: [{ name: "X-MSS-MES", value: "FIN" }] }); return (await messenger.compose.getComposeDetails(tab.id)).customHeaders; }`,
    );
    expect(headers).toEqual([{ name: "X-Mss-Mes", value: "FIN" }]);
    expect((await ui.composeFields(compose)).returnReceipt).toBe(false);

    await ui.clickSend(compose);

    const [sent] = await smtp.waitForMessages(1, 30_000);
    await ui.waitForWindowClosed(compose);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
    expect(headerLine(sent.raw, "To")).toContain(PATIENT);
    expect(headerLine(sent.raw, "Disposition-Notification-To")).toBe(
      `Disposition-Notification-To: Dr Claire Martin <${MSSANTE_IDENTITY.email}>`,
    );
    expect(headerLines(sent.raw, "X-MSS-MES")).toHaveLength(1);
    expect(headerLine(sent.raw, "X-MSS-MES").toUpperCase()).toBe("X-MSS-MES: FIN");
  });

  it("is expanded by reading the lists and their members, not every contact of the address book", async () => {
    const { ui, smtp } = harness;
    await createList(harness, "Suivi Lefort", [{ name: "Marie Lefort", email: PATIENT }]);
    // Counts, in the background page where the guard runs, the reads of the address book.
    const wrapped = await ui.backgroundEval(
      ADDON_ID,
      String.raw`() => {
        const api = messenger.addressBooks;
        const list = api.list.bind(api);
        const calls = [];
        window.__addressBookReads = calls;
        api.list = (complete) => { calls.push(complete === true ? "list(true)" : "list(false)"); return list(complete); };
        return api.list !== list;
      }`,
    );
    expect(wrapped).toBe(true);
    const compose = await ui.openComposeWindow({ to: listField("Suivi Lefort"), subject: "Vos résultats", body: "Bonjour,\n" });
    await ui.clickSend(compose);
    const [sent] = await smtp.waitForMessages(1, 30_000);
    await ui.waitForWindowClosed(compose);
    expect(sent?.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
    const reads = await ui.backgroundEval(ADDON_ID, "() => window.__addressBookReads");
    expect(reads).toContain("list(false)");
    expect(reads).not.toContain("list(true)");
  });

  it("whose name two lists bear, beside a patient: held, and the window says why", async () => {
    const { ui } = harness;
    await createList(harness, "Equipe", [{ name: "Cardio", email: "cardio@ch-exemple.mssante.fr" }]);
    await createList(harness, "Equipe", [{ name: "Secrétariat", email: "sec@ch-exemple.mssante.fr" }]);
    const compose = await ui.openComposeWindow({ to: [PATIENT, listField("Equipe")], subject: "Info", body: "Bonjour,\n" });
    await ui.clickSend(compose);
    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    const blocker = await ui.waitForWindowSelector(check, "#blockers li[data-code='recipient-unresolved']");
    expect(blocker?.text).toContain("Destinataire impossible à vérifier : « Equipe »");
    expect(blocker?.text).toContain("Plusieurs listes du carnet d'adresses portent ce nom");
    await expectNothingSent();
    expect(await ui.isComposeOpen(compose)).toBe(true);
    await ui.closeWindow(check);
    await ui.closeWindow(compose);
  });
});
