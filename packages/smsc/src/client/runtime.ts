/** Waits and tells the time; injectable so tests can observe back-off without real delays. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: Date.now and setTimeout. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** A uniform number in [0, 1) from the platform's cryptographic generator (web standard). */
export function cryptoRandom(): number {
  // one getRandomValues call per 256 draws: a call costs about as much as a small send's whole encoding, and a
  // message id takes a draw per character
  if (poolAt === pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  return pool[poolAt++]! / 0x1_0000_0000;
}

/** Random 32-bit words drawn ahead, and how many of them are used. */
const pool = new Uint32Array(256);
let poolAt = pool.length;

/** Reads an environment variable where `process.env` exists (Node, Bun, Deno with --allow-env); else undefined. */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  try {
    const v = proc?.env?.[name];
    return v === undefined || v === "" ? undefined : v;
  } catch {
    // Deno without --allow-env throws on access
    return undefined;
  }
}
