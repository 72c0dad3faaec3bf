// Prepares one Thunderbird ESR line beside the system's Thunderbird, for end-to-end tests that
// need a Thunderbird of their own (an older supported version, or a copy whose install folder
// the test may write into, such as `distribution/policies.json`): downloads Debian's
// `thunderbird` package of that line with `apt-get download` and unpacks it with `dpkg -x`
// into node_modules/.cache/thunderbird-<major> (never installed, the system's Thunderbird and
// its policy folders are left alone). It needs the same system libraries as the installed
// Thunderbird. Idempotent: nothing is done when it is already there.
// Prints the path of the binary on stdout (progress goes to stderr).
//   node scripts/thunderbird-esr.mjs 153              the 153 version apt knows of
//   node scripts/thunderbird-esr.mjs 153 VERSION      an exact package version (1:153.7.0esr-1~deb12u1)
// With THUNDERBIRD_<major>_BIN set, that binary is used and nothing is downloaded.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const MAJOR = process.argv[2] ?? "";
if (!/^\d+$/.test(MAJOR)) {
  process.stderr.write("usage: node scripts/thunderbird-esr.mjs MAJOR [PACKAGE-VERSION]\n");
  process.exit(2);
}
const target = join(root, "node_modules", ".cache", `thunderbird-${MAJOR}`);
const RELATIVE_BINARY = join("usr", "lib", "thunderbird", "thunderbird");
const binary = join(target, RELATIVE_BINARY);

/** @param {string} message */
function log(message) {
  process.stderr.write(`thunderbird-${MAJOR}: ${message}\n`);
}

/** An error whose message is all the user needs (no stack trace). */
class Failure extends Error {}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  throw new Failure(message);
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The `Version=` of the application.ini beside the binary, or null. */
function installedVersion() {
  try {
    const ini = readFileSync(join(dirname(binary), "application.ini"), "utf8");
    return /^Version=(.+)$/m.exec(ini)?.[1]?.trim() ?? null;
  } catch {
    return null;
  }
}

/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {string} [cwd]
 */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", 2, 2] });
  if (result.error !== undefined) return { ok: false, detail: result.error.message };
  return { ok: result.status === 0, detail: `exit code ${result.status ?? result.signal ?? "?"}` };
}

/** The `thunderbird` package versions of the MAJOR line listed by `apt-cache policy`, newest first. */
function aptVersions() {
  let text;
  try {
    text = execFileSync("apt-cache", ["policy", "thunderbird"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    return [];
  }
  const versions = [];
  for (const line of text.split("\n")) {
    // Version table rows: "     1:140.12.0esr-1~deb12u1 500" (installed one prefixed by "***").
    const match = /^\s+(?:\*\*\*\s+)?(\S+)\s+-?\d+\s*$/.exec(line);
    const version = match?.[1];
    if (version !== undefined && new RegExp(`^(?:\\d+:)?${MAJOR}\\.`).test(version)) versions.push(version);
  }
  return versions;
}

/** Makes sure the tree is there; throws a `Failure` when it cannot be made. */
function prepare() {
  const existing = installedVersion();
  if (isExecutable(binary) && existing !== null) {
    if (!existing.startsWith(`${MAJOR}.`)) fail(`${target} holds Thunderbird ${existing}, not ${MAJOR}: remove it first`);
    log(`Thunderbird ${existing} already prepared`);
    return;
  }

  const requested = process.argv[3];
  let versions = requested === undefined ? aptVersions() : [requested];
  let updated = false;
  if (versions.length === 0) {
    log(`no ${MAJOR} version in apt's lists: apt-get update`);
    run("apt-get", ["update"]);
    updated = true;
    versions = aptVersions();
  }
  const version = versions[0];
  if (version === undefined) fail(`apt-cache policy thunderbird lists no ${MAJOR} version`);

  const work = mkdtempSync(join(tmpdir(), `thunderbird-${MAJOR}-`));
  try {
    log(`apt-get download thunderbird=${version}`);
    let download = run("apt-get", ["download", `thunderbird=${version}`], work);
    if (!download.ok && !updated) {
      log(`download failed (${download.detail}): apt-get update, then again`);
      run("apt-get", ["update"]);
      download = run("apt-get", ["download", `thunderbird=${version}`], work);
    }
    if (!download.ok) fail(`apt-get download thunderbird=${version} failed (${download.detail})`);
    const deb = readdirSync(work).find((name) => name.endsWith(".deb"));
    if (deb === undefined) fail(`apt-get download left no .deb in ${work}`);

    // Unpack next to the target, then rename: an interrupted run never leaves a half tree there.
    mkdirSync(dirname(target), { recursive: true });
    const staging = mkdtempSync(`${target}.partial-`);
    const unpack = run("dpkg", ["-x", join(work, deb), staging]);
    if (!unpack.ok) {
      rmSync(staging, { recursive: true, force: true });
      fail(`dpkg -x ${deb} failed (${unpack.detail})`);
    }
    if (!isExecutable(join(staging, RELATIVE_BINARY))) {
      rmSync(staging, { recursive: true, force: true });
      fail(`${deb} holds no ${RELATIVE_BINARY}`);
    }
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  log(`Thunderbird ${installedVersion() ?? "?"} prepared in ${target}`);
}

const given = process.env[`THUNDERBIRD_${MAJOR}_BIN`];
try {
  if (given !== undefined && given !== "") {
    // The caller has its own Thunderbird of that line: nothing to prepare.
    if (!isExecutable(given)) fail(`THUNDERBIRD_${MAJOR}_BIN=${given} is not an executable file`);
    process.stdout.write(`${given}\n`);
  } else {
    prepare();
    process.stdout.write(`${binary}\n`);
  }
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  log(error.message);
  process.exitCode = 1;
}
