/** The repository's files, read as text for the guard tests. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A path relative to the repository, with `/`. */
export function rel(path: string): string {
  return relative(ROOT, path).split(sep).join("/");
}

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

export function readJsonObject(path: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readText(path));
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${path} is not a JSON object`);
  return value as Record<string, unknown>;
}

export function exists(path: string): boolean {
  return existsSync(join(ROOT, path));
}

/** Every file under a folder of the repository, as repository paths, sorted. */
export function listFiles(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : [rel(path)];
    });
  return walk(join(ROOT, folder)).sort();
}
