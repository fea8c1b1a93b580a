/**
 * Sliding-window counters keyed by string, on an injected clock. Used for the error-9 limits and the per-IP
 * block (spec §3.3); state lives in memory only, so a restart forgets it, as a fresh server process would.
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly clock: () => number,
    /** Window length in ms. */
    private readonly windowMs: number,
  ) {}

  /** Hits of a key still inside the window. */
  count(key: string): number {
    return this.#live(key).length;
  }

  /** Records a hit and returns the number of hits inside the window, this one included. */
  hit(key: string): number {
    const hits = this.#live(key);
    hits.push(this.clock());
    this.#hits.set(key, hits);
    return hits.length;
  }

  /** The time of the latest hit inside the window, if any. */
  last(key: string): number | undefined {
    return this.#live(key).at(-1);
  }

  #live(key: string): number[] {
    const since = this.clock() - this.windowMs;
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > since);
    if (hits.length) this.#hits.set(key, hits);
    else this.#hits.delete(key);
    return hits;
  }
}
