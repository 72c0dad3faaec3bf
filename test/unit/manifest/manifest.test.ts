/**
 * Guards on manifest.json: what administrators, the add-on store's reviewers and Thunderbird
 * itself rely on. Changing one of these values must be a conscious act, made here.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { SEND_CHECK_PAGE } from "../../../src/features/compose/send-guard.js";
import { exists, readJsonObject, readText } from "./files.js";

/** The permissions the add-on may ask for. Adding one means editing this list, knowingly. */
const ALLOWED_PERMISSIONS = [
  "compose",
  "compose.send",
  "storage",
  "menus",
  // "Clore l'échange": read the displayed/selected message's header (messageDisplay, messages).
  "messagesRead",
  // "Clore l'échange": find the identity the patient wrote to (accounts.list → identities).
  "accountsRead",
  // "Clore l'échange": tell the user the [FIN] went (or did not) when no window of ours is open.
  "notifications",
  // Notices panel: tag bounces and the sent message a read receipt answers (messages.update).
  "messagesUpdate",
  // Notices panel: create its two tags ("Retour MSSanté", "Lu par le patient").
  "messagesTags",
  // Notices panel: see which tags exist already (messages.tags.list), so the user's names stay.
  "messagesTagsList",
  // Notices panel, option "move bounces to a folder": move them, and create that folder.
  "messagesMove",
  "accountsFolders",
  // Send guard: expand the address-book lists (and entries) among the recipients before
  // judging a message, as Thunderbird expands them only after the check (addressBooks.list).
  "addressBooks",
  // Banners in the displayed message: register the script drawn into displayed messages
  // (scripting.messageDisplay.registerScripts, Thunderbird 128+).
  "scripting",
];

const manifestSchema = z.looseObject({
  manifest_version: z.number(),
  version: z.string(),
  default_locale: z.string(),
  browser_specific_settings: z.object({ gecko: z.looseObject({ id: z.string(), strict_min_version: z.string() }) }),
  permissions: z.array(z.string()),
  background: z.looseObject({ scripts: z.array(z.string()), type: z.optional(z.string()) }),
  icons: z.record(z.string(), z.string()),
  compose_action: z.looseObject({ default_popup: z.string(), default_icon: z.string() }),
  options_ui: z.looseObject({ page: z.string() }),
  content_security_policy: z.looseObject({ extension_pages: z.string() }),
});

const raw = readJsonObject("manifest.json");
const manifest = manifestSchema.parse(raw);
const gecko = manifest.browser_specific_settings.gecko;

/** The `PAGES` list of the build script, read from its text (importing it would build). */
function buildPages(): [folder: string, name: string][] {
  const source = readText("scripts/build.mjs");
  const list = /export const PAGES = \[([\s\S]*?)\];/.exec(source)?.[1];
  if (list === undefined) throw new Error("PAGES not found in scripts/build.mjs");
  const pairs = [...list.matchAll(/\[\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\]/g)].map((m): [string, string] => [m[1] ?? "", m[2] ?? ""]);
  if (pairs.length === 0) throw new Error("PAGES is empty");
  return pairs;
}

/** Every page the manifest names (`default_popup`, `page`, at any depth). */
function manifestPages(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(manifestPages);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    (key === "default_popup" || key === "page") && typeof item === "string" ? [item] : manifestPages(item),
  );
}

describe("manifest.json", () => {
  it("keeps the frozen add-on id (administrators key their policies by it)", () => {
    expect(gecko.id).toBe("mssante-patient@mssante-patient.fr");
  });

  it("is Manifest V3 for Thunderbird 140 and later, with no upper bound", () => {
    expect(manifest.manifest_version).toBe(3);
    expect(gecko.strict_min_version).toBe("140.0");
    expect(gecko).not.toHaveProperty("strict_max_version");
  });

  it("uses no Experiment", () => {
    expect(raw).not.toHaveProperty("experiment_apis");
  });

  it("asks for exactly the allowed permissions, and no other kind of permission", () => {
    expect([...manifest.permissions].sort()).toEqual([...ALLOWED_PERMISSIONS].sort());
    expect(new Set(manifest.permissions).size).toBe(manifest.permissions.length);
    expect(raw).not.toHaveProperty("optional_permissions");
    expect(raw).not.toHaveProperty("host_permissions");
    expect(raw).not.toHaveProperty("optional_host_permissions");
  });

  it("is in French by default", () => {
    expect(manifest.default_locale).toBe("fr");
  });

  it("has the version of package.json", () => {
    expect(manifest.version).toBe(readJsonObject("package.json").version);
  });

  it("runs its background as an event page built from src/background", () => {
    expect(manifest.background).not.toHaveProperty("service_worker");
    expect(manifest.background.scripts).toEqual(["background/main.js"]);
    expect(manifest.background.type).toBe("module");
    expect(exists("src/background/main.ts")).toBe(true);
  });

  it("allows no inline or evaluated script in its pages", () => {
    const csp = manifest.content_security_policy.extension_pages;
    expect(csp).toMatch(/(?:^|;)\s*script-src 'self'\s*(?:;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|data:|blob:/);
  });

  it("points at icons that exist", () => {
    const icons = [...Object.values(manifest.icons), manifest.compose_action.default_icon];
    expect(icons.length).toBeGreaterThan(1);
    for (const icon of icons) expect(exists(icon), icon).toBe(true);
  });
});

describe("pages", () => {
  const pages = buildPages();
  const built = new Set(pages.map(([folder, name]) => `pages/${folder}/${name}.html`));

  it("every page the build makes has its .html, its .ts and the .entry.ts that starts it", () => {
    for (const [folder, name] of pages) {
      expect(exists(`src/pages/${folder}/${name}.html`), `${folder}/${name}.html`).toBe(true);
      expect(exists(`src/pages/${folder}/${name}.ts`), `${folder}/${name}.ts`).toBe(true);
      expect(exists(`src/pages/${folder}/${name}.entry.ts`), `${folder}/${name}.entry.ts`).toBe(true);
    }
  });

  it("every page the manifest names is built, from an .html and a .ts", () => {
    const named = manifestPages(raw);
    expect(named).toEqual(expect.arrayContaining([manifest.compose_action.default_popup, manifest.options_ui.page]));
    for (const page of named) {
      expect(built.has(page), `${page} is not in PAGES of scripts/build.mjs`).toBe(true);
      expect(exists(`src/${page}`), page).toBe(true);
      expect(exists(`src/${page.replace(/\.html$/, ".ts")}`), page).toBe(true);
    }
  });

  it("the window opened for a blocked send is built", () => {
    expect(built.has(SEND_CHECK_PAGE)).toBe(true);
  });
});
