import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sink, type CliResult } from "../cli/fake-io.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyCommand, CSV_HEADER, mboxMessages } from "../../../src/cli/classify-command.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/notices/", import.meta.url));


/** Runs `classify` with streams that keep what it writes. */
async function run(args: string[]): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const code = await classifyCommand(args, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

function lines(text: string): Record<string, unknown>[] {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

let dir = "";
let mbox = "";
let folder = "";

/** mboxrd: a body line starting with "From " (or ">From ") gets one more ">". */
function escape(message: string): string {
  return message.replace(/^(>*From )/gm, ">$1");
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "notices-cli-"));
  mbox = join(dir, "Inbox");
  const messages = ["mes-closed-text-fr.eml", "mdn-displayed-patient-fr.eml", "ordinary-fr.eml"].map((f) =>
    readFileSync(join(FIXTURES, f), "utf8"),
  );
  const third = `${messages[2] ?? ""}\nFrom the lab: results are ready.\n\n>From an escaped line\n`;
  writeFileSync(
    mbox,
    [messages[0] ?? "", messages[1] ?? "", third]
      .map((m, i) => `From MAILER-DAEMON Tue Mar 12 10:02:1${i} 2024\n${escape(m)}\n`)
      .join(""),
  );
  folder = join(dir, "folder");
  mkdirSync(folder);
  copyFileSync(join(FIXTURES, "patient-unknown-dsn-en.eml"), join(folder, "b.eml"));
  copyFileSync(join(FIXTURES, "delay-text-fr.eml"), join(folder, "a.eml"));
  writeFileSync(join(folder, "notes.txt"), "not a message");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("mailbox files", () => {
  it("are split on From lines, with >From lines restored", async () => {
    const messages = [];
    for await (const m of mboxMessages(mbox)) messages.push(m);
    expect(messages.map((m) => m.index)).toEqual([1, 2, 3]);
    const third = Buffer.from(messages[2]?.bytes ?? []).toString("utf8");
    expect(third).toContain("\nFrom the lab: results are ready.\n");
    expect(third).toContain("\n>From an escaped line\n");
    expect(third.startsWith("From: Dr Claire Petit")).toBe(true);
  });
});

describe("mssante-patient classify", () => {
  it("does not ask for standard input when no path is `-` (Node makes it a stream when asked, which takes time)", async () => {
    const out = sink();
    const err = sink();
    const io = {
      stdout: out.stream,
      stderr: err.stream,
      get stdin(): never {
        throw new Error("standard input asked for");
      },
    };
    expect(await classifyCommand(["--json", `${FIXTURES}mes-closed-dsn-fr.eml`], io)).toBe(0);
    expect(lines(out.text())).toHaveLength(1);
    expect(err.text()).toBe("");
  });

  it("writes one JSON object per message, in order, with the index in an mbox", async () => {
    const { code, stdout } = await run(["--json", mbox, folder]);
    expect(code).toBe(0);
    const results = lines(stdout);
    expect(results.map((r) => [r.index ?? null, r.kind])).toEqual([
      [1, "bounce"],
      [2, "receipt"],
      [3, "none"],
      [null, "delay"],
      [null, "bounce"],
    ]);
    expect(results[0]).toMatchObject({
      file: mbox,
      recipients: [{ address: "295109912611193@patient.mssante.fr", reason: "mailbox-closed", ins: "295109912611193", insValid: true }],
    });
    expect(results[3]?.file).toBe(join(folder, "a.eml"));
    expect(results[4]).toMatchObject({ recipients: [{ status: "5.1.1", reason: "unknown-recipient", insValid: false }] });
  });

  it("writes CSV, one line per recipient", async () => {
    const { code, stdout } = await run(["--csv", join(folder, "b.eml")]);
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split("\r\n");
    expect(rows[0]).toBe(CSV_HEADER.join(","));
    expect(rows[1]).toMatch(/^.*b\.eml,,bounce,295109912611199@patient\.mssante\.fr,failed,5\.1\.1,unknown-recipient,295109912611199,false,,/);
  });

  it("escapes control characters in CSV cells (a file name is outside data)", async () => {
    const odd = join(dir, "odd");
    mkdirSync(odd);
    const name = "=x\r\n\u202eevil.eml";
    copyFileSync(join(FIXTURES, "patient-unknown-dsn-en.eml"), join(odd, name));
    const { code, stdout } = await run(["--csv", odd]);
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]?.startsWith(`${odd}/=x\\u000d\\u000a\\u202eevil.eml,,bounce,`)).toBe(true);
  });

  it("writes a readable table by default, in French or English", async () => {
    const fr = await run([mbox]);
    expect(fr.stdout).toContain("#1  non remis  295109912611193@patient.mssante.fr");
    expect(fr.stdout).toContain("Messagerie fermée");
    expect(fr.stdout).toContain("INS 295109912611193 (clé valide)");
    expect(fr.stdout).toContain("#3  autre (courrier ordinaire)");
    const en = await run(["--lang", "en", mbox]);
    expect(en.stdout).toContain("#1  bounce  295109912611193@patient.mssante.fr  -  mailbox-closed — Mailbox closed");
  });

  it("reports paths it cannot read and goes on", async () => {
    const { code, stdout, stderr } = await run(["--json", join(dir, "missing.eml"), join(folder, "a.eml")]);
    expect(code).toBe(3);
    expect(lines(stdout)).toHaveLength(1);
    expect(stderr).toContain("missing.eml");
  });

  it("answers --help and refuses bad usage", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Utilisation : mssante-patient classify");
    expect(help.stdout).toContain("Usage: mssante-patient classify");
    expect((await run([])).code).toBe(2);
    expect((await run(["--json", "--csv", mbox])).code).toBe(2);
    expect((await run(["--lang", "de", mbox])).code).toBe(2);
    const unknown = await run(["--frobnicate", mbox]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--frobnicate");
  });
});
