import {
  formatFromParams,
  isFinalStatus,
  isSendParam,
  MESSAGE_FORMATS,
  SCRIPT_LIMITS,
  STATUS,
} from "smsc/protocol";
import type { JobFollow, JobRun, StoredJob } from "../store/jobs.js";
import type { Account, Message } from "../store/records.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { resolveSendAt } from "./delivery-time.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import type { Logger } from "./logger.js";
import type { Mailings, MailingsControl, MailingsOutcome } from "./mailing-types.js";
import { DAY_MS, parseDay, repeatRunAt } from "./repeat-schedule.js";
import { perMinuteLimit, requestKey } from "./request-limit.js";
import type { Sends } from "./sends.js";
import type { Templates } from "./templates.js";

export type { JobRun, StoredJob } from "../store/jobs.js";
export type { InspectedMailing, Mailings, MailingsControl, MailingsOutcome } from "./mailing-types.js";

/** Parameters of jobs.php itself, which are not parameters of each run's send. */
const NOT_RUN_PARAMS = new Set(["login", "psw", "apikey", "fmt", "charset", "cost", "time", "tz", "id"]);

/** The send.php parameters that choose a format: an SMS fallback drops them. */
const FORMAT_PARAMS = new Set<string>(
  Object.values(MESSAGE_FORMATS).flatMap((f) => (f.param === null ? [] : [f.param])),
);

/** Template `format` → the send.php parameter that selects it. */
const TEMPLATE_FORMAT_PARAM: Record<string, string> = {
  flash: "flash",
  bin: "bin",
  push: "push",
  mms: "mms",
  call: "call",
  mail: "mail",
  viber: "viber",
};

/** Statuses of a message that reached its subscriber. */
const REACHED = new Set<number>([STATUS.delivered, STATUS.read, STATUS.clicked]);

/** Runs of one mailing made in one pass at most (a clock that jumped far); the rest follow at once. */
const MAX_RUNS_PER_PASS = 100;

/** How often the timer looks at the clock at least, ms (an injected clock moves without telling anyone). */
const MAX_SLEEP_MS = 1000;

