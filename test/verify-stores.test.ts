// Every VerifyStore against its real server (memory; a SQLite file; redis-server through ioredis and through
// node-redis; PostgreSQL through pg): the contract, and 10,000 concurrent checks from several connections (each
// one an app server) that never approve a code twice nor count more attempts than allowed.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  type CheckResult,
  sqliteStore,
  type VerificationRecord,
  Verify,
  type VerifyStore,
} from "smsc/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, root } from "./cli-helpers.js";
import { capturingChannel, openSqlite, SECRET, seeded, storeKinds, testClock } from "./verify-helpers.js";

const HOUR = 3_600_000;
let seq = 0;
/** A fresh namespace (key prefix or table prefix) per test, so tests never see each other's data. */
const ns = () => `v${process.pid}_${++seq}`;

function record(phone: string, over: Partial<VerificationRecord> = {}, now = 1_000_000): VerificationRecord {
  return {
    phone,
    id: "a".repeat(20),
    digest: "d".repeat(64),
    channel: "sms",
    sends: 1,
    attempts: 0,
    maxAttempts: 3,
    expiresAt: now + 600_000,
    keepUntil: now + 600_000 + HOUR,
    ...over,
  };
}

/** Counts results by status. */
function tally(results: CheckResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

for (const kind of storeKinds()) {
  describe(`${kind.name} store`, () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown(), 60_000);

    it("answers unknown, counts attempts, approves once and forgets the code", async () => {
      const s = await kind.open(ns());
      const now = 1_000_000;
      expect(await s.attempt("77011234567", now)).toEqual({ kind: "unknown" });
      await s.issue(record("77011234567"), now);
      expect(await s.current("77011234567", now)).toEqual(record("77011234567"));
      expect(await s.attempt("77011234567", now)).toEqual({
        kind: "counted",
        id: "a".repeat(20),
        digest: "d".repeat(64),
        attempts: 1,
        maxAttempts: 3,
        channel: "sms",
      });
      expect(await s.approve("77011234567", "b".repeat(20))).toBe(false);
      expect(await s.approve("77011234567", "a".repeat(20))).toBe(true);
      expect(await s.approve("77011234567", "a".repeat(20))).toBe(false);
      expect(await s.attempt("77011234567", now)).toEqual({ kind: "unknown" });
      expect(await s.current("77011234567", now)).toBeUndefined();
    });

    it("stops counting at maxAttempts, says expired after the time to live and unknown after the keep time", async () => {
      const s = await kind.open(ns());
      const now = 1_000_000;
      await s.issue(record("77011234567"), now);
      for (let i = 1; i <= 3; i++) expect(await s.attempt("77011234567", now)).toMatchObject({ attempts: i });
      expect(await s.attempt("77011234567", now)).toEqual({ kind: "exhausted" });
      await s.issue(record("77017654321"), now);
      expect(await s.attempt("77017654321", now + 600_000)).toEqual({ kind: "expired" });
      expect(await s.current("77017654321", now + 600_000)).toBeUndefined();
      expect(await s.attempt("77017654321", now + 600_000 + HOUR)).toEqual({ kind: "unknown" });
    });

    it("carries the attempts of a pending code over to its resend, not those of an expired one", async () => {
      const s = await kind.open(ns());
      const now = 1_000_000;
      await s.issue(record("77011234567"), now);
      await s.attempt("77011234567", now);
      await s.attempt("77011234567", now);
      await s.issue(record("77011234567", { id: "b".repeat(20), sends: 2 }, now + 1000), now + 1000);
      expect(await s.current("77011234567", now + 1000)).toMatchObject({
        id: "b".repeat(20),
        attempts: 2,
        sends: 2,
      });
      // the old code's id no longer approves
      expect(await s.approve("77011234567", "a".repeat(20))).toBe(false);
      const later = now + 700_000;
      await s.issue(record("77011234567", { id: "c".repeat(20) }, later), later);
      expect(await s.current("77011234567", later)).toMatchObject({ id: "c".repeat(20), attempts: 0 });
    });

    it("takes counters all or nothing, and opens a window again after it ends", async () => {
      const s = await kind.open(ns());
      const now = 5_000_000;
      const a = { key: "p:1000:7701", limit: 2, windowMs: 1000 };
      const b = { key: "i:1000:10.0.0.1", limit: 1, windowMs: 1000 };
      expect(await s.take([a], now)).toEqual({ ok: true });
      expect(await s.take([a, b], now + 10)).toEqual({ ok: true });
      // a is full now; b too, and a refused take counts in neither
      expect(await s.take([b, a], now + 20)).toEqual({ ok: false, key: b.key, retryAt: now + 10 + 1000 });
      expect(await s.take([a], now + 20)).toEqual({ ok: false, key: a.key, retryAt: now + 1000 });
      const c = { key: "c:1000:KZ", limit: 5, windowMs: 1000 };
      expect(await s.take([c, a], now + 30)).toEqual({ ok: false, key: a.key, retryAt: now + 1000 });
      expect(await s.take([{ ...c, limit: 1 }], now + 40)).toEqual({ ok: true });
      expect(await s.take([a], now + 1000)).toEqual({ ok: true });
      expect(await s.take([a], now + 1001)).toEqual({ ok: true });
      expect(await s.take([a], now + 1002)).toMatchObject({ ok: false });
    });

    describe("10,000 concurrent checks from 4 connections", () => {
      const PHONES = 20;
      const PER_PHONE = 500;
      const MAX = 5;

      async function setup() {
        const space = ns();
        const clock = testClock();
        const { channel, codes } = capturingChannel();
        const servers: Verify[] = [];
        for (let i = 0; i < 4; i++) {
          const store: VerifyStore = await kind.open(space);
          servers.push(
            new Verify({
              store,
              secret: SECRET,
              channels: { sms: channel },
              fallback: ["sms"],
              maxAttempts: MAX,
              resendAfterMs: 0,
              limits: { phone: false, ip: false, prefix: false },
              clock,
              random: seeded(i + 1),
            }),
          );
        }
        const phones = Array.from({ length: PHONES }, (_, i) => `7701${String(1_000_000 + i)}`);
        for (const p of phones) expect((await servers[0]!.start(p)).status).toBe("sent");
        return { servers, phones, codes };
      }

      /** Fires every check at once, round-robin over the servers, and groups the results by phone. */
      async function fire(servers: Verify[], checks: Array<[string, string]>) {
        const results = await Promise.all(
          checks.map(([p, c], i) => servers[i % servers.length]!.check(p, c)),
        );
        const byPhone = new Map<string, CheckResult[]>();
        checks.forEach(([p], i) => {
          byPhone.set(p, [...(byPhone.get(p) ?? []), results[i]!]);
        });
        return byPhone;
      }

      it("approve each issued code exactly once when all carry the right code", async () => {
        const { servers, phones, codes } = await setup();
        const checks = phones.flatMap((p) =>
          Array.from({ length: PER_PHONE }, () => [p, codes.get(p)!] as [string, string]),
        );
        expect(checks).toHaveLength(10_000);
        const byPhone = await fire(servers, shuffle(checks));
        let approved = 0;
        for (const p of phones) {
          const t = tally(byPhone.get(p)!);
          expect(t.approved, p).toBe(1);
          expect(t["wrong-code"] ?? 0).toBe(0);
          approved += t.approved!;
        }
        expect(approved).toBe(PHONES);
      }, 120_000);

      it("count exactly maxAttempts wrong guesses per code, and then refuse even the right one", async () => {
        const { servers, phones, codes } = await setup();
        const checks = phones.flatMap((p) =>
          Array.from({ length: PER_PHONE }, (_, i) => [p, wrongCode(codes.get(p)!, i)] as [string, string]),
        );
        const byPhone = await fire(servers, shuffle(checks));
        for (const p of phones) {
          const t = tally(byPhone.get(p)!);
          expect(t, p).toEqual({ "wrong-code": MAX, "too-many-attempts": PER_PHONE - MAX });
          expect(await servers[1]!.check(p, codes.get(p)!)).toEqual({ status: "too-many-attempts" });
        }
      }, 120_000);

      it("with right and wrong codes mixed, approve at most once and count at most maxAttempts", async () => {
        const { servers, phones, codes } = await setup();
        const checks = phones.flatMap((p) =>
          Array.from(
            { length: PER_PHONE },
            (_, i) => [p, i % 50 === 0 ? codes.get(p)! : wrongCode(codes.get(p)!, i)] as [string, string],
          ),
        );
        const byPhone = await fire(servers, shuffle(checks));
        for (const p of phones) {
          const t = tally(byPhone.get(p)!);
          expect(t.approved ?? 0, p).toBeLessThanOrEqual(1);
          expect((t.approved ?? 0) + (t["wrong-code"] ?? 0), p).toBeLessThanOrEqual(MAX);
        }
      }, 120_000);
    });
  });
}

