// Loads a built command the way its launcher does and prints whether V8 took its code cache
// (run as a separate process by code-cache.test.ts: the engine's flags are the process's).
import { pathToFileURL } from "node:url";
import { loadCommand } from "../../../../src/cli/code-cache.js";

const launcher = process.argv[2];
if (launcher === undefined) throw new Error("usage: code-cache-probe.ts LAUNCHER");
const command = loadCommand(pathToFileURL(launcher));
process.stdout.write(JSON.stringify({ cacheUsed: command.cacheUsed }));
