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

/** What `pg`'s Pool and Client have in common: one parameterised query at a time, no session state needed. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** Options of postgresStore. */
export interface PostgresStoreOptions {
  /** Prefix of the tables (`<prefix>_codes`, `<prefix>_counters`, `<prefix>_schema`) and the function `<prefix>_take`. @default "smsc_verify" */
  table?: string;
}

/** Numbered schema steps, applied in order under an advisory lock; the version is kept in `<prefix>_schema`. */
const MIGRATIONS = [
  (t: string) => `
    CREATE TABLE ${t}_codes (
      phone text PRIMARY KEY,
      id text NOT NULL,
      digest text NOT NULL,
      channel text NOT NULL,
      sends integer NOT NULL,
      attempts integer NOT NULL,
      max_attempts integer NOT NULL,
      expires_at bigint NOT NULL,
      keep_until bigint NOT NULL
    );
    CREATE TABLE ${t}_counters (key text PRIMARY KEY, count bigint NOT NULL, reset_at bigint NOT NULL);
    -- all or nothing: lock every counter (in key order, so two takes cannot deadlock), check, then count
    CREATE FUNCTION ${t}_take(p_keys text[], p_limits bigint[], p_windows bigint[], p_now bigint)
    RETURNS TABLE (ok boolean, full_key text, retry_at bigint) LANGUAGE plpgsql AS $fn$
    DECLARE
      i integer;
      c_count bigint;
      c_reset bigint;
    BEGIN
      INSERT INTO ${t}_counters (key, count, reset_at)
        SELECT k, 0, 0 FROM unnest(p_keys) AS k ORDER BY k ON CONFLICT (key) DO NOTHING;
      PERFORM 1 FROM ${t}_counters WHERE key = ANY (p_keys) ORDER BY key FOR UPDATE;
      FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
        SELECT c.count, c.reset_at INTO c_count, c_reset FROM ${t}_counters AS c WHERE c.key = p_keys[i];
        IF c_reset > p_now AND c_count >= p_limits[i] THEN
          RETURN QUERY SELECT false, p_keys[i], c_reset;
          RETURN;
        END IF;
      END LOOP;
      UPDATE ${t}_counters AS c SET
        count = CASE WHEN c.reset_at <= p_now THEN 1 ELSE c.count + 1 END,
        reset_at = CASE WHEN c.reset_at <= p_now THEN p_now + a.w ELSE c.reset_at END
      FROM unnest(p_keys, p_windows) AS a (k, w) WHERE c.key = a.k;
      RETURN QUERY SELECT true, NULL::text, NULL::bigint;
    END
    $fn$;`,
];

/**
 * A store in PostgreSQL, for many servers. Give it a `pg` Pool (or Client); every operation is one statement,
 * so a Pool's connections need no session state. Creates its tables and function on first use, safely when
 * several servers start at once.
 * @example
 * ```ts
 * import pg from "pg";
 * const store = await postgresStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * ```
 */
export async function postgresStore(
  db: PgQueryable,
  options: PostgresStoreOptions = {},
): Promise<SqlVerifyStore> {
  const t = options.table ?? "smsc_verify";
  const bad = tablePrefixProblem(t);
  if (bad) throw new InvalidOptionError("postgresStore.table", bad);
  await db.query(migrationBlock(t));
  const sql = {
    take: `SELECT ok, full_key, retry_at FROM ${t}_take($1::text[], $2::bigint[], $3::bigint[], $4::bigint)`,
    issue: `INSERT INTO ${t}_codes AS c (${CODE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (phone) DO UPDATE SET
        id = EXCLUDED.id, digest = EXCLUDED.digest, channel = EXCLUDED.channel, sends = EXCLUDED.sends,
        attempts = CASE WHEN c.expires_at > $10 THEN c.attempts ELSE EXCLUDED.attempts END,
        max_attempts = EXCLUDED.max_attempts, expires_at = EXCLUDED.expires_at, keep_until = EXCLUDED.keep_until`,
    current: `SELECT * FROM ${t}_codes WHERE phone = $1 AND expires_at > $2`,
    // The UPDATE re-checks its WHERE on the newest row version after waiting for a concurrent one (READ
    // COMMITTED), so attempts never pass max_attempts; the second branch only says why nothing matched.
    attempt: `WITH hit AS (
        UPDATE ${t}_codes SET attempts = attempts + 1
        WHERE phone = $1 AND expires_at > $2 AND attempts < max_attempts
        RETURNING id, digest, attempts, max_attempts, channel
      )
      SELECT true AS hit, id, digest, attempts, max_attempts, channel, NULL::bigint AS expires_at, NULL::bigint AS keep_until FROM hit
      UNION ALL
      SELECT false, NULL, NULL, NULL, NULL, NULL, expires_at, keep_until FROM ${t}_codes
      WHERE phone = $1 AND NOT EXISTS (SELECT 1 FROM hit)`,
    approve: `DELETE FROM ${t}_codes WHERE phone = $1 AND id = $2`,
  };

  return {
    async take(counters: readonly Counter[], now: number): Promise<TakeResult> {
      const { rows } = await db.query(sql.take, [
        counters.map((c) => c.key),
        counters.map((c) => c.limit),
        counters.map((c) => c.windowMs),
        now,
      ]);
      const r = rows[0] as { ok: boolean; full_key: string | null; retry_at: string | null };
      return r.ok ? { ok: true } : { ok: false, key: r.full_key!, retryAt: Number(r.retry_at) };
    },
    async issue(r: VerificationRecord, now: number): Promise<void> {
      await db.query(sql.issue, issueParams(r, now));
    },
    async current(phone: string, now: number): Promise<VerificationRecord | undefined> {
      const { rows } = await db.query(sql.current, [phone, now]);
      return rows[0] ? fromRow(rows[0] as CodeRow) : undefined;
    },
    async attempt(phone: string, now: number): Promise<AttemptOutcome> {
      const { rows } = await db.query(sql.attempt, [phone, now]);
      const r = rows[0] as (CodeRow & { hit: boolean }) | undefined;
      return r?.hit ? counted(r) : why(r, now);
    },
    async approve(phone: string, id: string): Promise<boolean> {
      return (await db.query(sql.approve, [phone, id])).rowCount === 1;
    },
    async purge(now: number): Promise<void> {
      await db.query(
        `WITH a AS (DELETE FROM ${t}_codes WHERE keep_until <= $1) DELETE FROM ${t}_counters WHERE reset_at <= $1`,
        [now],
      );
    },
  };
}

/** One DO block: takes an advisory lock for the transaction, then applies the steps not applied yet. */
function migrationBlock(t: string): string {
  const steps = MIGRATIONS.map(
    (m, i) => `
  IF coalesce((SELECT max(version) FROM ${t}_schema), 0) < ${i + 1} THEN
    ${m(t)}
    INSERT INTO ${t}_schema (version) VALUES (${i + 1});
  END IF;`,
  ).join("");
  return `DO $migrate$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${t}_schema'));
  CREATE TABLE IF NOT EXISTS ${t}_schema (version integer NOT NULL);${steps}
END
$migrate$;`;
}
