// Notice shapes read in a real Thunderbird: a Domino report whose Diagnostic-Code is in
// ISO-2022-JP (decoded by Thunderbird's own TextDecoder), an Amazon SES JSON notification, a
// mailing-list manager's refusal, a report pasted as text in an ISP's notice beside a help
// desk's address, a postmaster that is the only failed recipient, an encoded-word local part,
// "553 <host> does not exist" and a relay's label before the remote reply. The quick scan
// (author and subject) must keep each of them; the panel shows each recipient with its cause.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendToLocalFolder, withRecentDates, type Harness, type PageTarget } from "../../harness/index.js";
import { pageClick, pageEval, pageQuery, pageWaitForSelector } from "../../harness/extension-page.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";
import { noticeFixture } from "./notice-mail.js";
import { scanIdle } from "./notices-scan.js";

const PANEL_URL = "notices-panel.html";
const FOLDER = "Formes-test";
/** The fixtures are UTF-8 or 7-bit (ISO-2022-JP is written with escape sequences in 7 bits). */

/** Each fixture, with the recipient and the cause the panel must show for it. */
const SHAPES: readonly (readonly [string, string, string])[] = [
  ["domino-iso-2022-jp-field-ja.eml", "j.dupont@hopital-est.example", "unknown-recipient"],
  ["service-json-bounce-en.eml", "contact@laboratoire-biologie.example", "mailbox-full"],
  ["list-manager-not-subscribed-fr.eml", "rythmologie@listes.societe-cardio.example", "sender-rejected"],
  ["isp-pasted-report-helpdesk-en.eml", "accueil@clinique-des-tilleuls.example", "mailbox-full"],
  ["text-postmaster-recipient-en.eml", "postmaster@centre-imagerie.example", "host-unknown"],
  ["dsn-encoded-word-local-part-en.eml", "secrétariat@cabinet-lilas.example", "unknown-recipient"],
  ["exim-host-does-not-exist-en.eml", "secretariat@cabinet-lilas.example", "host-unknown"],
  ["dsn-relay-label-access-denied-en.eml", "accueil@maison-sante.example", "sender-rejected"],
];

let harness: Harness;
let panel: PageTarget | null = null;
const PANEL = (): PageTarget => {
  if (panel === null) throw new Error("the panel is not open");
  return panel;
};

beforeAll(async () => {
  harness = await startWithAddon();
  await harness.ui.mainWindow();
  const messages = SHAPES.map(([name]) => noticeFixture(name)).concat(noticeFixture("ordinary-fr.eml"));
  await appendToLocalFolder(harness.profile, FOLDER, messages.map((m) => withRecentDates(m)));
  await harness.ui.indexLocalFolder(FOLDER, messages.length);
});

afterAll(() => stopAll(harness));

describe("notice shapes in Thunderbird", () => {
  it("the quick scan keeps every shape, and the panel shows each recipient with its cause", async () => {
    await harness.ui.clickMailAction(ADDON_ID);
    panel = await harness.ui.tabPage(PANEL_URL);
    await pageWaitForSelector(harness.bidi, PANEL(), "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
    await scanIdle(harness, PANEL());
    await pageEval(
      harness.bidi,
      PANEL(),
      `() => { const s = document.getElementById("scan-target"); const o = [...s.options].find((x) => x.dataset.path === "/${FOLDER}"); s.value = o.value; return o.value; }`,
    );
    expect(await pageEval(harness.bidi, PANEL(), `() => document.getElementById("scan-thorough").checked`)).toBe(false);
    await pageClick(harness.bidi, PANEL(), "#scan-start");
    await pageWaitForSelector(harness.bidi, PANEL(), "body[data-scan='done']", { state: "attached", timeoutMs: 60_000 });
    const shown = (await pageEval(
      harness.bidi,
      PANEL(),
      `() => [...document.querySelectorAll(".group")].map((g) => [g.textContent, [...g.querySelectorAll("li.item")].map((li) => li.dataset.reason)])`,
    )) as [string, string[]][];
    for (const [name, address, reason] of SHAPES) {
      const group = shown.find(([text]) => text.includes(address));
      expect(group, `${name}: ${address}`).toBeDefined();
      expect(group?.[1], name).toEqual([reason]);
    }
    const status = (await pageQuery(harness.bidi, PANEL(), "#scan-status"))?.text ?? "";
    expect(status).toContain(`${SHAPES.length + 1} messages examinés`);
    expect(status).toContain(`${SHAPES.length} avis trouvés`);
    // The sender's help desk and the notices' own addresses are no one's group.
    expect(shown.some(([text]) => text.includes("assistance@fai-exemple.example"))).toBe(false);
  });

  it("the Domino diagnostic written in ISO-2022-JP is shown decoded, as text", async () => {
    const item = ".group li.item[data-reason='unknown-recipient']";
    const opened = await pageEval(
      harness.bidi,
      PANEL(),
      `() => { const g = [...document.querySelectorAll(".group")].find((x) => x.textContent.includes("j.dupont@hopital-est.example")); const d = g.querySelector("li.item details"); d.open = true; return true; }`,
    );
    expect(opened).toBe(true);
    const text = await pageWaitForSelector(harness.bidi, PANEL(), `${item} pre.diagnostic[data-loaded='true']`, {
      state: "attached",
      textIncludes: "Domino",
      timeoutMs: 15_000,
    });
    expect(text?.text).toContain("ディレクトリには見つかりません");
    expect(text?.text).not.toContain("\u001b");
  });
});
