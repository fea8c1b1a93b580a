/** A min-heap of timed entries, first in first out among equal times: the lifecycle's queue of changes. */
export class Schedule<T> {
  readonly #heap: Array<{ at: number; seq: number; item: T }> = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** The time of the earliest entry, or Infinity. */
  get next(): number {
    return this.#heap[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  push(at: number, item: T): void {
    const h = this.#heap;
    const entry = { at, seq: this.#seq++, item };
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(entry, h[p]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  /** Removes and returns the entries due by `now`, earliest first. */
  due(now: number): Array<{ at: number; item: T }> {
    const out: Array<{ at: number; seq: number; item: T }> = [];
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now) out.push(this.#pop());
    return out;
  }

  clear(): void {
    this.#heap.length = 0;
  }

  #pop(): { at: number; seq: number; item: T } {
    const h = this.#heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
