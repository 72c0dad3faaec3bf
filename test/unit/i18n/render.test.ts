import { describe, expect, it } from "vitest";
import { fill, renderWith, type Catalog } from "../../../src/core/i18n/render.js";
import { CATALOGS } from "../../../src/core/i18n/catalogs.js";
import { msg, plural, type MessageKey } from "../../../src/core/i18n/text.js";

const catalog: Catalog = {
  greet: { message: "Bonjour $NAME$, $count$ avis", placeholders: { name: { content: "$1" }, count: { content: "$2" } } },
  dollar: { message: "$$1 et $1" },
  outer: { message: "$INNER$ !", placeholders: { inner: { content: "$1" } } },
  found_one: { message: "$N$ avis trouvé", placeholders: { n: { content: "$1" } } },
  found_other: { message: "$N$ avis trouvés", placeholders: { n: { content: "$1" } } },
};

function entry(c: Catalog, key: string) {
  const e = c[key];
  if (e === undefined) throw new Error(`no ${key}`);
  return e;
}

describe("fill (the semantics of i18n.getMessage)", () => {
  it("replaces named placeholders, case-insensitively, then positional values", () => {
    expect(fill(entry(catalog, "greet"), ["Marie", "3"])).toBe("Bonjour Marie, 3 avis");
  });
  it("turns $$ into $ and leaves a missing value empty", () => {
    expect(fill(entry(catalog, "dollar"), [])).toBe("$1 et ");
  });
  it("does not re-read placeholders inside a value", () => {
    expect(fill(entry(catalog, "greet"), ["$2 $NAME$", "x"])).toBe("Bonjour $2 $NAME$, x avis");
  });
});

describe("renderWith", () => {
  it("renders nested texts in the same language", () => {
    const inner = { key: "greet", subs: ["Léa", 2] } as unknown as ReturnType<typeof msg>;
    const outer = { key: "outer", subs: [inner] } as unknown as ReturnType<typeof msg>;
    expect(renderWith(catalog, outer, "fr")).toBe("Bonjour Léa, 2 avis !");
  });
  it("picks the plural form with Intl.PluralRules (French: 0 and 1 are singular)", () => {
    const count = (n: number) => ({ ...plural("found" as never, n), key: "found_one" as MessageKey });
    expect(renderWith(catalog, count(0), "fr")).toBe("0 avis trouvé");
    expect(renderWith(catalog, count(1), "fr")).toBe("1 avis trouvé");
    expect(renderWith(catalog, count(2), "fr")).toBe("2 avis trouvés");
    expect(renderWith(catalog, count(0), "en")).toBe("0 avis trouvés");
  });
  it("shows the key when the catalog lacks it (visible in review, never blank)", () => {
    expect(renderWith(catalog, msg("nope" as MessageKey), "fr")).toBe("nope");
  });
});

describe("the catalogs", () => {
  const keys = (lang: "fr" | "en") => Object.keys(CATALOGS[lang]).sort();
  it("French and English have the same keys", () => {
    expect(keys("en")).toEqual(keys("fr"));
  });
  it("each key has the same placeholders and positional values in both languages", () => {
    const shape = (lang: "fr" | "en", key: string) => {
      const e = entry(CATALOGS[lang], key);
      const names = Object.keys(e.placeholders ?? {}).map((n) => n.toLowerCase()).sort();
      const used = [...e.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? "").toLowerCase()).sort();
      const contents = Object.values(e.placeholders ?? {}).map((p) => p.content).sort();
      return { names, used: [...new Set(used)], contents };
    };
    for (const key of keys("fr")) {
      const fr = shape("fr", key);
      expect({ key, ...shape("en", key) }).toEqual({ key, ...fr });
      expect({ key, used: fr.used }).toEqual({ key, used: fr.names });
    }
  });
  it("a count has both its forms", () => {
    for (const key of keys("fr").filter((k) => k.endsWith("_one"))) {
      expect(keys("fr")).toContain(key.replace(/_one$/, "_other"));
    }
  });
});
