/**
 * `npm start`: Thunderbird with the add-on, in a throwaway sandbox profile. A demo MSSanté
 * identity sends to an SMTP capture on 127.0.0.1 — nothing leaves the machine: every
 * "sent" message is summed up here and saved in .sandbox/outbox/ — and a demo folder holds
 * a patient's message, a bounce and a read receipt. Quit Thunderbird (or Ctrl+C) to end.
 *   --headless   no window (also when there is no display)
 *
 * Thunderbird is started through the end-to-end harness (its own process group, WebDriver
 * BiDi on 127.0.0.1 only) so that the demo folders can be indexed before the add-on is
 * installed (`prepareSandbox`). The BiDi session stays open while Thunderbird runs: the
 * remote agent takes one session at a time, so no other local program can open one.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { headerLines, startSmtpCapture, startThunderbird, type ThunderbirdInstance } from "../../harness/index.js";
import { DEMO_PROFESSIONAL } from "./demo-mail.js";
import { createSandboxProfile, DEMO_FOLDER } from "./profile.js";
import { prepareSandbox } from "./ready.js";

const root = resolve(".sandbox");
const outbox = join(root, "outbox");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string; version: string };
const xpi = resolve("dist", `${pkg.name}-${pkg.version}.xpi`);

mkdirSync(outbox, { recursive: true });
const smtp = await startSmtpCapture();
const profile = await createSandboxProfile({ smtpPort: smtp.port, parentDir: root });

let count = 0;
smtp.onMessage((message) => {
  count++;
  const file = join(outbox, `${new Date().toISOString().replace(/[:.]/g, "-")}-${count}.eml`);
  writeFileSync(file, message.raw);
  const show = (name: string): string => headerLines(message.raw, name).join(" | ") || `${name}: —`;
  console.log(`\n✉  Message capturé (rien n'est parti) / captured (nothing left the machine): ${file}`);
  for (const name of ["From", "To", "Cc", "Subject", "Disposition-Notification-To", "X-MSS-MES"]) console.log(`   ${show(name)}`);
  console.log(`   RCPT TO: ${message.envelope.rcptTo.map((r) => r.address).join(", ")}`);
});

// Thunderbird's own warnings (GTK, graphics) are noise here; the add-on's errors are kept.
const showAddonErrors = (line: string): void => {
  if (/MSSanté|mssante|JavaScript error|Error/.test(line) && !/Gtk|GLib|glib/.test(line)) console.error(line);
};

let thunderbird: ThunderbirdInstance | undefined;
let ending = false;
async function end(code: number): Promise<void> {
  if (ending) return;
  ending = true;
  try {
    // Quits Thunderbird from inside, then makes sure nothing of its process group is left.
    await thunderbird?.stop();
  } catch (error) {
    console.error(`Arrêt de Thunderbird / stopping Thunderbird: ${String(error)}`);
  }
  await smtp.close();
  rmSync(profile.rootDir, { recursive: true, force: true });
  console.log(`\nProfil supprimé / profile removed. Messages capturés / captured: ${count} (${outbox})`);
  process.exit(code);
}
process.on("SIGINT", () => void end(0));
process.on("SIGTERM", () => void end(0));

try {
  thunderbird = await startThunderbird({ profile, window: !process.argv.includes("--headless"), onOutput: showAddonErrors });
  const started = thunderbird;
  void started.waitForExit().then(() => end(0));
  await prepareSandbox(started, xpi);
  console.log(`Thunderbird ${started.headless ? "(headless) " : ""}— profil de démonstration / demo profile: ${profile.profileDir}`);
  console.log(`Thunderbird pid ${started.pid}`);
  console.log(`Identité / identity: ${DEMO_PROFESSIONAL.fullName} <${DEMO_PROFESSIONAL.email}>, SMTP 127.0.0.1:${smtp.port}`);
  console.log(`Dossier « ${DEMO_FOLDER} » dans Dossiers locaux / in Local Folders.`);
  console.log("Fermez Thunderbird ou Ctrl+C pour terminer / close Thunderbird or press Ctrl+C to end.");
} catch (error) {
  console.error(`Le profil de démonstration n'a pas pu être préparé / the demo profile could not be set up: ${String(error)}`);
  await end(1);
}
