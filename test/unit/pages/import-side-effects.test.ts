/**
 * A page's module (`<page>.ts`, not its `<page>.entry.ts`) does nothing when imported: it
 * touches neither the DOM nor Thunderbird until its `main()` is called (docs/ARCHITECTURE.md).
 * Each module is imported afresh while `document`, `window`, `location`, `messenger`, `browser` and
 * `chrome` are traps that record any read and throw.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const PAGES = join(import.meta.dirname, "../../../src/pages");
const TRAPPED = ["document", "window", "location", "messenger", "browser", "chrome"] as const;

function modules(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".entry.ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

const saved = new Map<string, PropertyDescriptor | undefined>();

/** Sets the traps; returns the names read so far. */
function trap(): string[] {
  const touched: string[] = [];
  for (const name of TRAPPED) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        throw new Error(`${name} read while the module was imported`);
      },
    });
  }
  return touched;
}

afterEach(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor === undefined) Reflect.deleteProperty(globalThis, name);
    else Object.defineProperty(globalThis, name, descriptor);
  }
  saved.clear();
});

describe("importing a page's module", () => {
  const pages = modules(PAGES);

  it("finds the pages' modules, without their entries", () => {
    const names = pages.map((p) => relative(PAGES, p).split("\\").join("/"));
    expect(names).toContain("send-check/send-check.ts");
    expect(names).toContain("compose-popup/popup.ts");
    expect(names.filter((n) => n.endsWith(".entry.ts"))).toEqual([]);
  });

  it("the trap sees a module that does read them on import: a page's entry", async () => {
    vi.resetModules();
    const touched = trap();
    await import(join(PAGES, "send-check/send-check.entry.ts")).catch(() => undefined);
    // The entry's main() runs on a microtask: let it reach the page.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(touched).not.toEqual([]);
  });

  it.each(pages.map((p) => [relative(PAGES, p), p]))("%s touches neither the DOM nor Thunderbird", async (_name, path) => {
    vi.resetModules();
    const touched = trap();
    const module = (await import(path)) as Record<string, unknown>;
    expect(touched).toEqual([]);
    expect(Object.keys(module).length).toBeGreaterThan(0);
  });
});
