// smsc/verify checks per second for each store, beside that store's own raw counter in the same run: a Map
// increment (memory), a raw UPDATE … SET n = n + 1 (SQLite, PostgreSQL), a raw INCR (Redis). Every check is a
// wrong code, so each one is a counted attempt (the brute-force path): one store round trip and one HMAC.
// redis-server and PostgreSQL run in their own processes with their default settings, on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { memoryStore, postgresStore, redisStore, sqliteStore, Verify } from "smsc/verify";
import { startPostgres, startRedis } from "./db-servers.mjs";
import { report } from "./lib.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = 32;
const PHONES = 1000;
const require = createRequire(import.meta.url);

/** Runs `fn` from CONCURRENCY workers for SECONDS (after a short warm-up) and returns calls per second. */
async function throughput(fn, concurrency = CONCURRENCY) {
  const loop = async (end, count) => {
    while (performance.now() < end) {
      await fn();
      count.n++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => loop(performance.now() + 300, { n: 0 })));
  const count = { n: 0 };
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(Array.from({ length: concurrency }, () => loop(end, count)));
  return (count.n * 1000) / (performance.now() - start);
}

/**
 * A Verify over `store` with PHONES pending codes that take up to 1000 attempts each; returns a wrong check and
 * the store's own atomic attempt alone (no HMAC), which are measured separately.
 */
async function prepared(store) {
  const channel = { name: "sms", deliver: async ({ code }) => ({ code }) };
  const v = new Verify({
    store,
    secret: "bench-secret-0123456789abcdefghij",
    channels: { sms: channel },
    fallback: ["sms"],
    maxAttempts: 1000,
    resendAfterMs: 0,
    limits: { phone: false, ip: false, prefix: false },
  });
  const phones = Array.from({ length: PHONES }, (_, i) => `7701${String(2_000_000 + i)}`);
  for (const p of phones) await v.start(p);
  let i = 0;
  let j = 0;
  return {
    // a letter never matches a digit code: every check is a counted wrong attempt
    check: () => v.check(phones[i++ % PHONES], "x00000"),
    attempt: () => store.attempt(phones[j++ % PHONES], Date.now()),
  };
}

/** Measures baseline, check, attempt, baseline in turn and prints check and attempt beside the baseline. */
async function measure(name, { check, attempt }, baseline, baselineName, concurrency) {
  const b1 = await throughput(baseline, concurrency);
  const c = await throughput(check, concurrency);
  const a = await throughput(attempt, concurrency);
  const b2 = await throughput(baseline, concurrency);
  report(`verify.check(), ${name}`, c, baselineName, (b1 + b2) / 2, "ops/s");
  report(`  store.attempt() alone`, a, baselineName, (b1 + b2) / 2, "ops/s");
}

const cleanup = [];
try {
  {
    const counters = new Map();
    let k = 0;
    await measure(
      "memory",
      await prepared(memoryStore()),
      async () => {
        const key = `p${k++ % PHONES}`;
        counters.set(key, (counters.get(key) ?? 0) + 1);
      },
      "Map increment",
      CONCURRENCY,
    );
  }

  {
    const dir = mkdtempSync(join(tmpdir(), "smsc-bench-sqlite-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const node24 = Number(process.versions.node.split(".")[0]) >= 24;
    const open = (p) =>
      node24 ? new (require("node:sqlite").DatabaseSync)(p) : new (require("better-sqlite3"))(p);
    const db = open(join(dir, "verify.db"));
    cleanup.unshift(() => db.close());
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("CREATE TABLE raw (k TEXT PRIMARY KEY, n INTEGER NOT NULL)");
    const ins = db.prepare("INSERT INTO raw (k, n) VALUES (?, 0)");
    for (let i = 0; i < PHONES; i++) ins.run(`p${i}`);
    const bump = db.prepare("UPDATE raw SET n = n + 1 WHERE k = ?");
    let k = 0;
    await measure(
      `SQLite (${node24 ? "node:sqlite" : "better-sqlite3"}, WAL)`,
      await prepared(sqliteStore(db)),
      async () => bump.run(`p${k++ % PHONES}`),
      "raw UPDATE",
      CONCURRENCY,
    );
  }

  {
    const server = await startRedis({ persistence: true });
    cleanup.unshift(() => server.stop());
    const client = new Redis(server.port, "127.0.0.1");
    cleanup.unshift(() => client.quit());
    let k = 0;
    await measure(
      "Redis (ioredis, Lua)",
      await prepared(redisStore(client)),
      () => client.incr(`raw:${k++ % PHONES}`),
      "raw INCR",
      CONCURRENCY,
    );
  }

  {
    const server = await startPostgres({ durable: true });
    cleanup.unshift(() => server.stop());
    const pool = new pg.Pool({ connectionString: server.connectionString, max: 8 });
    pool.on("error", () => {});
    cleanup.unshift(() => pool.end());
    await pool.query("CREATE TABLE raw (k text PRIMARY KEY, n bigint NOT NULL)");
    await pool.query(`INSERT INTO raw SELECT 'p' || i, 0 FROM generate_series(0, ${PHONES - 1}) AS i`);
    let k = 0;
    await measure(
      "PostgreSQL (pg, 8 connections)",
      await prepared(await postgresStore(pool)),
      () => pool.query("UPDATE raw SET n = n + 1 WHERE k = $1", [`p${k++ % PHONES}`]),
      "raw UPDATE",
      CONCURRENCY,
    );
  }
} finally {
  for (const f of cleanup) await f();
}
