import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffDelay, parseRetryAfter } from "./backoff.js";

describe("backoffDelay", () => {
  it("doubles from 0.5 s to the 8 s cap, jitter within the upper half", () => {
    expect([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, () => 0))).toEqual([
      250, 500, 1000, 2000, 4000, 4000,
    ]);
    expect([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, () => 0.999999))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
  });

  it("honours a longer Retry-After, capped", () => {
    expect(backoffDelay(0, () => 0, 3000)).toBe(3000);
    expect(backoffDelay(0, () => 0, 60_000)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(2, () => 0, 10)).toBe(1000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
  });
});
