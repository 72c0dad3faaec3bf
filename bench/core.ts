/** Figures of the pure core, in Node: INS checks per second, time of the send guard. */
import { median, percentile } from "./statistics.js";
import { checkIns, insKey } from "../src/core/ins/index.js";
import { evaluateSend, type SendInput } from "../src/core/compose/index.js";

export function insInputs(count: number): string[] {
  const out: string[] = [];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const body = `${1 + rand(2)}${String(rand(100)).padStart(2, "0")}${String(1 + rand(12)).padStart(2, "0")}${String(1 + rand(95)).padStart(2, "0")}${String(rand(1000)).padStart(3, "0")}${String(rand(1000)).padStart(3, "0")}`;
    const key = String(insKey(body)).padStart(2, "0");
    const kind = i % 4;
    if (kind === 0) out.push(body + key);
    else if (kind === 1) out.push(`${body.slice(0, 1)} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5, 7)} ${body.slice(7, 10)} ${body.slice(10)} ${key}`);
    else if (kind === 2) out.push(body); // key missing
    else out.push(body + String((Number(key) % 97) + 1).padStart(2, "0")); // wrong key
  }
  return out;
}

export function insChecksPerSecond(): { perSecond: number; total: number } {
  const inputs = insInputs(10_000);
  let valid = 0;
  for (const input of inputs) if (checkIns(input).valid) valid++; // warm-up
  let total = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 1000) {
    for (const input of inputs) if (checkIns(input).valid) valid++;
    total += inputs.length;
    elapsed = performance.now() - start;
  }
  if (valid === 0) throw new Error("no valid INS in the sample");
  return { perSecond: (total / elapsed) * 1000, total };
}

export const TYPICAL_MESSAGE: SendInput = {
  from: "Dr Claire Martin <claire.martin@ch-exemple.mssante.fr>",
  to: ["Marie Durand <255081416802538@patient.mssante.fr>"],
  cc: ["secretariat@ch-exemple.mssante.fr"],
  bcc: [],
  replyTo: [],
  subject: "Vos résultats d'analyse",
  bodyBytes: 4_200,
  attachments: [
    { name: "compte-rendu.pdf", size: 380_000 },
    { name: "ordonnance.pdf", size: 95_000 },
  ],
  customHeaders: [{ name: "X-Mss-Mes", value: "FIN" }],
  returnReceipt: true,
};

export function guardTimes(runs: number): { median: number; p95: number } {
  const settings = { extraSenderDomains: [] };
  for (let i = 0; i < 1000; i++) evaluateSend(TYPICAL_MESSAGE, settings); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    evaluateSend(TYPICAL_MESSAGE, settings);
    times.push(performance.now() - start);
  }
  return { median: median(times), p95: percentile(times, 95) };
}
