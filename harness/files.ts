// File-system helpers shared by the tests that find or copy a Thunderbird (and by the build test).
import { accessSync, constants, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Mirrors `from` into `to`: folders made, files hard-linked (copied across file systems),
 * symlinks kept. Entries named in `skip` are left out at every level.
 */
export function linkTree(from: string, to: string, skip: readonly string[] = []): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (skip.includes(name)) continue;
    const source = join(from, name);
    const target = join(to, name);
    const info = lstatSync(source);
    if (info.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (info.isDirectory()) linkTree(source, target, skip);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}
