import { PLAIN, type Style } from "../style.js";

/** Where a progress bar draws: a terminal's stderr. */
export interface ProgressStream {
  write(s: string): unknown;
  columns?: number;
}

/** A one-line progress bar with rate and ETA, redrawn at most every `intervalMs`. */
export class ProgressBar {
  readonly #out: ProgressStream;
  readonly #total: number;
  readonly #start: number;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #style: Style;
  #last = 0;
  #done = 0;
  #startDone = 0;

  constructor(
    out: ProgressStream,
    total: number,
    opts: { now?: () => number; intervalMs?: number; already?: number; style?: Style } = {},
  ) {
    this.#out = out;
    this.#total = total;
    this.#now = opts.now ?? Date.now;
    this.#intervalMs = opts.intervalMs ?? 100;
    this.#style = opts.style ?? PLAIN;
    this.#start = this.#now();
    this.#done = this.#startDone = opts.already ?? 0;
  }

  /** Adds finished rows and redraws when due. */
  tick(rows: number): void {
    this.#done += rows;
    const now = this.#now();
    if (now - this.#last >= this.#intervalMs || this.#done >= this.#total) {
      this.#last = now;
      this.#out.write(`\r${this.line(now)}\x1b[K`);
    }
  }

  /** The bar's text at a moment. */
  line(now = this.#now()): string {
    const frac = this.#total ? Math.min(1, this.#done / this.#total) : 1;
    const width = Math.max(10, Math.min(30, (this.#out.columns ?? 80) - 60));
    const filled = Math.round(frac * width);
    const secs = (now - this.#start) / 1000;
    const rate = secs > 0 ? (this.#done - this.#startDone) / secs : 0;
    const eta = rate > 0 ? (this.#total - this.#done) / rate : Number.NaN;
    const bar = this.#style.green("#".repeat(filled)) + this.#style.dim(".".repeat(width - filled));
    return `[${bar}] ${this.#done}/${this.#total} rows ${Math.floor(frac * 100)}% ${Math.round(rate)} rows/s ETA ${duration(eta)}`;
  }

  /** Erases the bar. */
  clear(): void {
    this.#out.write("\r\x1b[K");
  }
}

/** "1h02m", "3m07s", "12s", or "?" when unknown. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}
