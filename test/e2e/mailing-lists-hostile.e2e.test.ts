// The send guard against address-book lists and display names that are not what they look
// like, in a real Thunderbird 153. Each case was first seen to leak (sent unchecked).
// Thunderbird matches a list to a recipient by name AND by "email" = the list's description
// when it has one, else its name (nsMsgMailListComparator in nsMsgCompose.cpp); its
// autocomplete writes the pill as `Name <Description>`. The guard matches every recipient
// against the lists the same way (core/compose/expand.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness } from "../../harness/index.js";
import { createList as createListIn, typeInTo, type ListMember } from "./address-book.js";
import { startWithAddon, stopAll } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "253072A07300443@patient.mssante.fr";
const SEND_CHECK = "send-check.html";

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon();
});

afterAll(() => stopAll(harness));

beforeEach(async () => {
  harness.smtp.clear();
  for (const w of await harness.ui.extensionWindows()) await harness.ui.closeWindow(w.context).catch(() => undefined);
  for (const c of await harness.ui.composeWindows()) await harness.ui.closeWindow(c).catch(() => undefined);
  await harness.ui.acceptDialogs().catch(() => []);
});

type Member = ListMember;

const createList = (name: string, description: string, members: readonly Member[]): Promise<string> => createListIn(harness, name, members, description);

