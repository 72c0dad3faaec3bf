// The message list's real context menu (`mailContext`) in a real Thunderbird, opened from
// chrome code on the selected message: the add-on's "Clore l'échange" entry follows the
// selection like the header button — enabled with its own title on an open exchange,
// disabled with « … — déjà clos le … » on an exchange closed by a [FIN] in the Sent folder,
// disabled with « … — pas un message patient » on a colleague's message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { markLocalFolderAsSent, MSSANTE_IDENTITY, type Harness } from "../../harness/index.js";
import { startWithAddon, stopAll } from "./addon-harness.js";

const OPEN_PATIENT = "255081416802538@patient.mssante.fr";
const CLOSED_PATIENT = "253072A07300443@patient.mssante.fr";
const FOLDER = "Patients";
const SENT_FOLDER = "Envoyes";
const DAY = 86_400_000;
const ASKED = Date.now() - 3 * DAY;
const CLOSED_ON = new Date(Date.now() - 2 * DAY);

function message(fields: { from: string; to: string; subject: string; id: string; date: number }): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Date: ${new Date(fields.date).toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${fields.id}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Bonjour,",
    "",
  ].join("\r\n");
}

const MESSAGES = [
  message({ from: `Paul Girard <${CLOSED_PATIENT}>`, to: MSSANTE_IDENTITY.email, subject: "Rendez-vous", id: "closed-q@patient.mssante.fr", date: ASKED }),
  message({ from: `Marie Durand <${OPEN_PATIENT}>`, to: MSSANTE_IDENTITY.email, subject: "Question", id: "open-q@patient.mssante.fr", date: ASKED }),
  message({ from: "Service de cardiologie <cardio@ch-exemple.mssante.fr>", to: MSSANTE_IDENTITY.email, subject: "Compte rendu", id: "cr-1@ch-exemple.mssante.fr", date: ASKED }),
];
const FIN = message({ from: `${MSSANTE_IDENTITY.fullName} <${MSSANTE_IDENTITY.email}>`, to: CLOSED_PATIENT, subject: "[FIN]", id: "fin-1@medecin.mssante.fr", date: CLOSED_ON.getTime() });

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({
    localFolders: { [FOLDER]: MESSAGES, [SENT_FOLDER]: [FIN] },
  });
  await harness.ui.indexLocalFolder(FOLDER, MESSAGES.length);
  await harness.ui.indexLocalFolder(SENT_FOLDER, 1);
  // Only a [FIN] in a folder Thunderbird flags as Sent proves a closing.
  await markLocalFolderAsSent(harness.bidi, await harness.ui.mainWindow(), SENT_FOLDER);
});

afterAll(() => stopAll(harness));

const entrySchema = z.object({ label: z.string(), disabled: z.boolean() });

/**
 * Selects the message, opens the real context menu on its row, and gives the add-on's entry
 * once its label is `expected` (the add-on updates it in `menus.onShown`; after 10 s, as it
 * is), then closes the menu.
 */
async function entryOn(messageId: string, expected: string): Promise<z.infer<typeof entrySchema>> {
  await harness.ui.displayLocalMessage(FOLDER, messageId);
  const raw = await harness.ui.chromeEval(
    String.raw`async (expected) => {
      const about3Pane = document.getElementById("tabmail").currentAbout3Pane;
      const menu = about3Pane.document.getElementById("mailContext");
      const row = about3Pane.threadTree.getRowAtIndex(about3Pane.threadTree.selectedIndex);
      const shown = new Promise((resolve) => menu.addEventListener("popupshown", resolve, { once: true }));
      row.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 2 }));
      await shown;
      const deadline = Date.now() + 10000;
      let item;
      for (;;) {
        item = [...menu.querySelectorAll("menuitem")].find((m) => m.id.includes("close-conversation"));
        if (item && item.getAttribute("label") === expected) break;
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const hidden = new Promise((resolve) => menu.addEventListener("popuphidden", resolve, { once: true }));
      const out = item ? { label: item.getAttribute("label") ?? "", disabled: item.disabled } : { label: "(missing)", disabled: true };
      menu.hidePopup();
      await hidden;
      return out;
    }`,
    [expected],
  );
  return entrySchema.parse(raw);
}

const OWN_TITLE = "Clore l'échange (envoyer [FIN] au patient)";

describe("the context menu's « Clore l'échange » entry follows the selection", () => {
  it("on an exchange closed by a [FIN]: disabled, and says since when", async () => {
    const day = new Intl.DateTimeFormat("fr", { day: "2-digit", month: "2-digit", year: "numeric" }).format(CLOSED_ON);
    const label = `Clore l'échange — déjà clos le ${day}`;
    expect(await entryOn("closed-q@patient.mssante.fr", label)).toEqual({ label, disabled: true });
  });

  it("on an open exchange: enabled, its own title given back", async () => {
    expect(await entryOn("open-q@patient.mssante.fr", OWN_TITLE)).toEqual({ label: OWN_TITLE, disabled: false });
  });

  it("on a message that is not a patient's: disabled, « pas un message patient »", async () => {
    const label = "Clore l'échange — pas un message patient";
    expect(await entryOn("cr-1@ch-exemple.mssante.fr", label)).toEqual({ label, disabled: true });
  });
});
