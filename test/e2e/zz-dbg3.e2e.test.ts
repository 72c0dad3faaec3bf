import { resolve } from "node:path";
import { afterAll, it } from "vitest";
import { appendToLocalFolder, killStartedThunderbirds, MSSANTE_IDENTITY, startHarness, type Harness } from "./harness/index.js";
let harness: Harness;
afterAll(async () => { await harness.stop(); killStartedThunderbirds(); });
it("dbg", async () => {
  harness = await startHarness({ extensions: [resolve("dist/addon")], identities: [MSSANTE_IDENTITY] });
  await appendToLocalFolder(harness.profile, "S", ["Date: Mon, 25 Mar 2024 09:00:00 +0100\nFrom: a@b.fr\nTo: c@d.fr\nSubject: x\nMessage-ID: <cr-1@medecin.mssante.fr>\n\nBonjour.\n"]);
  await harness.ui.indexLocalFolder("S", 1);
  console.log(await harness.ui.backgroundEval("mssante-patient@mssante-patient.fr", `async () => {
    const log = [];
    log.push(JSON.stringify(await messenger.messages.tags.list()));
    const q = await messenger.messages.query({ headerMessageId: "cr-1@medecin.mssante.fr" });
    log.push(JSON.stringify(q).slice(0, 300));
    try { await messenger.messages.update(q.messages[0].id, { tags: ["mssante-lu-patient"] }); log.push("ok"); } catch (e) { log.push("upd " + e.message); }
    const q2 = await messenger.messages.query({ headerMessageId: "cr-1@medecin.mssante.fr" });
    log.push(JSON.stringify(q2.messages.map(m => m.tags)));
    return log;
  }`));
});
