// "Close after sending" with Send Later on two messages to the same patient, then File ›
// Send Unsent Messages, in a real Thunderbird 153. The server refuses the second once (451);
// the user sends the unsent messages again, so the second leaves after the first one's
// [FIN]. A [FIN] follows it all the same (its Date header is when it was queued, older than
// that [FIN]): the last message to reach the patient is a [FIN].
import { afterAll, beforeAll, expect, it } from "vitest";
import { startRefusingSmtp, type RefusingSmtp } from "./refusing-smtp.js";
import { sendLaterWithClose } from "./send-later.js";
import { z } from "zod";
import { headerLine, killStartedThunderbirds, type Harness } from "../../harness/index.js";
import { ADDON_ID, startWithAddon } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";

let harness: Harness;
/** What the server accepted, in order; it refuses "Second" the first time it is offered (a temporary failure). */
const accepted: string[] = [];
let refusedOnce = false;
let server: RefusingSmtp;

beforeAll(async () => {
  server = await startRefusingSmtp(
    (raw) => {
      const subject = headerLine(raw, "Subject");
      if (subject === "Subject: Second" && !refusedOnce) {
        refusedOnce = true;
        return false;
      }
      accepted.push(subject);
      return true;
    },
    { code: 451, text: "Try again later" },
  );
  const port = server.port;
  harness = await startWithAddon({ prefs: { "mail.smtpserver.smtp1.port": port } });
});

afterAll(async () => {
  try {
    await harness.stop();
    await server.close();
  } finally {
    killStartedThunderbirds();
  }
});

async function pendingCount(): Promise<number> {
  const all = z.record(z.string(), z.unknown()).parse(await harness.ui.backgroundEval(ADDON_ID, "() => messenger.storage.local.get()"));
  return Object.keys(all).filter((key) => key.startsWith("pendingClose:")).length;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it("the second message is refused once (451), sent on the next try after the first's [FIN]: a second [FIN] follows it", async () => {
  const { ui } = harness;
  await sendLaterWithClose(harness.ui, PATIENT, "Premier");
  await waitFor(async () => (await pendingCount()) === 1, "first waiting close");
  await new Promise((r) => setTimeout(r, 1_500));
  await sendLaterWithClose(harness.ui, PATIENT, "Second");
  await waitFor(async () => (await pendingCount()) === 2, "second waiting close");

  // First try: "Premier" leaves, "Second" is refused and stays in the Outbox; the [FIN] follows "Premier".
  await ui.chromeEval(String.raw`() => { SendUnsentMessages(); return true; }`);
  await waitFor(async () => {
    await ui.acceptDialogs();
    return accepted.includes("Subject: [FIN]") && refusedOnce;
  }, "first [FIN]", 60_000);
  await waitFor(async () => (await pendingCount()) === 1, "one close still waiting", 30_000);

  // The user sends the unsent messages again: "Second" leaves now, after the [FIN].
  await ui.chromeEval(String.raw`() => { SendUnsentMessages(); return true; }`);
  await waitFor(() => Promise.resolve(accepted.includes("Subject: Second")), "second sent", 60_000);
  await waitFor(async () => (await pendingCount()) === 0, "no waiting close left", 60_000);
  await new Promise((r) => setTimeout(r, 5_000));
  expect(accepted.at(-1)).toBe("Subject: [FIN]");
}, 240_000);