/** Presses Send and says what happened: held (send-check window) or sent (SMTP capture). */
async function sendAndSee(compose: string): Promise<{ held: boolean; rcptTo: string[]; headers: string }> {
  const { ui, smtp } = harness;
  await ui.clickSend(compose);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const [sent] = smtp.messages();
    if (sent !== undefined) {
      return { held: false, rcptTo: sent.envelope.rcptTo.map((r) => r.address), headers: sent.raw.toString("utf8").split(/\r\n\r\n/)[0] ?? "" };
    }
    if ((await ui.extensionWindows()).length > 0) {
      const check = await ui.waitForExtensionWindow(SEND_CHECK);
      await ui.waitForWindowSelector(check, "body[data-ready='true']", { state: "attached" });
      // Nothing may leave meanwhile.
      await new Promise((r) => setTimeout(r, 1500));
      return { held: true, rcptTo: smtp.messages().flatMap((m) => m.envelope.rcptTo.map((r) => r.address)), headers: "" };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("neither sent nor held");
}

const TWO_PATIENTS: readonly Member[] = [
  { name: "Marie Durand", email: PATIENT },
  { name: "Jean Petit", email: OTHER_PATIENT },
];

describe("lists that answer to an address or hold an @ are expanded and checked before sending", () => {
  it("a list of two patients whose description is an address, picked from the autocomplete into To, is held", async () => {
    const { ui } = harness;
    await createList("Atelier diabete", "atelier-diabete@cabinet.fr", TWO_PATIENTS);
    const compose = await ui.openComposeWindow({ subject: "Atelier", body: "Bonjour,\n" });
    await typeInTo(harness, compose, "Atelier dia");
    // Thunderbird's pill for a list with a description: `Name <Description>`.
    expect((await ui.composeFields(compose)).to).toEqual(["Atelier diabete <atelier-diabete@cabinet.fr>"]);

    const outcome = await sendAndSee(compose);

    // Before the fix: sent, both patients in To (`To: Marie Durand <…>, Jean Petit <…>`).
    expect(outcome.rcptTo).toEqual([]);
    expect(outcome.held).toBe(true);
  });

  it("a list of colleagues whose description is an address still goes, to its members", async () => {
    const { ui } = harness;
    await createList("Equipe soins", "equipe-soins@cabinet.fr", [
      { name: "Cardio", email: "cardio@ch-exemple.mssante.fr" },
      { name: "Secrétariat", email: "sec@ch-exemple.mssante.fr" },
    ]);
    const compose = await ui.openComposeWindow({ subject: "Réunion", body: "Bonjour,\n" });
    await typeInTo(harness, compose, "Equipe so");
    expect((await ui.composeFields(compose)).to).toEqual(["Equipe soins <equipe-soins@cabinet.fr>"]);

    const outcome = await sendAndSee(compose);

    expect(outcome.held).toBe(false);
    expect(outcome.rcptTo.sort()).toEqual(["cardio@ch-exemple.mssante.fr", "sec@ch-exemple.mssante.fr"]);
  });

  it("a list of two patients whose name holds an @ is held", async () => {
    const { ui } = harness;
    await createList("diabete@cabinet", "", TWO_PATIENTS);
    const compose = await ui.openComposeWindow({ subject: "Atelier", body: "Bonjour,\n" });
    await typeInTo(harness, compose, "diabete@cab");
    expect((await ui.composeFields(compose)).to).toEqual([`"diabete@cabinet" <diabete@cabinet>`]);

    const outcome = await sendAndSee(compose);

    expect(outcome.rcptTo).toEqual([]);
    expect(outcome.held).toBe(true);
  });

  it("a list inside a list, the inner one with an address as description, reaching a second patient, is held", async () => {
    const { ui } = harness;
    await createList("Suivi Petit", "suivi-petit@cabinet.fr", [{ name: "Jean Petit", email: OTHER_PATIENT }]);
    // How a list inside a list is held: a card whose name is the list's and whose address is its description.
    await createList("Groupe parole", "", [
      { name: "Marie Durand", email: PATIENT },
      { name: "Suivi Petit", email: "suivi-petit@cabinet.fr" },
    ]);
    const compose = await ui.openComposeWindow({ to: "Groupe parole <Groupe parole>", subject: "Groupe", body: "Bonjour,\n" });

    const outcome = await sendAndSee(compose);

    expect(outcome.rcptTo).toEqual([]);
    expect(outcome.held).toBe(true);
  });
});

describe("a patient's address in a display name or seen from Bcc holds the message", () => {
  it("a recipient whose display name is another patient's address is held; the fix drops the name and it goes", async () => {
    const { ui, smtp } = harness;
    // A contact named with one patient's address but holding another's: the pill shows the
    // first patient, the message goes to the second, whose To header carries the first's INS.
    const compose = await ui.openComposeWindow({ to: `"${PATIENT}" <${OTHER_PATIENT}>`, subject: "Résultats", body: "Bonjour,\n" });

    const outcome = await sendAndSee(compose);

    // Before the fix: sent to OTHER_PATIENT with `To: "255081416802538@patient.mssante.fr" <253072A07300443@…>`.
    expect(outcome.headers).not.toContain(PATIENT);
    expect(outcome.held).toBe(true);
    const check = await ui.waitForExtensionWindow(SEND_CHECK);
    const blocker = await ui.waitForWindowSelector(check, "#blockers li[data-code='display-name-other-patient']");
    expect(blocker?.text).toContain("Nom d'affichage portant l'INS d'un autre patient");
    expect(await ui.isComposeOpen(compose)).toBe(true);

    await ui.windowClick(check, "button[data-fix='remove-misleading-names']");
    const deadline = Date.now() + 10_000;
    while ((await ui.composeFields(compose)).to.join() !== OTHER_PATIENT) {
      if (Date.now() > deadline) throw new Error("the name was not removed");
      await new Promise((r) => setTimeout(r, 100));
    }
    await ui.waitForWindowSelector(check, "#send-now");
    await ui.windowClick(check, "#send-now");
    const [sent] = await smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([OTHER_PATIENT]);
    expect(sent.raw.toString("utf8").split(/\r\n\r\n/)[0]).not.toContain(PATIENT);
  });

  it("a patient in To and a list of patients in Bcc: the Bcc patients would see the To patient's INS; held", async () => {
    const { ui } = harness;
    await createList("Atelier sommeil", "", [{ name: "Jean Petit", email: OTHER_PATIENT }, { name: "Luc Bon", email: "186022A21532523@patient.mssante.fr" }]);
    const compose = await ui.openComposeWindow({ to: PATIENT, bcc: "Atelier sommeil <Atelier sommeil>", subject: "Atelier", body: "Bonjour,\n" });

    const outcome = await sendAndSee(compose);

    // Before the fix: sent to all three; the two Bcc patients get `To: 255081416802538@patient.mssante.fr`.
    expect(outcome.rcptTo).toEqual([]);
    expect(outcome.held).toBe(true);
  });
});
