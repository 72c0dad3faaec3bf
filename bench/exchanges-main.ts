/**
 * Prints the exchanges view's figures alone (a real headless Thunderbird, 10,000 messages):
 *
 *   node scripts/build.mjs && node scripts/run-ts.mjs bench/exchanges-main.ts [--total N] [--runs N] [--patients N]
 */
import { exchangesFigures, exchangesLines, type ExchangesOptions } from "./exchanges.js";

const args = process.argv.slice(2);
const value = (flag: string): number | undefined => {
  const i = args.indexOf(flag);
  return i === -1 || args[i + 1] === undefined ? undefined : Number(args[i + 1]);
};
const total = value("--total");
const runs = value("--runs");
const patients = value("--patients");
const options: ExchangesOptions = {
  progress: (note) => process.stderr.write(`… ${note}\n`),
  ...(total !== undefined ? { total } : {}),
  ...(runs !== undefined ? { runs } : {}),
  ...(patients !== undefined ? { patients } : {}),
};
const figures = await exchangesFigures(options);
for (const [label, text, aim] of exchangesLines(figures)) console.log(`${label.padEnd(52)} ${text.padStart(16)}  ${aim}`);
console.log(`counts shown: ${figures.counts}`);
