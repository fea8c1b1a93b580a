import type { Message } from "./records.js";
import { type Delays, fromMinor, MESSAGE_COLUMNS, type MessageRow, toMessage, toMinor } from "./rows.js";
import type { SqliteDatabase } from "./sqlite.js";

/** What undelivered messages of a run get (jobs.php mes2, sender2, fl[5]). */
export interface JobFollow {
  /** SMS text sent instead, to the numbers a run could not reach. */
  mes2?: string;
  /** Sender name of those messages. */
  sender2?: string;
  /** fl[5]=1: repeat undelivered messages automatically. */
  auto: boolean;
}

/** A stored mailing (jobs.php). */
export interface StoredJob {
  id: number;
  accountId: number;
  name: string;
  /** The send.php parameters of each run. */
  params: Record<string, string>;
  rpt: number;
  /** Repeats after the first run; undefined: no limit. */
  rptn?: number;
  follow?: JobFollow;
  /** 0 waiting, 1 done, 2 cancelled. */
  status: number;
  createdAt: number;
  firstAt: number;
  /** The next run's time; undefined when none is due. */
  nextAt?: number;
  runs: number;
  /** Messages its runs produced, and what they cost. */
  cnt: number;
  cost: number;
}

/** One run of a mailing, or a follow-up of its undelivered messages. */
export interface JobRun {
  id: number;
  jobId: number;
  run: number;
  kind: "run" | "follow";
  at: number;
  sendId?: number;
  cnt: number;
  cost: number;
  /** The send.php error of a refused run. */
  error?: number;
  followAt?: number;
}

/** A new mailing. */
export type NewJob = Pick<
  StoredJob,
  "accountId" | "name" | "params" | "rpt" | "rptn" | "follow" | "firstAt"
> & {
  createdAt: number;
};

/** The mailings' SQL. */
export interface JobQueries {
  add(job: NewJob): StoredJob;
  get(accountId: number, id: number): StoredJob | undefined;
  /** Any account's mailing (the scheduler's and the inspection API's). */
  byId(id: number): StoredJob | undefined;
  /** An account's mailings (all accounts' when undefined) created in [from, to), newest first. */
  list(filter: { accountId?: number; from?: number; to?: number; limit?: number }): StoredJob[];
  /** Sets the status and the next run's time (undefined: none). */
  setState(id: number, status: number, nextAt: number | undefined): void;
  /** Marks a mailing deleted: no longer listed, no further runs. */
  remove(accountId: number, id: number, at: number): boolean;
  /** Records a run and the mailing's next state in one transaction. */
  recordRun(
    run: Omit<JobRun, "id">,
    next?: { status: number; nextAt: number | undefined; runs: number },
  ): JobRun;
  /** Clears a run's follow-up time (it has been handled). */
  followed(runId: number): void;
  /** The runs of a mailing, oldest first. */
  runs(jobId: number): JobRun[];
  /** When the earliest run or follow-up is due, or undefined. */
  nextDue(): number | undefined;
  /** Mailings whose next run is due by `now`, earliest first. */
  due(now: number): StoredJob[];
  /** Runs whose follow-up is due by `now`, earliest first. */
  followUps(now: number): JobRun[];
  /** The messages of a stored send, as they are at the store's clock. */
  sendMessages(sendId: number): Message[];
  /** The send a message row belongs to. */
  sendOfRow(rowId: number): number | undefined;
}

interface JobRow {
  id: number;
  account_id: number;
  name: string;
  params: string;
  rpt: number;
  rptn: number | null;
  follow: string | null;
  status: number;
  created_at: number;
  first_at: number;
  next_at: number | null;
  runs: number;
  cnt: number | null;
  cost_minor: number | null;
}

interface RunRow {
  id: number;
  job_id: number;
  run: number;
  kind: string;
  at: number;
  send_id: number | null;
  cnt: number;
  cost_minor: number;
  error: number | null;
  follow_at: number | null;
}

const toJob = (r: JobRow): StoredJob => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  params: JSON.parse(r.params) as Record<string, string>,
  rpt: r.rpt,
  ...(r.rptn !== null ? { rptn: r.rptn } : {}),
  ...(r.follow !== null ? { follow: JSON.parse(r.follow) as JobFollow } : {}),
  status: r.status,
  createdAt: r.created_at,
  firstAt: r.first_at,
  ...(r.next_at !== null ? { nextAt: r.next_at } : {}),
  runs: r.runs,
  cnt: r.cnt ?? 0,
  cost: fromMinor(r.cost_minor ?? 0),
});

const toRun = (r: RunRow): JobRun => ({
  id: r.id,
  jobId: r.job_id,
  run: r.run,
  kind: r.kind as JobRun["kind"],
  at: r.at,
  ...(r.send_id !== null ? { sendId: r.send_id } : {}),
  cnt: r.cnt,
  cost: fromMinor(r.cost_minor),
  ...(r.error !== null ? { error: r.error } : {}),
  ...(r.follow_at !== null ? { followAt: r.follow_at } : {}),
});

/** A mailing with the totals of its runs. */
const SELECT_JOB = `SELECT j.*, (SELECT sum(cnt) FROM job_runs r WHERE r.job_id = j.id) AS cnt,
  (SELECT sum(cost_minor) FROM job_runs r WHERE r.job_id = j.id) AS cost_minor FROM jobs j`;

