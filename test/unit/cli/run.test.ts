import { say } from "../../../src/core/i18n/catalogs.js";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../src/cli/commands.js";
import { mainHelp, run } from "../../../src/cli/run.js";
import { cli, sink } from "./fake-io.js";

describe("general help", () => {
  it.each([[["--help"]], [["-h"]], [["help"]]])("%j prints it, French first, exit 0", async (args) => {
    const r = await cli(args);
    expect(r).toEqual({ code: 0, stdout: mainHelp(), stderr: "" });
    const english = r.stdout.indexOf("Usage: mssante-patient <command>");
    expect(r.stdout.indexOf("Utilisation : mssante-patient <commande>")).toBe(r.stdout.indexOf("\n") + 2);
    expect(english).toBeGreaterThan(r.stdout.indexOf("Commandes :"));
  });

  it("lists every command of the registry with its summary in both languages", () => {
    const help = mainHelp();
    const english = help.indexOf("Usage:");
    expect(COMMANDS.size).toBeGreaterThan(0);
    for (const [name, command] of COMMANDS) {
      expect(help.slice(0, english)).toMatch(new RegExp(`\\n  ${name} +${escape(say(command.summary, "fr"))}\\n`));
      expect(help.slice(english)).toMatch(new RegExp(`\\n  ${name} +${escape(say(command.summary, "en"))}\\n`));
    }
    expect(help).toContain("  ins       Vérifie des matricules INS et donne l'adresse Mon espace santé du patient\n");
    expect(help).toContain("  ins       Checks INS numbers and gives the patient's Mon espace santé address\n");
    expect(help).toContain("-V, --version");
  });

  it("goes to standard error with exit 2 when no command is given", async () => {
    expect(await cli([])).toEqual({ code: 2, stdout: "", stderr: mainHelp() });
  });
});

describe("--version", () => {
  it.each([[["--version"]], [["-V"]]])("%j prints the version", async (args) => {
    expect(await cli(args, { version: "0.1.0" })).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it("says so when the version is unknown", async () => {
    expect(await cli(["--version"], { version: undefined })).toEqual({ code: 3, stdout: "", stderr: "Version inconnue.\nUnknown version.\n" });
  });
});

describe("usage errors", () => {
  it("rejects an unknown command, exit 2", async () => {
    expect(await cli(["audit", "x"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'mssante-patient : commande inconnue « audit ».\nmssante-patient: unknown command "audit".\nAide / Help: mssante-patient --help\n',
    });
  });

  it("rejects an unknown option before the command, exit 2", async () => {
    expect(await cli(["--json", "ins"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'mssante-patient : option inconnue « --json ».\nmssante-patient: unknown option "--json".\nAide / Help: mssante-patient --help\n',
    });
  });

  it("rejects help on an unknown command, exit 2", async () => {
    const r = await cli(["help", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("commande inconnue « nope »");
  });
});

describe("failures", () => {
  it("reports a read error on standard error, exit 3", async () => {
    const stdin = new Readable({
      read() {
        this.destroy(new Error("EIO: i/o error, read"));
      },
    });
    const r = await cli(["ins"], { stdin });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("mssante-patient : erreur : EIO: i/o error, read\nmssante-patient: error: EIO: i/o error, read\n");
  });

  it("reports a write error, exit 3", async () => {
    const stdout = sink({ highWaterMark: 1 }).stream;
    stdout.destroy();
    const err = sink();
    const code = await run(["ins", "255081416802538"], {
      stdin: Readable.from([]),
      stdout,
      stderr: err.stream,
      isStdinTTY: false,
    });
    expect(code).toBe(3);
    expect(err.text()).toMatch(/^mssante-patient : erreur : .+\nmssante-patient: error: .+\n$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
