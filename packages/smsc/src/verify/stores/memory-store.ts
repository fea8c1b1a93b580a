import type { AttemptOutcome, Counter, TakeResult, VerificationRecord, VerifyStore } from "../types.js";

/** Everything a memory store holds, as plain JSON (for a CLI that keeps it in a file between runs). */
export interface MemorySnapshot {
  records: VerificationRecord[];
  counters: Array<{ key: string; count: number; resetAt: number }>;
}

/** A store in this process's memory, with `snapshot()` to save it. */
export interface MemoryStore extends VerifyStore {
  /** The live records and counters. */
  snapshot(now: number): MemorySnapshot;
}

/**
 * A store in memory: for tests and single-process apps. Each method runs to completion without awaiting, so on
 * one event loop it is atomic. Pass a snapshot to start from saved state.
 */
export function memoryStore(from?: MemorySnapshot): MemoryStore {
  const records = new Map<string, VerificationRecord>();
  const counters = new Map<string, { count: number; resetAt: number }>();
  for (const r of from?.records ?? []) records.set(r.phone, { ...r });
  for (const c of from?.counters ?? []) counters.set(c.key, { count: c.count, resetAt: c.resetAt });

  let takes = 0;
  // forget spent counters and records now and then, so a long-running process does not grow without bound
  const sweep = (now: number) => {
    for (const [k, c] of counters) if (c.resetAt <= now) counters.delete(k);
    for (const [k, r] of records) if (r.keepUntil <= now) records.delete(k);
  };
  const live = (phone: string, now: number) => {
    const r = records.get(phone);
    if (r && r.keepUntil <= now) records.delete(phone);
    return r && r.keepUntil > now ? r : undefined;
  };

  return {
    async take(list: readonly Counter[], now: number): Promise<TakeResult> {
      if (++takes % 1024 === 0) sweep(now);
      for (const c of list) {
        const cur = counters.get(c.key);
        if (cur && cur.resetAt > now && cur.count >= c.limit)
          return { ok: false, key: c.key, retryAt: cur.resetAt };
      }
      for (const c of list) {
        const cur = counters.get(c.key);
        if (cur && cur.resetAt > now) cur.count++;
        else counters.set(c.key, { count: 1, resetAt: now + c.windowMs });
      }
      return { ok: true };
    },
    async issue(record: VerificationRecord, now: number): Promise<void> {
      const prev = live(record.phone, now);
      const carried = prev && prev.expiresAt > now ? prev.attempts : record.attempts;
      records.set(record.phone, { ...record, attempts: carried });
    },
    async current(phone: string, now: number): Promise<VerificationRecord | undefined> {
      const r = live(phone, now);
      return r && r.expiresAt > now ? { ...r } : undefined;
    },
    async attempt(phone: string, now: number): Promise<AttemptOutcome> {
      const r = live(phone, now);
      if (!r) return { kind: "unknown" };
      if (r.expiresAt <= now) return { kind: "expired" };
      if (r.attempts >= r.maxAttempts) return { kind: "exhausted" };
      r.attempts++;
      const { id, digest, attempts, maxAttempts, channel } = r;
      return { kind: "counted", id, digest, attempts, maxAttempts, channel };
    },
    async approve(phone: string, id: string): Promise<boolean> {
      if (records.get(phone)?.id !== id) return false;
      records.delete(phone);
      return true;
    },
    snapshot(now: number): MemorySnapshot {
      return {
        records: [...records.values()].filter((r) => r.keepUntil > now).map((r) => ({ ...r })),
        counters: [...counters]
          .filter(([, c]) => c.resetAt > now)
          .map(([key, c]) => ({ key, count: c.count, resetAt: c.resetAt })),
      };
    },
  };
}
