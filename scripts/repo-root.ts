import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The project's root: the nearest folder above the working directory with this package.json. */
export function repoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && readFileSync(pkg, "utf8").includes('"name": "mssante-patient"')) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
