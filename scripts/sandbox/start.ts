/**
 * `npm start`: Thunderbird with the add-on, in a throwaway sandbox profile. A demo MSSanté
 * identity sends to an SMTP capture on 127.0.0.1 — nothing leaves the machine: every
 * "sent" message is summed up here and saved in .sandbox/outbox/ — and a demo folder holds
 * a patient's message, a bounce and a read receipt. Quit Thunderbird (or Ctrl+C) to end.
 *   --headless   no window (for a machine without a display)
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findThunderbirdBinary, headerLines, startSmtpCapture } from "../../harness/index.js";
import { DEMO_PROFESSIONAL } from "./demo-mail.js";
import { createSandboxProfile, DEMO_FOLDER } from "./profile.js";

const root = resolve(".sandbox");
const outbox = join(root, "outbox");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string; version: string };
const xpi = resolve("dist", `${pkg.name}-${pkg.version}.xpi`);
const headless = process.argv.includes("--headless") || (process.env["DISPLAY"] ?? "") === "";

mkdirSync(outbox, { recursive: true });
const binary = findThunderbirdBinary();
const smtp = await startSmtpCapture();
const profile = await createSandboxProfile({ smtpPort: smtp.port, xpi, parentDir: root });

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

const args = ["--no-remote", "--profile", profile.profileDir, ...(headless ? ["--headless"] : [])];
const child = spawn(binary, args, {
  detached: true,
  stdio: ["ignore", "ignore", "pipe"],
  env: { ...process.env, TMPDIR: profile.tmpDir },
});
// Thunderbird's own warnings (GTK, graphics) are noise here; the add-on's errors are kept.
child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
  for (const text of chunk.split("\n")) {
    if (/MSSanté|mssante|JavaScript error|Error/.test(text) && !/Gtk|GLib|glib/.test(text)) console.error(text);
  }
});
console.log(`Thunderbird ${headless ? "(headless) " : ""}— profil de démonstration / demo profile: ${profile.profileDir}`);
console.log(`Identité / identity: ${DEMO_PROFESSIONAL.fullName} <${DEMO_PROFESSIONAL.email}>, SMTP 127.0.0.1:${smtp.port}`);
console.log(`Dossier « ${DEMO_FOLDER} » dans Dossiers locaux / in Local Folders.`);
console.log("Fermez Thunderbird ou Ctrl+C pour terminer / close Thunderbird or press Ctrl+C to end.");

let ending = false;
async function end(code: number): Promise<void> {
  if (ending) return;
  ending = true;
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await smtp.close();
  rmSync(profile.rootDir, { recursive: true, force: true });
  console.log(`\nProfil supprimé / profile removed. Messages capturés / captured: ${count} (${outbox})`);
  process.exit(code);
}
child.on("exit", (code) => void end(code ?? 0));
process.on("SIGINT", () => void end(0));
process.on("exit", () => {
  // Last resort: never leave the sandbox's Thunderbird behind.
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});
process.on("SIGTERM", () => void end(0));
