/**
 * Time from a message selected (from chrome code, in a real headless Thunderbird: the same
 * call a click in the message list makes) to the add-on's banner shown at the top of the
 * message pane (its region drawn, with text, in the displayed message's document): for a
 * patient's message and for a bounce. Measured inside Thunderbird (`performance.now()` of
 * the main window), so BiDi round trips are not counted. Between two selections another
 * message is shown, so each selection loads the message afresh. The bounce's first display
 * also classifies it and stores its record (it is not known yet): reported apart.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { MSSANTE_IDENTITY, startHarness, withRecentDates } from "../harness/index.js";
import { median } from "./statistics.js";

const FOLDER = "Bench";
const PATIENT_ID = "bench-banner-patient@patient.mssante.fr";
const OTHER_ID = "bench-banner-other@ch-exemple.mssante.fr";
const BOUNCE_ID = "ndr-20240312100210.7781@mx1.mssante.example";

const PATIENT = [
  "From: Marie Durand <255081416802538@patient.mssante.fr>",
  `To: ${MSSANTE_IDENTITY.email}`,
  "Subject: Question",
  "Date: Mon, 03 Mar 2025 09:15:00 +0100",
  `Message-ID: <${PATIENT_ID}>`,
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Bonjour docteur,",
  "",
].join("\r\n");

const OTHER = [
  "From: Service de cardiologie <cardio@ch-exemple.mssante.fr>",
  `To: ${MSSANTE_IDENTITY.email}`,
  "Subject: Compte rendu",
  "Date: Mon, 03 Mar 2025 10:00:00 +0100",
  `Message-ID: <${OTHER_ID}>`,
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Compte rendu.",
  "",
].join("\r\n");

/** Chrome: shows the message, then resolves with the ms until its banner is drawn (or -1 when `banner` is false and the message is loaded). */
const SELECT_AND_WAIT = String.raw`async (folderName, messageId, banner) => {
  const folder = MailServices.accounts.localFoldersServer.rootFolder.getChildNamed(folderName);
  const hdr = folder.msgDatabase.getMsgHdrForMessageID(messageId);
  const start = performance.now();
  MsgDisplayMessageInFolderTab(hdr);
  const deadline = start + 15000;
  for (;;) {
    const about = document.getElementById("tabmail").currentAboutMessage;
    const doc = about?.document?.getElementById("messagepane")?.contentDocument;
    if (about?.gMessage?.messageId === messageId && doc) {
      if (!banner && doc.readyState === "complete" && doc.location.href !== "about:blank") return -1;
      const holder = doc.getElementById("mssante-patient-banner");
      const region = (holder?.openOrClosedShadowRoot ?? holder?.shadowRoot)?.querySelector("section p");
      if (banner && region && region.textContent !== "") return performance.now() - start;
    }
    if (performance.now() > deadline) throw new Error("no banner on " + messageId);
    await new Promise((r) => setTimeout(r, 2));
  }
}`;

export interface BannerTimes {
  readonly patient: { readonly median: number; readonly runs: number[] };
  readonly bounce: { readonly median: number; readonly runs: number[]; readonly first: number };
}

export async function bannerShownTimes(runs: number, addonDir = resolve("dist/addon")): Promise<BannerTimes> {
  const bounce = withRecentDates(readFileSync(resolve("test/fixtures/notices/mes-closed-text-fr.eml"), "utf8"));
  const messages = [PATIENT, OTHER, bounce];
  const harness = await startHarness({ extensions: [addonDir], identities: [MSSANTE_IDENTITY], localFolders: { [FOLDER]: messages } });
  try {
    const { ui } = harness;
    await ui.indexLocalFolder(FOLDER, messages.length);
    const shown = async (messageId: string): Promise<number> => {
      await ui.chromeEval(SELECT_AND_WAIT, [FOLDER, OTHER_ID, false]);
      return z.number().parse(await ui.chromeEval(SELECT_AND_WAIT, [FOLDER, messageId, true]));
    };
    const first = await shown(BOUNCE_ID);
    const patientRuns: number[] = [];
    const bounceRuns: number[] = [];
    // The first patient display warms the event page and the script: not counted.
    await shown(PATIENT_ID);
    for (let i = 0; i < runs; i++) {
      patientRuns.push(await shown(PATIENT_ID));
      bounceRuns.push(await shown(BOUNCE_ID));
    }
    return { patient: { median: median(patientRuns), runs: patientRuns }, bounce: { median: median(bounceRuns), runs: bounceRuns, first } };
  } finally {
    await harness.stop();
  }
}
