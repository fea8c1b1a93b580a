/**
 * Sliding-window counters keyed by string, on an injected clock. Used for the error-9 limits and the per-IP
 * block (spec §3.3); state lives in memory only, so a restart forgets it, as a fresh server process would.
 * Keys nobody asks about again are swept once per window, so memory stays bounded by the traffic of one window.
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  #sweptAt: number;

  constructor(
    private readonly clock: () => number,
    /** Window length in ms. */
    private readonly windowMs: number,
  ) {
    this.#sweptAt = clock();
  }

  /** Hits of a key still inside the window. */
  count(key: string): number {
    return this.#live(key, this.clock())?.length ?? 0;
  }

  /** Records a hit and returns the number of hits inside the window, this one included. */
  hit(key: string): number {
    const now = this.clock();
    this.#sweep(now);
    const hits = this.#live(key, now);
    if (hits) {
      hits.push(now);
      return hits.length;
    }
    this.#hits.set(key, [now]);
    return 1;
  }

  /** Takes back the latest hit of a key (a request that reserved its place, then did not happen). */
  undo(key: string): void {
    const hits = this.#hits.get(key);
    hits?.pop();
    if (hits?.length === 0) this.#hits.delete(key);
  }

  #live(key: string, now: number): number[] | undefined {
    const hits = this.#hits.get(key);
    if (!hits) return undefined;
    const since = now - this.windowMs;
    let drop = 0;
    while (drop < hits.length && hits[drop]! <= since) drop++;
    if (drop === hits.length) {
      this.#hits.delete(key);
      return undefined;
    }
    if (drop > 0) hits.splice(0, drop);
    return hits;
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < this.windowMs) return;
    this.#sweptAt = now;
    const since = now - this.windowMs;
    for (const [key, hits] of this.#hits) if (hits.at(-1)! <= since) this.#hits.delete(key);
  }
}
