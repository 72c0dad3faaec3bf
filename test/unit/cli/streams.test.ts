/**
 * The command line on what is not a plain file: FIFOs, devices, /dev/stdin, process
 * substitution, folders with odd entries, endless and huge inputs. Real FIFOs and devices,
 * and the bundled command run as a child process (built privately here), each bounded in
 * time by the test's timeout and the child's.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sink, type CliResult } from "./fake-io.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { classifyCommand } from "../../../src/cli/classify-command.js";
import { ROOT } from "../manifest/files.js";
import { buildPrivateCommandLine } from "./private-build.js";

const FIXTURES = join(ROOT, "test", "fixtures", "notices");
const BOUNCE = join(FIXTURES, "mes-closed-dsn-fr.eml");
const RECEIPT = join(FIXTURES, "mdn-displayed-patient-fr.eml");

let work = "";
let cli = "";
const writers: ChildProcess[] = [];

beforeAll(() => {
  ({ work, cli } = buildPrivateCommandLine("mssante-streams-"));
}, 60_000);

afterEach(() => {
  // A writer still blocked on its FIFO: stop it (only the processes started here).
  for (const writer of writers.splice(0)) if (writer.exitCode === null && writer.signalCode === null) writer.kill("SIGKILL");
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});


/** Runs `classify` with streams that keep what it writes. */
async function classify(args: string[]): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const code = await classifyCommand(args, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

function kinds(stdout: string): string[] {
  return stdout
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => (JSON.parse(l) as { kind: string }).kind);
}

let fifoCount = 0;
/** A FIFO, with a shell command writing into it (`$F` is the FIFO). */
function fifoFedBy(command: string): string {
  const fifo = join(work, `fifo-${++fifoCount}`);
  execFileSync("mkfifo", [fifo]);
  writers.push(spawn("sh", ["-c", command], { env: { ...process.env, F: fifo }, stdio: "ignore" }));
  return fifo;
}

function mbox(...files: string[]): string {
  return files.map((f, i) => `From MAILER-DAEMON Tue Mar 12 10:02:1${i} 2024\n${readFileSync(f, "utf8")}\n`).join("");
}

