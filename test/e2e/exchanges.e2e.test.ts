// The exchanges view in a real Thunderbird: a profile with several patient exchanges (open,
// closed, the patient wrote last, old) in Local Folders, the view opened from the returns
// panel's header, from Alt+Shift+E and from the Tools menu of the main window, its lines, its
// filters, the reading said once when it ends, and a close from a line (run by the
// background page): the confirmation names the patient and the message answered; cancelling
// sends nothing, and confirming (twice, quickly) sends exactly one [FIN] to the SMTP capture.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { headerLine, headerLines, markLocalFolderAsSent, MSSANTE_IDENTITY, pageClick, pageEval, pageQuery, pageQueryAll, pageType, pageWaitForSelector, type Harness, type PageTarget } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";

const DAY = 86_400_000;
const ME = MSSANTE_IDENTITY.email;

const MARIE = "255081416802538";
const PAUL = "253072A07300443";
const LUCIE = "295109912611193";
const JEAN = "186022A21532523";
const address = (ins: string): string => `${ins}@patient.mssante.fr`;

function mail(options: { from: string; to: string; subject: string; daysAgo: number; id: string }): string {
  return [
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    `Date: ${new Date(Date.now() - options.daysAgo * DAY).toUTCString()}`,
    `Message-ID: <${options.id}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Bonjour,",
    "",
  ].join("\r\n");
}

const DOCTOR = `Dr Claire Martin <${ME}>`;
const RECEIVED = [
  // Marie: open, she wrote last (3 days ago).
  mail({ from: `Marie Durand <${address(MARIE)}>`, to: ME, subject: "Question sur mon traitement", daysAgo: 3, id: "marie-1@patient.mssante.fr" }),
  // Paul: open for 60 days, the doctor wrote last.
  mail({ from: `Paul Girard <${address(PAUL)}>`, to: ME, subject: "Rendez-vous", daysAgo: 60, id: "paul-1@patient.mssante.fr" }),
  // Lucie: closed by a [FIN].
  mail({ from: `Lucie Bernard <${address(LUCIE)}>`, to: ME, subject: "Ordonnance", daysAgo: 20, id: "lucie-1@patient.mssante.fr" }),
  // Jean: open, he wrote last (10 days ago).
  mail({ from: `Jean Petit <${address(JEAN)}>`, to: ME, subject: "Analyses", daysAgo: 10, id: "jean-1@patient.mssante.fr" }),
  // Ordinary mail: in no line.
  mail({ from: "Service de cardiologie <cardio@ch-exemple.mssante.fr>", to: ME, subject: "Compte rendu", daysAgo: 1, id: "cr-1@ch-exemple.mssante.fr" }),
];
const SENT = [
  mail({ from: DOCTOR, to: `Paul Girard <${address(PAUL)}>`, subject: "Re: Rendez-vous", daysAgo: 59, id: "paul-2@medecin.mssante.fr" }),
  mail({ from: DOCTOR, to: `Lucie Bernard <${address(LUCIE)}>`, subject: "[FIN]", daysAgo: 19, id: "lucie-fin@medecin.mssante.fr" }),
];

let harness: Harness;
let view: PageTarget | null = null;
const VIEW = (): PageTarget => {
  if (view === null) throw new Error("the exchanges view is not open");
  return view;
};

beforeAll(async () => {
  harness = await startWithAddon({
    localFolders: { Patients: RECEIVED, "Envoyes-test": SENT },
  });
  await harness.ui.indexLocalFolder("Patients", RECEIVED.length);
  await harness.ui.indexLocalFolder("Envoyes-test", SENT.length);
  // Where the user's sent copies are: only a [FIN] filed as sent closes an exchange.
  await markLocalFolderAsSent(harness.bidi, await harness.ui.mainWindow(), "Envoyes-test");
});

afterAll(() => stopAll(harness));

async function waitForView(): Promise<void> {
  view = await harness.ui.tabPage("exchanges.html");
  await pageWaitForSelector(harness.bidi, VIEW(), "body[data-state='ready']", { state: "attached", timeoutMs: 30_000 });
}

async function shownLines(): Promise<string[]> {
  return (await pageQueryAll(harness.bidi, VIEW(), "#rows tr")).map((row) => row.attributes["data-ins"] ?? "");
}

async function rowText(ins: string): Promise<string> {
  return (await pageQuery(harness.bidi, VIEW(), `#rows tr[data-ins='${ins}']`))?.text ?? "";
}

describe("the exchanges view", () => {
  it("opens from the link in the returns panel's header, one line per patient, latest first", async () => {
    await harness.ui.clickMailAction(ADDON_ID);
    const panel = await harness.ui.tabPage("notices-panel.html");
    await pageWaitForSelector(harness.bidi, panel, "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
    await pageClick(harness.bidi, panel, "#open-exchanges");
    await waitForView();
    expect((await pageQuery(harness.bidi, VIEW(), "h1"))?.text).toBe("Échanges avec les patients");
    expect(await shownLines()).toEqual([MARIE, JEAN, LUCIE, PAUL]);

    const marie = await rowText(MARIE);
    expect(marie).toContain("Marie Durand");
    expect(marie).toContain("INS 2 55 08 14 168 025 38");
    expect(marie).toContain("« Question sur mon traitement »");
    expect(marie).toContain("écrit par le patient");
    expect(marie).toMatch(/Ouvert depuis le \d\d\/\d\d\/\d{4}/);
    const lucie = await rowText(LUCIE);
    expect(lucie).toMatch(/Clos le \d\d\/\d\d\/\d{4}/);
    expect(lucie).toContain("« [FIN] »");
    expect(lucie).toContain("écrit par vous");
    expect(await pageQuery(harness.bidi, VIEW(), `#rows tr[data-ins='${LUCIE}'] button.close`)).toBeNull();
    expect((await rowText(PAUL))).toContain("écrit par vous");
    // The close button says whom it closes (screen readers read its name).
    const button = await pageQuery(harness.bidi, VIEW(), `#rows tr[data-ins='${MARIE}'] button.close`);
    expect(button?.attributes["aria-label"]).toBe("Clore l'échange avec Marie Durand (INS 2 55 08 14 168 025 38)");
    expect((await pageQuery(harness.bidi, VIEW(), "#counts"))?.text).toBe(
      "4 échanges, 3 ouverts dont 2 où le patient a écrit en dernier ; 0 accusé de lecture attendu. Affichés : 4 échanges.",
    );
    // Nothing from a message is markup.
    expect(await pageEval(harness.bidi, VIEW(), `() => document.querySelectorAll("#rows td span *, #rows th span *").length`)).toBe(0);
  });

  it("opens (brings forward) with Alt+Shift+E", async () => {
    expect(await harness.ui.closeTab("exchanges.html")).toBe(true);
    expect(await harness.ui.fireShortcut("alt,shift", "E")).toBe(true);
    await waitForView();
    expect(await shownLines()).toHaveLength(4);
  });

  it("opens (brings forward) from the Tools menu of the main window, the entry clicked for real", async () => {
    expect(await harness.ui.closeTab("exchanges.html")).toBe(true);
    const label = await harness.ui.chromeEval(
      String.raw`async () => {
        const popup = document.querySelector("#tasksMenu menupopup");
        const shown = new Promise((resolve) => popup.addEventListener("popupshown", resolve, { once: true }));
        popup.openPopup();
        await shown;
        const item = [...popup.querySelectorAll("menuitem")].find((m) => m.id.includes("open-exchanges"));
        const text = item?.getAttribute("label") ?? null;
        item?.doCommand();
        popup.hidePopup();
        return text;
      }`,
    );
    expect(label).toBe("Échanges avec les patients MSSanté");
    await waitForView();
    expect(await shownLines()).toEqual([MARIE, JEAN, LUCIE, PAUL]);
  });

  it("read again: the lines stay, the reading is said once, when it ends", async () => {
    // What a screen reader is given: each new text of a region that is live at that moment.
    await pageEval(
      harness.bidi,
      VIEW(),
      String.raw`() => {
        window.__said = [];
        for (const node of document.querySelectorAll("[aria-live], [role='status']")) {
          new MutationObserver(() => {
            const live = node.getAttribute("aria-live") ?? "polite";
            const text = node.textContent.trim();
            if (live !== "off" && text !== "") window.__said.push(node.id + ": " + text);
          }).observe(node, { childList: true, characterData: true, subtree: true });
        }
        return true;
      }`,
    );
    await pageClick(harness.bidi, VIEW(), "#refresh");
    await pageWaitForSelector(harness.bidi, VIEW(), "body[data-state='ready']", { state: "attached", timeoutMs: 30_000 });
    await pageWaitForSelector(harness.bidi, VIEW(), "#status", { textIncludes: "Lecture terminée", timeoutMs: 10_000 });
    expect(await shownLines()).toEqual([MARIE, JEAN, LUCIE, PAUL]);
    const said = z.array(z.string()).parse(await pageEval(harness.bidi, VIEW(), "() => window.__said"));
    expect(said).toEqual([
      "status: Lecture terminée : 7 messages lus. 4 échanges, 3 ouverts dont 2 où le patient a écrit en dernier ; 0 accusé de lecture attendu. Affichés : 4 échanges.",
    ]);
    const marks = z.array(z.string()).parse(await pageEval(harness.bidi, VIEW(), `() => performance.getEntriesByType("mark").map((m) => m.name)`));
    expect(marks).toContain("exchanges-first-drawn");
  });

  it("filters: open with the patient writing last, open for more than N days, search", async () => {
    await pageClick(harness.bidi, VIEW(), "#filter-patient-last");
    expect(await shownLines()).toEqual([MARIE, JEAN]);
    await pageClick(harness.bidi, VIEW(), "#filter-patient-last");

    await pageClick(harness.bidi, VIEW(), "#filter-open-for");
    expect(await shownLines()).toEqual([PAUL]);
    await pageType(harness.bidi, VIEW(), "#filter-days", "5");
    expect(await shownLines()).toEqual([JEAN, PAUL]);
    await pageClick(harness.bidi, VIEW(), "#filter-open-for");

    await pageType(harness.bidi, VIEW(), "#search", "girard");
    expect(await shownLines()).toEqual([PAUL]);
    await pageType(harness.bidi, VIEW(), "#search", "2 95 10");
    expect(await shownLines()).toEqual([LUCIE]);
    await pageType(harness.bidi, VIEW(), "#search", "");
    expect(await shownLines()).toHaveLength(4);
  });

  it("cancelling the confirmation sends nothing and gives the focus back to the line's button", async () => {
    harness.smtp.clear();
    await pageClick(harness.bidi, VIEW(), `#rows tr[data-ins='${JEAN}'] button.close`);
    const dialog = await pageWaitForSelector(harness.bidi, VIEW(), "dialog#confirm[open]");
    expect(dialog?.text).toContain("Clore l'échange avec Jean Petit ?");
    expect(dialog?.text).toContain("en réponse à son message « Analyses » du ");
    // The safe answer has the focus.
    expect((await pageQuery(harness.bidi, VIEW(), "#confirm-no"))?.focused).toBe(true);
    await pageClick(harness.bidi, VIEW(), "#confirm-no");
    await pageWaitForSelector(harness.bidi, VIEW(), "dialog#confirm[open]", { state: "detached" });
    expect((await pageQuery(harness.bidi, VIEW(), "#status"))?.text).toBe("Clôture annulée : rien n'a été envoyé.");
    expect((await pageQuery(harness.bidi, VIEW(), `#rows tr[data-ins='${JEAN}'] button.close`))?.focused).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    expect(harness.smtp.messages()).toEqual([]);
    expect(await harness.ui.composeWindows()).toEqual([]);
  });

  it("confirming (twice, quickly) sends exactly one [FIN] to the patient, answering the message named, and the line reads closed", async () => {
    harness.smtp.clear();
    await pageClick(harness.bidi, VIEW(), `#rows tr[data-ins='${MARIE}'] button.close`);
    const dialog = await pageWaitForSelector(harness.bidi, VIEW(), "dialog#confirm[open]");
    expect(dialog?.text).toContain("Clore l'échange avec Marie Durand ?");
    expect(dialog?.text).toContain("Un message d'objet exactement [FIN] sera envoyé à Marie Durand (INS 2 55 08 14 168 025 38), en réponse à son message « Question sur mon traitement » du ");
    await pageEval(harness.bidi, VIEW(), `() => { const b = document.getElementById("confirm-yes"); b.click(); b.click(); return true; }`);
    await pageWaitForSelector(harness.bidi, VIEW(), "body[data-closing='sent']", { state: "attached", timeoutMs: 30_000 });
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    expect(headerLine(sent.raw, "To")).toBe(`To: Marie Durand <${address(MARIE)}>`);
    expect(headerLines(sent.raw, "Cc")).toEqual([]);
    expect(headerLine(sent.raw, "In-Reply-To")).toBe("In-Reply-To: <marie-1@patient.mssante.fr>");
    expect(sent.envelope.mailFrom?.address).toBe(ME);
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([address(MARIE)]);
    expect((await pageQuery(harness.bidi, VIEW(), "#status"))?.text).toBe("Échange avec Marie Durand clos : le message [FIN] est parti.");
    expect(await rowText(MARIE)).toMatch(/Clos le \d\d\/\d\d\/\d{4}/);
    await new Promise((r) => setTimeout(r, 3000));
    expect(harness.smtp.messages()).toHaveLength(1);
    expect(await harness.ui.composeWindows()).toEqual([]);
  });

  it("read again, the mail itself says the exchange is closed", async () => {
    // The [FIN]'s copy is filed in the identity's Sent folder: Refresh reads it from there.
    const deadline = Date.now() + 20_000;
    for (;;) {
      await pageClick(harness.bidi, VIEW(), "#refresh");
      await pageWaitForSelector(harness.bidi, VIEW(), "body[data-state='ready']", { state: "attached", timeoutMs: 30_000 });
      const state = (await pageQuery(harness.bidi, VIEW(), `#rows tr[data-ins='${MARIE}']`))?.attributes["data-state"];
      if (state === "closed" || Date.now() > deadline) {
        expect(state).toBe("closed");
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  });
});
