import { InvalidOptionError } from "../../client/index.js";
import type { AttemptOutcome, Counter, TakeResult, VerificationRecord } from "../types.js";
import {
  CODE_COLUMNS,
  type CodeRow,
  counted,
  fromRow,
  issueParams,
  type SqlVerifyStore,
  tablePrefixProblem,
  why,
} from "./sql-schema.js";

/** A prepared statement: what better-sqlite3 and node:sqlite statements have in common. */
export interface SqliteStatementLike {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): unknown;
}

/** A database handle: a better-sqlite3 `Database` (Node 20+) or a node:sqlite `DatabaseSync` (Node 22.5+, 24). */
export interface SqliteHandle {
  prepare(sql: string): SqliteStatementLike;
  exec(sql: string): void;
}

/** Options of sqliteStore. */
export interface SqliteStoreOptions {
  /** Prefix of the two tables (`<prefix>_codes`, `<prefix>_counters`) and the schema table. @default "smsc_verify" */
  table?: string;
  /** How long a statement waits for another connection's write lock (PRAGMA busy_timeout), in ms. @default 5000 */
  busyTimeoutMs?: number;
}

/** Numbered schema steps; the applied version is kept in `<prefix>_schema`. */
const MIGRATIONS = [
  (t: string) => `
CREATE TABLE ${t}_codes (
  phone TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  digest TEXT NOT NULL,
  channel TEXT NOT NULL,
  sends INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  keep_until INTEGER NOT NULL
);
CREATE TABLE ${t}_counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, reset_at INTEGER NOT NULL);`,
];

/**
 * A store in SQLite for one server (several processes on one file work too: every write takes the database's
 * write lock). Give it an open handle: `new Database(path)` of better-sqlite3 on Node 20, `new DatabaseSync(path)`
 * of node:sqlite on Node 24. Creates its tables on first use. SQLite 3.35+ (for RETURNING).
 */
export function sqliteStore(db: SqliteHandle, options: SqliteStoreOptions = {}): SqlVerifyStore {
  const t = options.table ?? "smsc_verify";
  const bad = tablePrefixProblem(t);
  if (bad) throw new InvalidOptionError("sqliteStore.table", bad);
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  migrate(db, t);
  const q = {
    counter: db.prepare(`SELECT count, reset_at FROM ${t}_counters WHERE key = ?`),
    bump: db.prepare(
      `INSERT INTO ${t}_counters (key, count, reset_at) VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN reset_at <= ? THEN 1 ELSE count + 1 END,
         reset_at = CASE WHEN reset_at <= ? THEN excluded.reset_at ELSE reset_at END`,
    ),
    issue: db.prepare(
      `INSERT INTO ${t}_codes (${CODE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (phone) DO UPDATE SET
         id = excluded.id, digest = excluded.digest, channel = excluded.channel, sends = excluded.sends,
         attempts = CASE WHEN expires_at > ? THEN attempts ELSE excluded.attempts END,
         max_attempts = excluded.max_attempts, expires_at = excluded.expires_at, keep_until = excluded.keep_until`,
    ),
    current: db.prepare(`SELECT * FROM ${t}_codes WHERE phone = ? AND expires_at > ?`),
    attempt: db.prepare(
      `UPDATE ${t}_codes SET attempts = attempts + 1
       WHERE phone = ? AND expires_at > ? AND attempts < max_attempts
       RETURNING id, digest, attempts, max_attempts, channel`,
    ),
    why: db.prepare(`SELECT expires_at, keep_until FROM ${t}_codes WHERE phone = ?`),
    approve: db.prepare(`DELETE FROM ${t}_codes WHERE phone = ? AND id = ?`),
    purgeCodes: db.prepare(`DELETE FROM ${t}_codes WHERE keep_until <= ?`),
    purgeCounters: db.prepare(`DELETE FROM ${t}_counters WHERE reset_at <= ?`),
  };

  // The statements are synchronous, so no other call of this process runs in between; BEGIN IMMEDIATE takes
  // the write lock up front so that other processes wait (busy_timeout) instead of failing to upgrade a read.
  function transaction<R>(fn: () => R): R {
    db.exec("BEGIN IMMEDIATE");
    try {
      const r = fn();
      db.exec("COMMIT");
      return r;
    } catch (err) {
      db.exec("ROLLBACK");
      throw err;
    }
  }

  return {
    async take(counters: readonly Counter[], now: number): Promise<TakeResult> {
      return transaction(() => {
        for (const c of counters) {
          const row = q.counter.get(c.key) as { count: number; reset_at: number } | undefined;
          if (row && Number(row.reset_at) > now && Number(row.count) >= c.limit)
            return { ok: false, key: c.key, retryAt: Number(row.reset_at) };
        }
        for (const c of counters) q.bump.run(c.key, now + c.windowMs, now, now);
        return { ok: true };
      });
    },
    async issue(r: VerificationRecord, now: number): Promise<void> {
      q.issue.run(...issueParams(r, now));
    },
    async current(phone: string, now: number): Promise<VerificationRecord | undefined> {
      const row = q.current.get(phone, now) as CodeRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    async attempt(phone: string, now: number): Promise<AttemptOutcome> {
      const hit = q.attempt.get(phone, now) as Omit<CodeRow, "phone"> | undefined;
      if (hit) return counted(hit);
      return why(q.why.get(phone) as Pick<CodeRow, "expires_at" | "keep_until"> | undefined, now);
    },
    async approve(phone: string, id: string): Promise<boolean> {
      return Number(q.approve.run(phone, id).changes) === 1;
    },
    async purge(now: number): Promise<void> {
      transaction(() => {
        q.purgeCodes.run(now);
        q.purgeCounters.run(now);
      });
    },
  };
}

function migrate(db: SqliteHandle, t: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${t}_schema (version INTEGER NOT NULL)`);
  db.exec("BEGIN IMMEDIATE");
  try {
    const row = db.prepare(`SELECT max(version) AS v FROM ${t}_schema`).get() as { v: number | null };
    for (let v = Number(row.v ?? 0); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!(t));
      db.prepare(`INSERT INTO ${t}_schema (version) VALUES (?)`).run(v + 1);
    }
    db.exec("COMMIT");
  } catch (err) {
    db.exec("ROLLBACK");
    throw err;
  }
}