describe("classify on streams and devices", () => {
  it("reads one message from a FIFO", async () => {
    const r = await classify(["--json", fifoFedBy(`cat '${BOUNCE}' > "$F"`)]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(kinds(r.stdout)).toEqual(["bounce"]);
  }, 20_000);

  it("reads an mbox from a FIFO", async () => {
    const file = join(work, "two.mbox");
    writeFileSync(file, mbox(BOUNCE, RECEIPT));
    const r = await classify(["--json", fifoFedBy(`cat '${file}' > "$F"`)]);
    expect(r.code).toBe(0);
    expect(kinds(r.stdout)).toEqual(["bounce", "receipt"]);
  }, 20_000);

  it("reads the start of an endless message from a FIFO, then stops", async () => {
    const r = await classify(["--json", fifoFedBy(`(cat '${BOUNCE}'; yes 'more text') > "$F"`)]);
    expect(r.code).toBe(0);
    expect(kinds(r.stdout)).toEqual(["bounce"]);
  }, 20_000);

  it("refuses /dev/zero clearly, without reading it all", async () => {
    const r = await classify(["--json", "/dev/zero"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("impossible de lire /dev/zero : octets nuls au début : ce n'est pas un message");
    expect(r.stderr).toContain("cannot read /dev/zero: NUL bytes at the start: not a mail message");
  }, 20_000);

  it("reads only the start of a huge file that is one message", async () => {
    const big = join(work, "big.eml");
    // A sparse 1 TiB file would do as well; 64 MiB of body keeps the test light.
    writeFileSync(big, Buffer.concat([readFileSync(BOUNCE), Buffer.alloc(64 * 1024 * 1024, 0x61)]));
    const r = await classify(["--json", big]);
    expect(r.code).toBe(0);
    expect(kinds(r.stdout)).toEqual(["bounce"]);
  }, 20_000);

  it("in a folder, reads the regular .eml files and says which entries it skips, without opening them", async () => {
    const folder = join(work, "folder");
    mkdirSync(folder);
    copyFileSync(BOUNCE, join(folder, "d.eml"));
    execFileSync("mkfifo", [join(folder, "a.eml")]); // no writer: opening it would wait for ever
    mkdirSync(join(folder, "b.eml")); // a subfolder, whatever its name: read in its turn
    copyFileSync(RECEIPT, join(folder, "b.eml", "inside.eml"));
    symlinkSync(join(folder, "c.eml"), join(folder, "c.eml")); // a link to itself
    symlinkSync(folder, join(folder, "loop.eml")); // the folder itself
    const r = await classify(["--json", folder]);
    expect(r.code).toBe(3);
    expect(kinds(r.stdout)).toEqual(["receipt", "bounce"]);
    expect(r.stderr).toContain(`${join(folder, "a.eml")} : ce n'est pas un fichier ordinaire`);
    expect(r.stderr).not.toContain(`${join(folder, "b.eml")}:`);
    expect(r.stderr).toContain(`${join(folder, "c.eml")}: symbolic link loop`);
    expect(r.stderr).toContain(`${join(folder, "loop.eml")}: not a regular file`);
  }, 20_000);

  it("says a symbolic link loop is one", async () => {
    const a = join(work, "loop-a");
    symlinkSync(join(work, "loop-b"), a);
    symlinkSync(a, join(work, "loop-b"));
    const r = await classify([a]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("boucle de liens symboliques");
  });
});

describe("the built command on standard input and process substitution", () => {
  const run = (script: string, input?: string): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync("bash", ["-c", script], {
      env: { ...process.env, CLI: cli },
      input,
      encoding: "utf8",
      timeout: 30_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("classify reads /dev/stdin as a pipe and as a file", () => {
    const piped = run(`cat '${BOUNCE}' | node "$CLI" classify --json /dev/stdin`);
    expect(piped.stderr).toBe("");
    expect(kinds(piped.stdout)).toEqual(["bounce"]);
    const redirected = run(`node "$CLI" classify --json /dev/stdin < '${RECEIPT}'`);
    expect(kinds(redirected.stdout)).toEqual(["receipt"]);
  }, 40_000);

  it("classify's whole output reaches a reader that is slow to read its pipe", () => {
    // About 100 KB of lines, more than a pipe holds: the command must not leave before the
    // last of them is written, though it leaves as soon as it is.
    const r = run(`node "$CLI" classify --json '${FIXTURES}' '${FIXTURES}' '${FIXTURES}' '${FIXTURES}' | { sleep 1; cat; }`);
    const eml = readdirSync(FIXTURES).filter((f) => f.endsWith(".eml")).length;
    expect(r.stdout.length).toBeGreaterThan(96 * 1024);
    expect(r.stdout.trim().split("\n")).toHaveLength(4 * eml);
    expect(r.stdout.endsWith("}\n")).toBe(true);
  }, 40_000);

  it("classify reads a process substitution", () => {
    const r = run(`node "$CLI" classify --json <(cat '${BOUNCE}') <(cat '${RECEIPT}')`);
    expect(r.status).toBe(0);
    expect(kinds(r.stdout)).toEqual(["bounce", "receipt"]);
  }, 40_000);

  it("ins reads a 200 MB line with a 48 MB heap: reported, then reading goes on", () => {
    const r = run(
      `{ head -c 209715200 /dev/zero | tr '\\0' 7; printf '\\n255081416802538\\n'; } | node --max-old-space-size=48 "$CLI" ins --json`,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { problem: string | null; valid: boolean; line?: number });
    expect(lines).toEqual([
      expect.objectContaining({ valid: false, problem: "line-too-long", line: 1 }),
      expect.objectContaining({ valid: true, problem: null }),
    ]);
  }, 60_000);
});
