// How big the reliability runs are: CI scale by default, full scale with SMSC_SOAK=1 (`npm run soak`). Every run is
// bounded in count and time, talks to 127.0.0.1 only and stops what it starts.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Whether this is the full-scale soak run. */
export const SOAK = process.env.SMSC_SOAK === "1";

/** Fuzz cases per target; the targets add up to 20,000 in CI and 500,000 in the soak run. */
const FUZZ = {
  parsers: 12_000,
  sys: 3_000,
  api: 1_500,
  smtp: 1_500,
  smpp: 2_000,
} as const;

/** The figures of one run. */
export const SCALE = {
  /** SDK sends through the lossy proxy in each of two runs, one host and failover (2,000 in all in CI). */
  sends: SOAK ? 10_000 : 1_000,
  /** kill -9 / restart cycles. */
  killCycles: SOAK ? 10 : 3,
  /** Sends acknowledged in each kill cycle before the kill. */
  acksPerCycle: SOAK ? 400 : 150,
  /** Fuzz cases per target. */
  fuzz: Object.fromEntries(Object.entries(FUZZ).map(([k, n]) => [k, SOAK ? n * 25 : n])) as Record<
    keyof typeof FUZZ,
    number
  >,
  /** Connections and seconds of the load run. */
  loadConnections: 200,
  loadSeconds: SOAK ? 60 : 10,
} as const;

/** A test's time limit: generous at either scale, since the machine is shared. */
export function timeLimit(ciMs: number): number {
  return SOAK ? ciMs * 40 : ciMs;
}

/** The seed of this run's randomness (SMSC_SOAK_SEED to repeat one), printed with every report. */
export const SEED = Number(process.env.SMSC_SOAK_SEED ?? Date.now() % 2 ** 31);

/** A seeded uniform generator in [0, 1) (mulberry32): runs are repeatable from their printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "../../.tmp/reliability.jsonl");

/**
 * Prints one run's figures (`reliability <name> {…}`) and appends them to .tmp/reliability.jsonl, from which
 * docs/reliability.md is written after `npm run soak`.
 */
export function report(name: string, figures: Record<string, unknown>): void {
  const line = {
    name,
    soak: SOAK,
    seed: SEED,
    at: new Date().toISOString(),
    node: process.version,
    ...figures,
  };
  console.log(`reliability ${name} ${JSON.stringify(line)}`);
  mkdirSync(dirname(RESULTS), { recursive: true });
  appendFileSync(RESULTS, `${JSON.stringify(line)}\n`);
}
