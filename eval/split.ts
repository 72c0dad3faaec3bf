/**
 * The corpus is split once, by the bytes of each file: the first hexadecimal digit of its
 * SHA-256 is 0–7 for the tuning half (look at it, tune on it) and 8–f for the checking half
 * (figures only). The split needs no list: it is computed again from the files each time.
 */
import { createHash } from "node:crypto";

export type Half = "tuning" | "checking";

export const HALVES: readonly Half[] = ["tuning", "checking"];

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The half of a file, from the SHA-256 of its bytes (64 hexadecimal digits). */
export function halfOfHash(sha256: string): Half {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 in lower-case hexadecimal: ${JSON.stringify(sha256)}`);
  return Number.parseInt(sha256.charAt(0), 16) < 8 ? "tuning" : "checking";
}

export function halfOf(bytes: Uint8Array): Half {
  return halfOfHash(sha256Hex(bytes));
}

/** A labelled file as far as the split is concerned. */
export interface HashedLabel {
  readonly file: string;
  readonly sha256: string;
}

/**
 * What is wrong with a labels file meant for one half, given the files' real hashes: a
 * label whose recorded hash is not the file's, a file of the other half, a file labelled
 * twice, a label for a file that is not in the corpus. Empty when all is well.
 */
export function splitProblems(half: Half, labels: readonly HashedLabel[], actual: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label.file)) problems.push(`${label.file}: labelled twice`);
    seen.add(label.file);
    const real = actual.get(label.file);
    if (real === undefined) {
      problems.push(`${label.file}: labelled but not in the corpus`);
      continue;
    }
    if (real !== label.sha256) problems.push(`${label.file}: the label's sha256 is not the file's (${label.sha256.slice(0, 12)}… vs ${real.slice(0, 12)}…)`);
    const other = halfOfHash(real);
    if (other !== half) problems.push(`${label.file}: belongs to the ${other} half, found in the ${half} labels`);
  }
  return problems;
}

/** The files of one half that no label covers. */
export function unlabelled(half: Half, labels: readonly HashedLabel[], actual: ReadonlyMap<string, string>): string[] {
  const labelled = new Set(labels.map((l) => l.file));
  return [...actual.entries()].filter(([file, hash]) => halfOfHash(hash) === half && !labelled.has(file)).map(([file]) => file).sort();
}
