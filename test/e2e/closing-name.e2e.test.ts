// The patient's name in an automatic [FIN], in a real Thunderbird: the patient's message
// carries a hostile display name (a right-to-left override, commas, quotes, far too long).
// Thunderbird decodes it and hands it to the add-on; the closing reply it sends must go to
// the patient alone, with the name cleaned and cut to 64 code points in To and in the text.
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MSSANTE_IDENTITY, type Harness } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const FOLDER = "Patients";

// "Dur<RLO>and, Marie "Mimi" LéLéLé…" (60 × "Lé"): 86 code points once decoded.
const HOSTILE_NAME = `Dur\u202eand, Marie "Mimi" ${"Lé".repeat(30)}`;
// Thunderbird 153 hands the name over with the override turned into a space (observed),
// commas and quotes kept. What the add-on writes: no comma, no quote, 64 code points.
const AUTHOR = `"Dur and, Marie \\"Mimi\\" ${"Lé".repeat(30)}" <${PATIENT}>`;
const WRITTEN_NAME = `Dur and Marie Mimi ${"Lé".repeat(30)}`.slice(0, 64);

const MESSAGE = [
  `From: =?UTF-8?B?${Buffer.from(HOSTILE_NAME, "utf8").toString("base64")}?= <${PATIENT}>`,
  `To: ${MSSANTE_IDENTITY.email}`,
  "Subject: Question",
  "Date: Mon, 03 Mar 2025 09:15:00 +0100",
  "Message-ID: <hostile-name-1@patient.mssante.fr>",
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Bonjour docteur,",
  "",
].join("\r\n");

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({
    localFolders: { [FOLDER]: [MESSAGE] },
  });
  await harness.ui.indexLocalFolder(FOLDER, 1);
});

afterAll(() => stopAll(harness));

describe("the patient's name in an automatic [FIN]", () => {
  it("is cleaned and cut, in To and in the text; the patient is the only recipient", async () => {
    expect(Array.from(WRITTEN_NAME)).toHaveLength(64);
    await harness.ui.displayLocalMessage(FOLDER, "hostile-name-1@patient.mssante.fr");
    const author = await harness.ui.backgroundEval(
      ADDON_ID,
      `async () => {
        const found = await messenger.messages.query({ headerMessageId: "hostile-name-1@patient.mssante.fr" });
        return found.messages[0]?.author ?? null;
      }`,
    );
    expect(author).toBe(AUTHOR);
    await harness.ui.fireShortcut("alt,shift", "F");
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
    const parsed = await PostalMime.parse(sent.raw);
    expect(parsed.subject).toBe("[FIN]");
    expect(parsed.to).toEqual([{ name: WRITTEN_NAME, address: PATIENT }]);
    expect(parsed.text).toContain(`Bonjour ${WRITTEN_NAME},`);
    expect(sent.raw.toString("utf8")).not.toContain("\u202e");
    expect(parsed.text).not.toContain("\u202e");
  });
});
