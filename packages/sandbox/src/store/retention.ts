import type { SqliteDatabase } from "./sqlite.js";

/** A retention policy: how many messages an account keeps, and for how long. */
export interface RetentionPolicy {
  /** Keep at most this many messages (and incoming SMS) per account; older ones are pruned. */
  maxMessages?: number;
  /** Prune messages (and incoming SMS) created more than this many ms ago. */
  maxAgeMs?: number;
}

/** Retention pruning: the only code that deletes messages for good. */
export interface RetentionQueries {
  /**
   * Deletes an account's (or every account's) messages and incoming SMS beyond the policy. Returns the number of
   * messages deleted. Deleted messages answer status -3, as on a service that no longer has them.
   */
  prune(policy: RetentionPolicy, now: number, accountId?: number): number;
}

/** Prepares the pruning statements on an open database. */
export function createRetentionQueries(db: SqliteDatabase): RetentionQueries {
  const q = {
    accounts: db.prepare("SELECT id FROM accounts"),
    overCount: db.prepare(
      `DELETE FROM messages WHERE account_id = @id AND row_id NOT IN
         (SELECT row_id FROM messages WHERE account_id = @id ORDER BY row_id DESC LIMIT @keep)`,
    ),
    overCountIncoming: db.prepare(
      `DELETE FROM incoming WHERE account_id = @id AND id NOT IN
         (SELECT id FROM incoming WHERE account_id = @id ORDER BY id DESC LIMIT @keep)`,
    ),
    tooOld: db.prepare(
      `DELETE FROM messages WHERE account_id = @id AND send_id IN
         (SELECT id FROM sends WHERE account_id = @id AND created_at < @before)`,
    ),
    // sends whose every recipient is gone go too, with their search documents (trigger)
    orphanSends: db.prepare(
      `DELETE FROM sends WHERE account_id = @id AND first_row + rows - 1 <
         (SELECT coalesce(min(row_id), 9007199254740991) FROM messages WHERE account_id = @id)`,
    ),
    tooOldIncoming: db.prepare("DELETE FROM incoming WHERE account_id = ? AND received_at < ?"),
  };
  const prune = db.transaction((policy: RetentionPolicy, now: number, accountId?: number) => {
    const ids =
      accountId === undefined ? (q.accounts.all() as Array<{ id: number }>).map((r) => r.id) : [accountId];
    let deleted = 0;
    for (const id of ids) {
      if (policy.maxMessages !== undefined) {
        deleted += q.overCount.run({ id, keep: policy.maxMessages }).changes;
        q.overCountIncoming.run({ id, keep: policy.maxMessages });
      }
      if (policy.maxAgeMs !== undefined) {
        deleted += q.tooOld.run({ id, before: now - policy.maxAgeMs }).changes;
        q.tooOldIncoming.run(id, now - policy.maxAgeMs);
      }
      q.orphanSends.run({ id });
    }
    return deleted;
  });
  return { prune: (policy, now, accountId) => prune(policy, now, accountId) };
}
