import type { SqliteDatabase } from "./sqlite.js";

/**
 * A task group of an account (ping.php, api-surface §11): who is told, and the two templates, in which `{NAME}`,
 * `{HOST}` and `{INFO}` are replaced by the request's values.
 */
export interface TaskGroup {
  /** The group's id, the "ID" column of the service's task groups. */
  id: number;
  /** Recipients' numbers, comma-separated. */
  phones: string;
  /** The text sent with `ok=0` (something failed). */
  failure: string;
  /** The text sent with `ok=1` (it recovered). */
  recovery: string;
  /** Sender name; undefined: the account's default. */
  sender?: string;
}

/** The task-group queries. */
export interface TaskGroupQueries {
  /** Creates or replaces an account's group. */
  put(accountId: number, group: TaskGroup): void;
  get(accountId: number, id: number): TaskGroup | undefined;
  list(accountId: number): TaskGroup[];
}

interface Row {
  id: number;
  phones: string;
  failure: string;
  recovery: string;
  sender: string | null;
}

const toGroup = (r: Row): TaskGroup => ({
  id: r.id,
  phones: r.phones,
  failure: r.failure,
  recovery: r.recovery,
  ...(r.sender !== null ? { sender: r.sender } : {}),
});

/** Prepares the task-group statements. */
export function createTaskGroupQueries(db: SqliteDatabase): TaskGroupQueries {
  const put = db.prepare(
    `INSERT INTO task_groups (account_id, id, phones, failure, recovery, sender) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, id) DO UPDATE SET phones = excluded.phones, failure = excluded.failure,
       recovery = excluded.recovery, sender = excluded.sender`,
  );
  const get = db.prepare(
    "SELECT id, phones, failure, recovery, sender FROM task_groups WHERE account_id = ? AND id = ?",
  );
  const list = db.prepare(
    "SELECT id, phones, failure, recovery, sender FROM task_groups WHERE account_id = ? ORDER BY id",
  );
  return {
    put: (accountId, g) => {
      put.run(accountId, g.id, g.phones, g.failure, g.recovery, g.sender ?? null);
    },
    get(accountId, id) {
      const r = get.get(accountId, id) as Row | undefined;
      return r ? toGroup(r) : undefined;
    },
    list: (accountId) => (list.all(accountId) as Row[]).map(toGroup),
  };
}