/** Prepares the mailings' statements; messages are read at `clock()` under `delays`. */
export function createJobQueries(db: SqliteDatabase, clock: () => number, delays: Delays): JobQueries {
  const q = {
    add: db.prepare(
      `INSERT INTO jobs (account_id, name, params, rpt, rptn, follow, status, created_at, first_at, next_at)
       VALUES (@accountId, @name, @params, @rpt, @rptn, @follow, 0, @createdAt, @firstAt, @firstAt) RETURNING id`,
    ),
    get: db.prepare(`${SELECT_JOB} WHERE j.account_id = ? AND j.id = ? AND j.deleted_at IS NULL`),
    byId: db.prepare(`${SELECT_JOB} WHERE j.id = ? AND j.deleted_at IS NULL`),
    setState: db.prepare("UPDATE jobs SET status = ?, next_at = ? WHERE id = ?"),
    setRuns: db.prepare("UPDATE jobs SET status = ?, next_at = ?, runs = ? WHERE id = ?"),
    remove: db.prepare(
      "UPDATE jobs SET deleted_at = ?, next_at = NULL WHERE account_id = ? AND id = ? AND deleted_at IS NULL",
    ),
    dropFollows: db.prepare("UPDATE job_runs SET follow_at = NULL WHERE job_id = ?"),
    insertRun: db.prepare(
      `INSERT INTO job_runs (job_id, run, kind, at, send_id, cnt, cost_minor, error, follow_at)
       VALUES (@jobId, @run, @kind, @at, @sendId, @cnt, @cost, @error, @followAt) RETURNING id`,
    ),
    followed: db.prepare("UPDATE job_runs SET follow_at = NULL WHERE id = ?"),
    runs: db.prepare("SELECT * FROM job_runs WHERE job_id = ? ORDER BY id"),
    nextRun: db.prepare("SELECT min(next_at) AS at FROM jobs WHERE next_at IS NOT NULL"),
    nextFollow: db.prepare("SELECT min(follow_at) AS at FROM job_runs WHERE follow_at IS NOT NULL"),
    due: db.prepare(`${SELECT_JOB} WHERE j.next_at IS NOT NULL AND j.next_at <= ? ORDER BY j.next_at, j.id`),
    followUps: db.prepare(
      "SELECT * FROM job_runs WHERE follow_at IS NOT NULL AND follow_at <= ? ORDER BY follow_at, id",
    ),
    sendOfRow: db.prepare("SELECT send_id FROM messages WHERE row_id = ?"),
    sendMessages: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM sends s JOIN messages m ON m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1
       WHERE s.id = ? AND m.deleted_at IS NULL ORDER BY m.row_id`,
    ),
  };
  const job = (r: unknown) => (r ? toJob(r as JobRow) : undefined);
  const recordRun = db.transaction(
    (run: Omit<JobRun, "id">, next?: { status: number; nextAt: number | undefined; runs: number }) => {
      const { id } = q.insertRun.get({
        jobId: run.jobId,
        run: run.run,
        kind: run.kind,
        at: run.at,
        sendId: run.sendId ?? null,
        cnt: run.cnt,
        cost: toMinor(run.cost),
        error: run.error ?? null,
        followAt: run.followAt ?? null,
      }) as { id: number };
      if (next) q.setRuns.run(next.status, next.nextAt ?? null, next.runs, run.jobId);
      return { id, ...run };
    },
  );
  const remove = db.transaction((accountId: number, id: number, at: number) => {
    if (Number(q.remove.run(at, accountId, id).changes) === 0) return false;
    q.dropFollows.run(id);
    return true;
  });
  return {
    add(j) {
      const { id } = q.add.get({
        accountId: j.accountId,
        name: j.name,
        params: JSON.stringify(j.params),
        rpt: j.rpt,
        rptn: j.rptn ?? null,
        follow: j.follow ? JSON.stringify(j.follow) : null,
        createdAt: j.createdAt,
        firstAt: j.firstAt,
      }) as { id: number };
      return job(q.byId.get(id))!;
    },
    get: (accountId, id) => job(q.get.get(accountId, id)),
    byId: (id) => job(q.byId.get(id)),
    list({ accountId, from, to, limit }) {
      const conds = ["j.deleted_at IS NULL"];
      const args: unknown[] = [];
      if (accountId !== undefined) conds.push("j.account_id = ?") && args.push(accountId);
      if (from !== undefined) conds.push("j.created_at >= ?") && args.push(from);
      if (to !== undefined) conds.push("j.created_at < ?") && args.push(to);
      return (
        db
          .prepare(`${SELECT_JOB} WHERE ${conds.join(" AND ")} ORDER BY j.id DESC LIMIT ?`)
          .all(...args, limit ?? 1000) as JobRow[]
      ).map(toJob);
    },
    setState: (id, status, nextAt) => {
      q.setState.run(status, nextAt ?? null, id);
    },
    remove: (accountId, id, at) => remove(accountId, id, at),
    recordRun: (run, next) => recordRun(run, next),
    followed: (runId) => {
      q.followed.run(runId);
    },
    runs: (jobId) => (q.runs.all(jobId) as RunRow[]).map(toRun),
    nextDue() {
      const a = (q.nextRun.get() as { at: number | null }).at;
      const b = (q.nextFollow.get() as { at: number | null }).at;
      const all = [a, b].filter((x): x is number => x !== null);
      return all.length ? Math.min(...all) : undefined;
    },
    due: (now) => (q.due.all(now) as JobRow[]).map(toJob),
    followUps: (now) => (q.followUps.all(now) as RunRow[]).map(toRun),
    sendOfRow: (rowId) => (q.sendOfRow.get(rowId) as { send_id: number } | undefined)?.send_id,
    sendMessages: (sendId) =>
      (q.sendMessages.all(sendId) as MessageRow[]).map((r) => toMessage(r, clock(), delays)),
  };
}
