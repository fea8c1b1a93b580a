/** First back-off delay, in milliseconds. */
export const BACKOFF_INITIAL_MS = 500;
/** Largest back-off delay, in milliseconds; also the cap on a server's Retry-After. */
export const BACKOFF_MAX_MS = 8_000;

/**
 * Delay before retry number `retry` (0 for the first retry): exponential from 0.5 s to 8 s, with "equal
 * jitter" (half fixed, half random) so that clients that failed together do not retry together. A server's
 * Retry-After wins when it is longer, capped at 8 s.
 */
export function backoffDelay(retry: number, random: () => number, retryAfterMs?: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** retry);
  const jittered = base / 2 + (base / 2) * random();
  const wanted = retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
  return Math.round(Math.min(BACKOFF_MAX_MS, wanted));
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
