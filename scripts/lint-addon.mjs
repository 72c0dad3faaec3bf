// The add-on store's linter (web-ext lint) on the built add-on, dist/addon.
// It knows Firefox's manifest schema, not Thunderbird's: the findings Thunderbird makes false
// are listed below, one by one, each with its reason. Anything else fails the build.
//   node scripts/lint-addon.mjs [ADDON_DIR]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * One finding of web-ext lint's JSON report.
 * @typedef {{code: string, message?: string, description?: string, file?: string, dataPath?: string, instancePath?: string}} Finding
 */

/**
 * Thunderbird permissions (messenger.* APIs) that Firefox's schema does not know.
 * https://webextension-api.thunderbird.net/ lists them; each one is also justified in
 * test/unit/manifest/manifest.test.ts.
 */
export const THUNDERBIRD_PERMISSIONS = new Set([
  "accountsFolders",
  "accountsRead",
  "addressBooks",
  "compose",
  "compose.send",
  "messagesMove",
  "messagesRead",
  "messagesTags",
  "messagesTagsList",
  "messagesUpdate",
]);

/**
 * Thunderbird's toolbar areas for `action` (`maintoolbar`, `tabstoolbar`): Firefox's schema
 * allows only its own (`navbar`, `menupanel`…) and reports the value as invalid JSON.
 */
const THUNDERBIRD_ACTION_AREAS = new Set(["maintoolbar", "tabstoolbar"]);

/**
 * Whether one finding of the linter is a Firefox-only false positive on this Thunderbird add-on.
 * @param {Finding} finding
 * @param {Record<string, unknown>} manifest the built manifest.json
 */
export function isThunderbirdFalsePositive(finding, manifest) {
  if (finding.code === "MANIFEST_PERMISSIONS") {
    const name = /Invalid permissions "([^"]+)"/.exec(finding.message ?? "")?.[1];
    return name !== undefined && THUNDERBIRD_PERMISSIONS.has(name);
  }
  if (finding.code === "JSON_INVALID") {
    const path = finding.instancePath ?? finding.dataPath ?? "";
    const action = /** @type {{default_area?: unknown} | undefined} */ (manifest["action"]);
    return (
      path === "/action/default_area" &&
      typeof action?.default_area === "string" &&
      THUNDERBIRD_ACTION_AREAS.has(action.default_area)
    );
  }
  if (finding.code === "KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION") {
    // Thunderbird does not run on Android; the desktop Gecko of Thunderbird 140 knows the key.
    return /"browser_specific_settings\.gecko\.data_collection_permissions"/.test(finding.description ?? "");
  }
  return false;
}

/**
 * The findings that count: errors, warnings and notices, less the listed false positives.
 * @param {{errors: Finding[], warnings: Finding[], notices: Finding[]}} report web-ext's JSON output
 * @param {Record<string, unknown>} manifest
 */
export function unexpectedFindings(report, manifest) {
  return [...report.errors, ...report.warnings, ...report.notices].filter((finding) => !isThunderbirdFalsePositive(finding, manifest));
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const addon = process.argv[2] ?? join(root, "dist", "addon");
  if (!existsSync(join(addon, "manifest.json"))) {
    process.stderr.write(`lint-addon: ${addon} is not built: run npm run build\n`);
    process.exit(2);
  }
  const webExt = join(root, "node_modules", "web-ext", "bin", "web-ext.js");
  let out;
  try {
    out = execFileSync(process.execPath, [webExt, "lint", "--source-dir", addon, "--output", "json", "--no-config-discovery"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    // web-ext exits non-zero when it finds errors; its report is still on stdout.
    out = /** @type {{stdout?: string}} */ (error).stdout ?? "";
  }
  /** @type {{errors: Finding[], warnings: Finding[], notices: Finding[]}} */
  const report = JSON.parse(out.slice(out.indexOf("{")));
  const manifest = JSON.parse(readFileSync(join(addon, "manifest.json"), "utf8"));
  const left = unexpectedFindings(report, manifest);
  const total = report.errors.length + report.warnings.length + report.notices.length;
  if (left.length > 0) {
    for (const f of left) process.stderr.write(`web-ext lint: ${f.code} ${f.file ?? ""} ${f.message}\n`);
    process.stderr.write(`web-ext lint: ${left.length} finding(s) beyond the ${total - left.length} known Thunderbird ones\n`);
    process.exit(1);
  }
  process.stdout.write(`web-ext lint: ${total} finding(s), all known Thunderbird-only false positives\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
