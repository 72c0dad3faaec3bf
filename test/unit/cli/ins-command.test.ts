import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { cli, jsonLines, sink } from "./fake-io.js";
import { run } from "../../../src/cli/run.js";

const KEY_MISSING_FR =
  "La clé de 2 chiffres manque : un matricule INS a 15 caractères (13 + la clé). Recopiez aussi les 2 derniers chiffres de la carte Vitale ou de l'attestation.";
const KEY_MISSING_EN =
  "The 2-digit key is missing: an INS number has 15 characters (13 + the key). Also copy the last 2 digits from the carte Vitale or the certificate.";
const KEY_MISMATCH_FR =
  "La clé ne correspond pas au numéro : un chiffre est probablement mal saisi, ou deux chiffres inversés. Vérifiez sur la carte Vitale ou l'attestation avant d'écrire au patient.";
const KEY_99_FR = "La clé « 99 » est impossible (elle va de 01 à 97) : un chiffre est probablement mal saisi.";
const EMPTY_FR = "Saisissez ou collez le matricule INS du patient (15 caractères).";

describe("ins with arguments: readable lines", () => {
  it("shows the address and the decoded identity of valid numbers, exit 0", async () => {
    const r = await cli(["ins", "255081416802538", "2 95 10 99 126 111 93", "186022a21532523@patient.mssante.fr"]);
    expect(r).toEqual({
      code: 0,
      stdout: [
        "✓ 255081416802538@patient.mssante.fr — Femme, née en août 1955, en France (département 14)",
        "✓ 295109912611193@patient.mssante.fr — Femme, née en octobre 1995, à l'étranger",
        "✓ 186022A21532523@patient.mssante.fr — Homme, né en février 1986, en Corse (2A)",
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("says why invalid values are invalid, in order, exit 1", async () => {
    const r = await cli(["ins", "2951099126111", "255081416802538", " 2 55 08 14 168 025 39 ", "295109912611199", ""]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        `✗ 2951099126111 — ${KEY_MISSING_FR}`,
        "✓ 255081416802538@patient.mssante.fr — Femme, née en août 1955, en France (département 14)",
        `✗ 2 55 08 14 168 025 39 — ${KEY_MISMATCH_FR}`,
        `✗ 295109912611199 — ${KEY_99_FR}`,
        `✗ "" — ${EMPTY_FR}`,
        "",
      ].join("\n"),
    );
  });

  it("speaks English with --lang en or --lang=en", async () => {
    const expected = [
      "✓ 253072B07300470@patient.mssante.fr — Woman, born in July 1953, in Corsica (2B)",
      `✗ 2951099126111 — ${KEY_MISSING_EN}`,
      "",
    ].join("\n");
    expect((await cli(["ins", "--lang", "en", "253072B07300470", "2951099126111"])).stdout).toBe(expected);
    expect((await cli(["ins", "253072B07300470", "--lang=en", "2951099126111"])).stdout).toBe(expected);
  });

  it("shows control characters as escapes, so that they cannot drive the terminal", async () => {
    const r = await cli(["ins", "\u001b[31m255081416802538"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "✗ \\u001b[31m255081416802538 — Caractère « \\u001b » non valide : un matricule INS ne contient que des chiffres, et 2A ou 2B pour une naissance en Corse.\n",
    );
  });

  it("takes a value starting with - after --", async () => {
    const r = await cli(["ins", "--", "-255081416802538", "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(
      "✗ -255081416802538 — Caractère « - » non valide : un matricule INS ne contient que des chiffres, et 2A ou 2B pour une naissance en Corse.",
    );
    // After --, "--json" is a value too.
    expect(r.stdout.split("\n")[1]).toMatch(/^✗ --json — Caractère « - »/);
  });

  it("does not read standard input when values are given", async () => {
    let read = false;
    const stdin = new Readable({
      read() {
        read = true;
        this.push(null);
      },
    });
    const r = await cli(["ins", "255081416802538"], { stdin });
    expect(r.code).toBe(0);
    expect(read).toBe(false);
  });
});

describe("ins --json", () => {
  it("gives every field for a valid number", async () => {
    const r = await cli(["ins", "--json", "2 53 07 2a 073 004 43"]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      {
        input: "2 53 07 2a 073 004 43",
        valid: true,
        ins: "253072A07300443",
        address: "253072A07300443@patient.mssante.fr",
        problem: null,
        message: null,
        sex: "female",
        birthYearDigits: 53,
        birthMonth: 7,
        birthPlace: { kind: "corse", departement: "2A" },
      },
    ]);
  });

  it("gives a null month when it is unknown, and the place of overseas births", async () => {
    const r = await cli(["ins", "--json", "295109912611193", "180309741200157"]);
    const [abroad, overseas] = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(abroad).toMatchObject({ sex: "female", birthYearDigits: 95, birthMonth: 10, birthPlace: { kind: "etranger" } });
    expect(overseas).toMatchObject({ valid: true, birthMonth: null, birthPlace: { kind: "outre-mer", departement: "974" } });
  });

  it("gives the problem and its message, and no identity, for an invalid number", async () => {
    const r = await cli(["ins", "--json", "2951099126111"]);
    expect(r.code).toBe(1);
    const [line] = jsonLines(r.stdout);
    expect(line).toEqual({
      input: "2951099126111",
      valid: false,
      ins: null,
      address: null,
      problem: "key-missing",
      message: KEY_MISSING_FR,
    });
    expect(Object.keys(line as object)).toEqual(["input", "valid", "ins", "address", "problem", "message"]);
  });

  it("writes one line per value, in order, in English with --lang en", async () => {
    const inputs = ["255081416802538", "x", "295109912611193", "2951099126111"];
    const r = await cli(["ins", "--lang", "en", "--json", ...inputs]);
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout) as { input: string; valid: boolean; message: string | null }[];
    expect(lines.map((l) => l.input)).toEqual(inputs);
    expect(lines.map((l) => l.valid)).toEqual([true, false, true, false]);
    expect(lines[3]?.message).toBe(KEY_MISSING_EN);
  });

  it("keeps odd characters readable in JSON", async () => {
    const r = await cli(["ins", "--json", 'a"b\\c\n😀']);
    const [line] = jsonLines(r.stdout) as { input: string }[];
    expect(line?.input).toBe('a"b\\c\n😀');
    expect(r.stdout.split("\n")).toHaveLength(2);
  });
});

describe("ins --csv", () => {
  it("writes a header and one record per value, with CRLF line ends", async () => {
    const r = await cli(["ins", "--csv", "255081416802538", "2951099126111"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "input,valid,address,problem,message\r\n" +
        "255081416802538,true,255081416802538@patient.mssante.fr,,\r\n" +
        `2951099126111,false,,key-missing,${KEY_MISSING_FR}\r\n`,
    );
  });

  it("quotes a value holding a comma or a quote (RFC 4180), escapes a line break", async () => {
    const r = await cli(["ins", "--csv", "25508,1416802538", 'say "hi"', "line\nbreak"]);
    const lines = r.stdout.split("\r\n");
    expect(lines[1]).toBe(
      '"25508,1416802538",false,,invalid-character,"Caractère « , » non valide : un matricule INS ne contient que des chiffres, et 2A ou 2B pour une naissance en Corse."',
    );
    expect(lines[2]).toBe(
      '"say ""hi""",false,,invalid-character,"Caractère « s » non valide : un matricule INS ne contient que des chiffres, et 2A ou 2B pour une naissance en Corse."',
    );
    expect(lines[3]).toBe(
      'line\\u000abreak,false,,invalid-character,"Caractère « l » non valide : un matricule INS ne contient que des chiffres, et 2A ou 2B pour une naissance en Corse."',
    );
  });

  it("quotes a message holding a quote", async () => {
    const r = await cli(["ins", "--csv", "--lang", "en", 'x"']);
    expect(r.stdout.split("\r\n")[1]).toBe(
      '"x""",false,,invalid-character,"Invalid character ""x"": an INS number holds only digits, and 2A or 2B for a birth in Corsica."',
    );
  });

  it("stops a spreadsheet from running a value as a formula", async () => {
    const r = await cli(["ins", "--csv", "--", "=HYPERLINK(1)", "+1", "@SUM(1)"]);
    const first = r.stdout.split("\r\n").slice(1, 4).map((line) => line.split(",")[0]);
    expect(first).toEqual(["'=HYPERLINK(1)", "'+1", "'@SUM(1)"]);
  });
});

describe("ins reading standard input", () => {
  it("writes CSV when standard input is a file or a pipe", async () => {
    const r = await cli(["ins"], { stdin: ["255081416802538\n2951099126111\n253072B07300470\n"] });
    expect(r).toEqual({
      code: 1,
      stdout:
        "input,valid,address,problem,message\r\n" +
        "255081416802538,true,255081416802538@patient.mssante.fr,,\r\n" +
        `2951099126111,false,,key-missing,${KEY_MISSING_FR}\r\n` +
        "253072B07300470,true,253072B07300470@patient.mssante.fr,,\r\n",
      stderr: "",
    });
  });

  it("exits 0 when every line is valid", async () => {
    const r = await cli(["ins", "--json"], { stdin: ["255081416802538\n", "295109912611193\n"] });
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toHaveLength(2);
  });

  it("skips blank lines and handles CRLF, CR, a byte-order mark and a last line without end", async () => {
    const r = await cli(["ins", "--json"], {
      stdin: ["\ufeff255081416802538\r\n\r\n   \r\n2 95 10 99 126 111 93\r", "\r\t\n186022A21532523\r146026322000196"],
    });
    expect(r.code).toBe(0);
    expect((jsonLines(r.stdout) as { input: string }[]).map((l) => l.input)).toEqual([
      "255081416802538",
      "2 95 10 99 126 111 93",
      "186022A21532523",
      "146026322000196",
    ]);
  });

  it("joins lines and characters split across chunks", async () => {
    const bytes = Buffer.from("é255081416802538\r\n2550814\n", "utf8");
    // Every byte in its own chunk: é is split in two, and CR from LF.
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const r = await cli(["ins", "--json"], { stdin: chunks });
    expect((jsonLines(r.stdout) as { input: string; problem: string }[]).map((l) => [l.input, l.problem])).toEqual([
      ["é255081416802538", "invalid-character"],
      ["2550814", "too-short"],
    ]);
  });

  it("writes only the CSV header for an empty input, exit 0", async () => {
    expect(await cli(["ins"], { stdin: [] })).toEqual({ code: 0, stdout: "input,valid,address,problem,message\r\n", stderr: "" });
    expect(await cli(["ins", "--json"], { stdin: ["\n\r\n  \n"] })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("quotes a line holding a comma or a quote", async () => {
    const r = await cli(["ins"], { stdin: ['Dupont, "Jean"\n'] });
    expect(r.stdout.split("\r\n")[1]).toBe(
      '"Dupont, ""Jean""",false,,invalid-character,"Caractère « D » non valide : un matricule INS ne contient que des chiffres, et 2A ou 2B pour une naissance en Corse."',
    );
  });

  it("writes readable lines, and a hint on standard error, when a person types", async () => {
    const r = await cli(["ins"], { stdin: ["255081416802538\n", "2951099126111\n"], tty: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `✓ 255081416802538@patient.mssante.fr — Femme, née en août 1955, en France (département 14)\n✗ 2951099126111 — ${KEY_MISSING_FR}\n`,
    );
    expect(r.stderr).toBe("Saisissez un matricule INS par ligne, puis Ctrl-D pour terminer.\nType one INS number per line, then Ctrl-D to finish.\n");
  });

  it("answers each line before the next one comes", async () => {
    const stdin = new PassThrough();
    const answers: string[] = [];
    let answered: () => void = () => undefined;
    const out = sink({
      onChunk: (text) => {
        answers.push(text);
        answered();
        return Promise.resolve();
      },
    });
    const nextAnswer = () => new Promise<void>((resolve) => (answered = resolve));
    const done = run(["ins", "--json"], { stdin, stdout: out.stream, stderr: sink().stream, isStdinTTY: true, referenceYear: 2025 });

    let waiting = nextAnswer();
    stdin.write("255081416802538\n");
    await waiting;
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('"valid":true');

    waiting = nextAnswer();
    stdin.write("2951099126111\n");
    await waiting;
    expect(answers[1]).toContain('"problem":"key-missing"');

    stdin.end();
    expect(await done).toBe(1);
  });

  it("streams: reads no further ahead than it writes", async () => {
    const total = 100_000;
    let produced = 0;
    let written = 0;
    let maxLag = 0;
    // Chunks of 100 lines, as a file or a pipe gives them.
    function* lines() {
      for (let i = 0; i < total; i += 100) {
        produced += 100;
        yield "255081416802538\n2951099126111\n".repeat(50);
      }
    }
    const out = sink({
      highWaterMark: 1024,
      onChunk: async (text) => {
        written += text.split("\n").length - 1;
        maxLag = Math.max(maxLag, produced - written);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const code = await run(["ins", "--json"], { stdin: Readable.from(lines()), stdout: out.stream, stderr: sink().stream, isStdinTTY: false });
    expect(code).toBe(1);
    expect(written).toBe(total);
    expect(out.text().split("\n")).toHaveLength(total + 1);
    // The reader stays within a few thousand lines of the writer, far from the whole input.
    expect(maxLag).toBeLessThan(5_000);
  }, 30_000);
});

describe("ins usage errors", () => {
  it.each([
    [["ins", "--foo"], 'unknown option "--foo"'],
    [["ins", "-x", "255081416802538"], 'unknown option "-x"'],
    [["ins", "--json", "--csv", "255081416802538"], "choose --json or --csv"],
    [["ins", "--lang", "de", "255081416802538"], '--lang expects fr or en, not "de"'],
    [["ins", "--lang"], "--lang expects fr or en."],
    [["ins", "--lang="], '--lang expects fr or en, not ""'],
  ])("%j → exit 2", async (args, english) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n");
    expect(lines[0]).toMatch(/^mssante-patient : /);
    expect(lines[1]).toContain(`mssante-patient: ${english}`);
    expect(lines[2]).toBe("Aide / Help: mssante-patient ins --help");
  });

  it("reports an unknown option in French first", async () => {
    const r = await cli(["ins", "--foo"]);
    expect(r.stderr).toBe(
      "mssante-patient : option inconnue « --foo » (une valeur qui commence par - se place après --).\n" +
        'mssante-patient: unknown option "--foo" (put a value that starts with - after --).\n' +
        "Aide / Help: mssante-patient ins --help\n",
    );
  });
});

describe("ins --help", () => {
  it.each([[["ins", "--help"]], [["ins", "-h"]], [["ins", "255081416802538", "--help"]], [["help", "ins"]]])("%j shows the help, French first", async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Utilisation : mssante-patient ins /);
    const english = r.stdout.indexOf("\nUsage: mssante-patient ins ");
    expect(english).toBeGreaterThan(0);
    for (const word of ["--json", "--csv", "--lang", "Codes de sortie"]) expect(r.stdout.slice(0, english)).toContain(word);
    for (const word of ["--json", "--csv", "--lang", "Exit codes"]) expect(r.stdout.slice(english)).toContain(word);
  });
});

describe("ins reading over-long lines", () => {
  /** Standard input with one line of `bytes` bytes, made as it is read (never held whole). */
  function hugeLine(bytes: number, before = "", after = "\n255081416802538\n"): Readable {
    const chunk = Buffer.alloc(64 * 1024, 0x37);
    let left = bytes;
    let started = false;
    return new Readable({
      read() {
        if (!started) {
          started = true;
          if (before !== "") this.push(before);
        }
        if (left > 0) {
          const size = Math.min(left, chunk.length);
          left -= size;
          this.push(size === chunk.length ? chunk : chunk.subarray(0, size));
        } else {
          this.push(after);
          this.push(null);
        }
      },
    });
  }

  it("reports a 100 MB line as an invalid value, by number and length, then reads on", async () => {
    const r = await cli(["ins"], { stdin: hugeLine(100 * 1024 * 1024, "295109912611193\n\n") });
    expect(r.code).toBe(1);
    const rows = r.stdout.split("\r\n");
    expect(rows[1]).toBe("295109912611193,true,295109912611193@patient.mssante.fr,,");
    expect(rows[2]).toBe(
      `77777777777777777777…,false,,line-too-long,"Ligne 3 trop longue (104857600 caractères, au plus 1000) : ce n'est pas un matricule INS ; elle est ignorée."`,
    );
    expect(rows[3]).toBe("255081416802538,true,255081416802538@patient.mssante.fr,,");
    expect(rows).toHaveLength(5);
  });

  it("says it in JSON and in the readable lines too, in English", async () => {
    const json = await cli(["ins", "--json", "--lang", "en"], { stdin: hugeLine(5000) });
    expect(jsonLines(json.stdout)[0]).toEqual({
      input: "77777777777777777777…",
      valid: false,
      ins: null,
      address: null,
      problem: "line-too-long",
      message: "Line 1 too long (5000 characters, at most 1000): not an INS number; it is skipped.",
      line: 1,
    });
    const text = await cli(["ins"], { stdin: hugeLine(1001, "", ""), tty: true });
    expect(text.stdout).toBe("✗ 77777777777777777777… — Ligne 1 trop longue (1001 caractères, au plus 1000) : ce n'est pas un matricule INS ; elle est ignorée.\n");
    expect(text.code).toBe(1);
  });

  it("reads a line of exactly 1000 characters as a value", async () => {
    const r = await cli(["ins", "--json"], { stdin: [`${" ".repeat(985)}255081416802538\n`] });
    expect(jsonLines(r.stdout)[0]).toMatchObject({ valid: true, address: "255081416802538@patient.mssante.fr" });
  });
});