/** Creates the mailings module and starts its timer (mailings due while the sandbox was down run at once). */
export function createMailings(deps: {
  store: Store;
  clock: () => number;
  limits: Limits;
  sends: Sends;
  templates: Templates;
  logger: Logger;
}): { mailings: Mailings; control: MailingsControl } {
  const { store, clock, sends } = deps;
  const jobs = store.jobs;
  const allow = perMinuteLimit(deps.limits, clock, SCRIPT_LIMITS.identicalJobs);
  const refuseJ = (code: number) => refuse<MailingsOutcome>(apiError(code, "jobs"));
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const at = jobs.nextDue();
    if (closed || at === undefined) return;
    timer = setTimeout(() => void run(), Math.min(Math.max(0, at - clock()), MAX_SLEEP_MS));
    timer.unref();
  }

  function run(): Promise<void> {
    chain = chain.then(pass).catch((err) => deps.logger.error(`mailings: ${(err as Error).stack ?? err}`));
    return chain;
  }

  async function pass(): Promise<void> {
    if (closed) return;
    const now = clock();
    for (const job of jobs.due(now)) await runJob(job, now);
    for (const r of jobs.followUps(now)) await followUp(r);
    arm();
  }

  /** Makes the runs of a mailing that are due by `now`, each a send of its own. */
  async function runJob(job: StoredJob, now: number): Promise<void> {
    for (
      let i = 0;
      i < MAX_RUNS_PER_PASS && job.status === 0 && job.nextAt !== undefined && job.nextAt <= now;
      i++
    ) {
      const account = store.accountById(job.accountId);
      if (!account) return jobs.setState(job.id, 2, undefined);
      const scheduledAt = job.nextAt;
      const fate = await sends.send({ account, params: job.params, origin: "http", scheduled: true });
      const done = job.runs + 1;
      const last = job.rpt === 0 || (job.rptn !== undefined && done >= 1 + job.rptn);
      const nextAt = last ? undefined : repeatRunAt(job.rpt, job.firstAt, done, scheduledAt);
      const stored = record(job, done, "run", fate, job.follow !== undefined);
      // cancelled or deleted while the send was being stored: keep what it did, change nothing else
      const current = jobs.byId(job.id);
      const next =
        current?.status === 0 ? { status: nextAt === undefined ? 1 : 0, nextAt, runs: done } : undefined;
      jobs.recordRun(stored, next);
      const updated = jobs.byId(job.id);
      if (!updated) return;
      job = updated;
    }
  }

  /** A run as stored: the send it produced (or the error it got) and when to look for undelivered messages. */
  function record(
    job: StoredJob,
    runNo: number,
    kind: JobRun["kind"],
    fate: Awaited<ReturnType<Sends["send"]>>,
    follow: boolean,
  ): Omit<JobRun, "id"> {
    const at = clock();
    const value = fate.kind === "answer" || fate.kind === "lose-reply" ? fate.value : undefined;
    const sent = value?.kind === "sent" ? value : undefined;
    const sendId = sent ? jobs.sendOfRow(sent.rows.first) : undefined;
    const { sentMs, deliveredMs } = store.delays;
    return {
      jobId: job.id,
      run: runNo,
      kind,
      at,
      ...(sendId !== undefined ? { sendId } : {}),
      cnt: sent?.rows.count ?? 0,
      cost: sent?.reply.cost ?? 0,
      ...(fate.kind === "error" ? { error: fate.error.code } : {}),
      // every message of the send is final once both delays have passed
      ...(follow && sendId !== undefined ? { followAt: at + sentMs + deliveredMs } : {}),
    };
  }

  /** mes2 / fl[5]: what a run's undelivered messages get, once their statuses are final. */
  async function followUp(r: JobRun): Promise<void> {
    jobs.followed(r.id);
    const job = jobs.byId(r.jobId);
    const account = job && store.accountById(job.accountId);
    if (!job?.follow || !account || r.sendId === undefined || job.status === 2) return;
    const failed = jobs
      .sendMessages(r.sendId)
      .filter((m) => isFinalStatus(m.status) && !REACHED.has(m.status));
    if (failed.length === 0) return;
    const params = followParams(job.params, job.follow, failed);
    const fate = await sends.send({ account, params, origin: "http", scheduled: true });
    jobs.recordRun(record(job, r.run, "follow", fate, false));
  }

  async function serve({
    account,
    params: p,
  }: {
    account: Account;
    params: Record<string, string>;
  }): Promise<Fate<MailingsOutcome>> {
    const command = ["add", "cancel", "del", "get", "get_all"].find((c) => p[c] === "1");
    if (command === undefined) return refuseJ(1);
    const id = /^\d{1,15}$/.test(p.id?.trim() ?? "") ? Number(p.id) : undefined;
    if (command !== "add" && command !== "get_all" && id === undefined) return refuseJ(1);
    if (command === "add") {
      const job = planJob(account, p);
      if (typeof job === "number") return refuseJ(job);
      if (!allow(requestKey("jobs", account.id, p))) return refuseJ(9);
      const saved = jobs.add({ ...job, accountId: account.id, createdAt: clock() });
      // a mailing due now has made its first run when the reply leaves
      await run();
      return answer({ kind: "saved", id: saved.id });
    }
    let period: { from?: number; to?: number } = {};
    if (command === "get_all") {
      const from = p.start?.trim() ? parseDay(p.start) : undefined;
      const to = p.end?.trim() ? parseDay(p.end) : undefined;
      if ((p.start?.trim() && from === undefined) || (p.end?.trim() && to === undefined)) return refuseJ(5);
      period = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to: to + DAY_MS } : {}) };
    }
    if (!allow(requestKey("jobs", account.id, p))) return refuseJ(9);
    await run();
    if (command === "get_all")
      return answer({ kind: "list", jobs: jobs.list({ accountId: account.id, ...period }) });
    const job = jobs.get(account.id, id!);
    if (!job) return refuseJ(3);
    if (command === "get") return answer({ kind: "one", job });
    if (command === "del") {
      jobs.remove(account.id, job.id, clock());
      arm();
      return answer({ kind: "done" });
    }
    if (job.status === 0) jobs.setState(job.id, 2, undefined);
    arm();
    return answer({ kind: "done" });
  }

  /** Validates an add=1 request into a mailing to store, or the error code. */
  function planJob(
    account: Account,
    p: Record<string, string>,
  ): Omit<StoredJob, "id" | "accountId" | "status" | "createdAt" | "runs" | "cnt" | "cost"> | number {
    const name = p.name?.trim() ?? "";
    if (name === "") return 1;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(p)) if (isSendParam(k) && !NOT_RUN_PARAMS.has(k)) params[k] = v;
    if (p.tpl !== undefined && p.tpl.trim() !== "") {
      const t = deps.templates.find(account.id, p.tpl);
      if (!t) return 1;
      params.mes ??= t.msg;
      const flag = TEMPLATE_FORMAT_PARAM[t.format];
      if (flag && formatFromParams((n) => params[n]) === "sms") params[flag] = "1";
      if (params.sender === undefined && t.sender !== "") params.sender = t.sender;
    }
    const hasPhones = (params.phones ?? "").trim() !== "" || (params.list ?? "").trim() !== "";
    const format = formatFromParams((n) => params[n]);
    const textless = format === "hlr" || format === "ping";
    if (!hasPhones || (!textless && params.list === undefined && (params.mes ?? "") === "" && !params.subj))
      return 1;
    const rpt = p.rpt?.trim() ? Number(p.rpt) : 0;
    if (!Number.isInteger(rpt) || rpt < 0 || rpt > 7) return 1;
    const rptn = p.rptn?.trim() ? Number(p.rptn) : undefined;
    if (rptn !== undefined && (!Number.isInteger(rptn) || rptn < 0)) return 1;
    const tz = (p.tz ?? "").trim();
    if (tz !== "" && !/^[+-]?\d{1,2}$/.test(tz)) return 5;
    const time = p.time?.trim() ? p.time : undefined;
    const firstAt = resolveSendAt(time, Number(tz || 0), clock());
    if (firstAt === undefined) return 5;
    // sender2 alone changes nothing: it names the sender of follow-ups, which mes2 or fl[5] ask for
    const follow: JobFollow | undefined =
      p.mes2 || p["fl[5]"] === "1"
        ? {
            ...(p.mes2 ? { mes2: p.mes2 } : {}),
            ...(p.sender2 ? { sender2: p.sender2 } : {}),
            auto: p["fl[5]"] === "1",
          }
        : undefined;
    return {
      name,
      params,
      rpt,
      ...(rptn !== undefined ? { rptn } : {}),
      ...(follow ? { follow } : {}),
      firstAt,
    };
  }

  arm();
  return {
    mailings: { serve },
    control: {
      run,
      list(filter = {}) {
        const account = filter.login !== undefined ? store.accountByLogin(filter.login) : undefined;
        if (filter.login !== undefined && !account) return [];
        return jobs
          .list({ ...(account ? { accountId: account.id } : {}), limit: filter.limit ?? 200 })
          .map((j) => ({
            ...j,
            login: store.accountById(j.accountId)?.login ?? "",
            history: jobs.runs(j.id),
          }));
      },
      close() {
        closed = true;
        if (timer) clearTimeout(timer);
        timer = undefined;
      },
    },
  };
}

/**
 * The send of a follow-up: with mes2, an SMS with that text (the format parameters dropped); otherwise (fl[5]) the
 * run's own message again. To the numbers that were not reached, from sender2 when there is one.
 */
function followParams(
  run: Record<string, string>,
  follow: JobFollow,
  failed: Message[],
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(run)) {
    if (k === "phones" || k === "list" || k === "mes") continue;
    if (follow.mes2 !== undefined && (FORMAT_PARAMS.has(k) || k === "subj" || k === "fileurl")) continue;
    params[k] = v;
  }
  if (follow.sender2 !== undefined) params.sender = follow.sender2;
  if (follow.mes2 !== undefined) {
    params.phones = failed.map((m) => m.phone).join(",");
    params.mes = follow.mes2;
  } else if (run.list !== undefined) {
    params.list = failed.map((m) => `${m.phone}:${m.text}`).join("\n");
  } else {
    params.phones = failed.map((m) => m.phone).join(",");
    params.mes = run.mes ?? "";
  }
  return params;
}
