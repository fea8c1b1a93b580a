import type { AttemptOutcome, ChannelName, VerificationRecord, VerifyStore } from "../types.js";

/** Why a table prefix is unusable in SQL, or undefined (it is put into statements, so only [a-z0-9_]). */
export function tablePrefixProblem(prefix: unknown): string | undefined {
  return typeof prefix === "string" && /^[a-z_][a-z0-9_]{0,40}$/.test(prefix)
    ? undefined
    : "must be 1 to 41 of [a-z0-9_], not starting with a digit";
}

/** Row of the codes table, as SQL returns it (pg gives BIGINT as text, hence the unions). */
export interface CodeRow {
  phone: string;
  id: string;
  digest: string;
  channel: string;
  sends: number | string;
  attempts: number | string;
  max_attempts: number | string;
  expires_at: number | string;
  keep_until: number | string;
}

/** The columns of the codes table, in the order the insert statements bind them. */
export const CODE_COLUMNS =
  "phone, id, digest, channel, sends, attempts, max_attempts, expires_at, keep_until" as const;

/** The parameters of an issue statement: the record in CODE_COLUMNS order, then `now` (for the carry-over). */
export function issueParams(r: VerificationRecord, now: number): Array<string | number> {
  const { phone, id, digest, channel, sends, attempts, maxAttempts, expiresAt, keepUntil } = r;
  return [phone, id, digest, channel, sends, attempts, maxAttempts, expiresAt, keepUntil, now];
}

/** A VerifyStore in SQL, with `purge` to delete what has run out. */
export interface SqlVerifyStore extends VerifyStore {
  /** Deletes records past their keep time and counters past their window; call it now and then (e.g. hourly). */
  purge(now: number): Promise<void>;
}

/** A codes row as a record. */
export function fromRow(row: CodeRow): VerificationRecord {
  return {
    phone: row.phone,
    id: row.id,
    digest: row.digest,
    channel: row.channel as ChannelName,
    sends: Number(row.sends),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    expiresAt: Number(row.expires_at),
    keepUntil: Number(row.keep_until),
  };
}

/** The outcome of a conditional UPDATE that matched. */
export function counted(hit: Omit<CodeRow, "phone" | "sends" | "expires_at" | "keep_until">): AttemptOutcome {
  return {
    kind: "counted",
    id: hit.id,
    digest: hit.digest,
    attempts: Number(hit.attempts),
    maxAttempts: Number(hit.max_attempts),
    channel: hit.channel as ChannelName,
  };
}

/** Why a conditional UPDATE matched nothing: no record, an expired one, or one with no attempts left. */
export function why(
  row: Pick<CodeRow, "expires_at" | "keep_until"> | undefined,
  now: number,
): AttemptOutcome {
  if (!row || Number(row.keep_until) <= now) return { kind: "unknown" };
  if (Number(row.expires_at) <= now) return { kind: "expired" };
  return { kind: "exhausted" };
}