describe("sqlite store across processes", () => {
  beforeAll(ensureBuilt, 180_000);

  it("4 processes × 2,500 concurrent checks on one file: each code approved once, maxAttempts counted exactly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-verify-procs-"));
    const path = join(dir, "verify.db");
    const db = openSqlite(path);
    try {
      db.exec("PRAGMA journal_mode = WAL");
      const { channel, codes } = capturingChannel();
      const v = new Verify({
        store: sqliteStore(db, { table: "procs" }),
        secret: SECRET,
        channels: { sms: channel },
        fallback: ["sms"],
        limits: { phone: false, ip: false, prefix: false },
        resendAfterMs: 0,
      });
      // 10 phones get only their right code, 10 only wrong ones, 500 checks each, spread over the processes
      const right = Array.from({ length: 10 }, (_, i) => `7701${String(3_000_000 + i)}`);
      const wrong = Array.from({ length: 10 }, (_, i) => `7701${String(4_000_000 + i)}`);
      for (const p of [...right, ...wrong]) await v.start(p);
      const checks = shuffle([
        ...right.flatMap((p) => Array.from({ length: 500 }, () => [p, codes.get(p)!])),
        ...wrong.flatMap((p) => Array.from({ length: 500 }, (_, i) => [p, wrongCode(codes.get(p)!, i)])),
      ]);
      const startAt = Date.now() + 1500;
      const worker = join(root, "test/verify-sqlite-worker.mjs");
      const parts = [0, 1, 2, 3].map((w) => checks.filter((_, i) => i % 4 === w));
      const outputs = await Promise.all(
        parts.map((part) =>
          promisify(execFile)(
            process.execPath,
            [worker, path, "procs", SECRET, String(startAt), JSON.stringify(part)],
            { cwd: root, maxBuffer: 1 << 24 },
          ),
        ),
      );
      const statuses = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
      const all = parts.flat();
      const byPhone = new Map<string, string[]>();
      all.forEach(([p], i) => {
        byPhone.set(p!, [...(byPhone.get(p!) ?? []), statuses[i]!]);
      });
      for (const p of right)
        expect(
          byPhone.get(p)!.filter((s) => s === "approved"),
          p,
        ).toHaveLength(1);
      for (const p of wrong)
        expect(
          byPhone.get(p)!.filter((s) => s === "wrong-code"),
          p,
        ).toHaveLength(5);
      expect(statuses).toHaveLength(10_000);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** A code of the same length that is not `code` (the n-th of many). */
function wrongCode(code: string, n: number): string {
  const c = String((Number(code) + 1 + (n % 999_998)) % 1_000_000).padStart(code.length, "0");
  return c === code ? String((Number(c) + 1) % 1_000_000).padStart(code.length, "0") : c;
}

/** Fisher–Yates with a fixed seed, so concurrent checks of one phone are spread over the whole burst. */
function shuffle<T>(list: T[]): T[] {
  const r = seeded(7);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
