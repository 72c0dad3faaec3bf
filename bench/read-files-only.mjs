// The least a command over the same files can do in Node: start, read each file whole from
// disk and print one JSON line about it, without classifying anything. Timed by
// cli-process.ts beside the classifier, it shows how much of the command's wall clock is
// Node's start and the reading alone, and so the best ratio to Sisimai any classifier
// written for Node could reach on this machine.
import { readFileSync } from "node:fs";

let out = "";
for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  out += `${JSON.stringify({ file, bytes: bytes.length })}\n`;
}
process.stdout.write(out);
