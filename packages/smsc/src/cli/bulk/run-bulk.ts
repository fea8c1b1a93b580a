import {
  ApiError,
  AuthError,
  IpBlockedError,
  NoMoneyError,
  RateLimitError,
  type SendParams,
  type Smsc,
} from "../../client/index.js";
import { estimate, SEND_ERRORS, STATUS, type StatusRecord } from "../../protocol/index.js";
import { abortableSleep } from "../abortable-sleep.js";
import { UsageError } from "../errors.js";
import { EXIT_CODES, exitCodeFor } from "../exit-codes.js";
import type { Style } from "../style.js";
import { type DoneRecord, JOURNAL_VERSION, Journal, type JournalState } from "./journal.js";
import { type Batch, batchParams, type Plan, phoneKey, type Row } from "./plan.js";
import { ProgressBar, type ProgressStream } from "./progress.js";

/** Concurrent requests by default; the service allows at most 15 simultaneous ones (spec §3.3). */
export const DEFAULT_CONCURRENCY = 4;
/** The service's limit of simultaneous requests per account (spec §3.3); --concurrency may not exceed it. */
export const MAX_CONCURRENCY = 15;
/** Waits before retrying a batch answered with error 9, in ms (the service's windows are a minute long). */
const RATE_LIMIT_WAITS_MS = [5_000, 15_000, 30_000, 60_000] as const;

/** The final report of a bulk send. */
export interface BulkReport {
  file: string;
  journal: string | null;
  dryRun: boolean;
  complete: boolean;
  interrupted: boolean;
  rows: number;
  /** Rows the service accepted (over every run of this journal). */
  sent: number;
  failed: number;
  /** Rows not yet sent because the run stopped early; a new run with the same journal sends them. */
  remaining: number;
  /** SMS parts, as the service counted them. */
  parts: number;
  cost: number;
  batches: { total: number; done: number; failed: number; recovered: number; skipped: number };
  failures: Array<{ row: number; line: number; phone: string; reason: string }>;
  /** Why the run stopped early (an error that will pass, or needs you): resume with the same command. */
  stopped?: { name: string; message: string; code?: number };
  /** --dry-run: the service's price (send.php cost=1) and the offline estimate. */
  estimate?: { parts: number; gsm7Rows: number; ucs2Rows: number; serviceCost: number; serviceParts: number };
}

/** What runBulk needs. */
export interface BulkOptions {
  client: Smsc;
  plan: Plan;
  file: string;
  journalPath: string;
  message: Omit<SendParams, "phones" | "message" | "list" | "id">;
  concurrency: number;
  /** Requests per second at most; 0 = no cap beyond concurrency. */
  rate: number;
  dryRun: boolean;
  signal: AbortSignal;
  /** A terminal to draw the progress bar on, or undefined for none. */
  progress?: ProgressStream;
  /** Colours of the progress bar (none by default). */
  progressStyle?: Style;
  /** Injected waits (tests). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Outcome of one batch inside a run. */
type Outcome =
  | { kind: "done"; record: DoneRecord }
  | { kind: "failed"; code: number; reason: string }
  | { kind: "stop"; error: unknown };

/**
 * Sends a plan's batches exactly once across interruptions (https://github.com/smsc-kz/smsc/blob/main/docs/cli.md "Exactly once"): a `pending` record is on
 * disk before each request, the outcome after it; on resume a batch whose outcome is missing is looked up in
 * status.php by its id and resent with the same id only when the service has no message for it.
 */
export async function runBulk(o: BulkOptions): Promise<{ report: BulkReport; exitCode: number }> {
  const rowsById = new Map(o.plan.rows.map((r) => [r.row, r]));
  if (o.dryRun) return dryRun(o, rowsById);
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => abortableSleep(ms, o.signal));
  const state = Journal.read(o.journalPath);
  checkHeader(state, o);
  const journal = Journal.open(o.journalPath);
  try {
    if (!state.header)
      journal.append({
        type: "header",
        v: JOURNAL_VERSION,
        csv: o.plan.csvHash,
        flags: o.plan.flagsHash,
        rows: o.plan.rows.length + o.plan.invalid.length,
        batches: o.plan.batches.length,
        created: new Date(now()).toISOString(),
      });
    const todo = o.plan.batches.filter((b) => {
      const s = state.batches.get(b.index);
      return !s || s.type === "pending" || s.type === "unsent";
    });
    const skipped = o.plan.batches.length - todo.length;
    const rowCount = (bs: Batch[]) => bs.reduce((n, b) => n + b.rows.length, 0);
    const bar = o.progress
      ? new ProgressBar(o.progress, o.plan.rows.length, {
          now,
          already: o.plan.rows.length - rowCount(todo),
          ...(o.progressStyle ? { style: o.progressStyle } : {}),
        })
      : undefined;

    let stopError: unknown;
    let next = 0;
    let nextStart = now();
    const gap = o.rate > 0 ? 1000 / o.rate : 0;
    const stopping = () => o.signal.aborted || stopError !== undefined;

    const worker = async () => {
      while (!stopping() && next < todo.length) {
        const batch = todo[next++]!;
        if (gap) {
          const at = nextStart;
          nextStart = Math.max(now(), nextStart) + gap;
          if (at > now()) await sleep(at - now());
          // nothing was journaled for this batch yet: it stays for the next run
          if (stopping()) break;
        }
        const prior = state.batches.get(batch.index);
        const outcome = await processBatch(o, journal, batch, rowsById, prior?.type === "pending", sleep);
        if (outcome.kind === "done") state.batches.set(batch.index, outcome.record);
        else if (outcome.kind === "failed")
          state.batches.set(batch.index, {
            type: "failed",
            batch: batch.index,
            id: batch.id,
            code: outcome.code,
            reason: outcome.reason,
          });
        else stopError ??= outcome.error;
        if (outcome.kind !== "stop") bar?.tick(batch.rows.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, Math.max(1, todo.length)) }, worker));
    bar?.clear();

    const report = buildReport(o, state, rowsById, skipped);
    if (stopError !== undefined) {
      const e = stopError instanceof Error ? stopError : new Error(String(stopError));
      report.stopped = {
        name: e.name,
        message: e.message,
        ...(e instanceof ApiError ? { code: e.code } : {}),
      };
    }
    report.interrupted = o.signal.aborted && !report.complete;
    const exitCode = report.interrupted
      ? EXIT_CODES.interrupted
      : stopError !== undefined
        ? exitCodeFor(stopError)
        : report.failed > 0
          ? EXIT_CODES.partial
          : EXIT_CODES.ok;
    return { report, exitCode };
  } finally {
    journal.close();
  }
}

function checkHeader(state: JournalState, o: BulkOptions): void {
  const h = state.header;
  if (!h) {
    if (state.batches.size)
      throw new UsageError(`journal ${o.journalPath} has no header; it was not written by smsc`);
    return;
  }
  if (h.v !== JOURNAL_VERSION)
    throw new UsageError(`journal ${o.journalPath} has format ${h.v}; this smsc writes ${JOURNAL_VERSION}`);
  if (h.csv !== o.plan.csvHash)
    throw new UsageError(
      `journal ${o.journalPath} belongs to another version of ${o.file} (the file changed since the run began); resuming could send rows twice or skip them. Restore the file, or pass a new --journal to start over`,
    );
  if (h.flags !== o.plan.flagsHash)
    throw new UsageError(
      `journal ${o.journalPath} was written with other flags (columns, template, batch size or message flags); resume with the same flags, or pass a new --journal to start over`,
    );
}

/** Sends (or, after a crash, first looks up) one batch and journals the outcome. */
async function processBatch(
  o: BulkOptions,
  journal: Journal,
  batch: Batch,
  rowsById: ReadonlyMap<number, Row>,
  wasPending: boolean,
  sleep: (ms: number) => Promise<void>,
): Promise<Outcome> {
  const rows = batch.rows.map((n) => rowsById.get(n)!);
  try {
    if (wasPending) {
      // the request may have gone out before the previous run died: ask before sending again
      const found = await lookUp(o.client, batch, rows, sleep);
      if (found) {
        journal.append(found);
        return { kind: "done", record: found };
      }
    } else {
      journal.append({ type: "pending", batch: batch.index, id: batch.id, rows: batch.rows });
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await o.client.send({
          ...o.message,
          ...batchParams(batch, rowsById),
          id: batch.id,
          err: true,
        });
        const record: DoneRecord = {
          type: "done",
          batch: batch.index,
          id: batch.id,
          cnt: r.cnt,
          cost: r.cost ?? null,
          recovered: r.recovered,
          refused: refusedRows(rows, r.phones ?? []),
        };
        journal.append(record);
        return { kind: "done", record };
      } catch (e) {
        if (!(e instanceof RateLimitError)) throw e;
        // error 9: an identical request within a minute (so maybe ours went out) or too many at once
        const found = await lookUp(o.client, batch, rows, sleep);
        if (found) {
          journal.append(found);
          return { kind: "done", record: found };
        }
        const wait = RATE_LIMIT_WAITS_MS[attempt];
        if (wait === undefined || o.signal.aborted) throw e;
        await sleep(wait);
        // Ctrl-C while waiting: the batch stays pending and is looked up on the next run
        if (o.signal.aborted) throw e;
      }
    }
  } catch (e) {
    // a failed look-up proves nothing about the batch: it stays pending, to be looked up again next run
    if (e instanceof LookUpError) return { kind: "stop", error: e.cause };
    if (e instanceof NoMoneyError || e instanceof AuthError || e instanceof IpBlockedError) {
      // answered, so nothing was sent, but the next batch would fare the same: stop, resume later
      journal.append({
        type: "unsent",
        batch: batch.index,
        id: batch.id,
        code: e.code,
        reason: e.description,
      });
      return { kind: "stop", error: e };
    }
    if (e instanceof ApiError && !(e instanceof RateLimitError) && e.code > 0) {
      journal.append({
        type: "failed",
        batch: batch.index,
        id: batch.id,
        code: e.code,
        reason: e.description,
      });
      return { kind: "failed", code: e.code, reason: e.description };
    }
    // connection trouble (ConnectionError, SendOutcomeUnknownError), error 9 that did not pass, a bug: the
    // pending record stays, and the next run looks the batch up before sending it
    return { kind: "stop", error: e };
  }
}

/**
 * Asks status.php for every phone of the batch under the batch's id (one multi-status request). Found (any
 * status but -3) → the batch went out: a done record with parts and cost from the records; the phones not found
 * were refused by the service. Error 9 on the look-up is waited out (one mass status request per minute).
 */
async function lookUp(
  client: Smsc,
  batch: Batch,
  rows: Row[],
  sleep: (ms: number) => Promise<void>,
): Promise<DoneRecord | undefined> {
  const phones = rows.flatMap((r) => r.phones.map(phoneKey));
  let records: StatusRecord[];
  for (let attempt = 0; ; attempt++) {
    try {
      records = await client.status({ ids: phones.map(() => batch.id), phones, all: 1 });
      break;
    } catch (e) {
      const wait = RATE_LIMIT_WAITS_MS[attempt];
      if (!(e instanceof RateLimitError) || wait === undefined) throw new LookUpError(e);
      await sleep(wait);
    }
  }
  const found = new Set<string>();
  let cnt = 0;
  let cost = 0;
  records.forEach((rec, i) => {
    if (rec.status === STATUS.notFound) return;
    found.add(phones[i]!);
    cnt += rec.smsCnt ?? 1;
    cost += rec.cost ?? 0;
  });
  if (found.size === 0) return undefined;
  const refused = rows
    .filter((r) => r.phones.every((p) => !found.has(phoneKey(p))))
    .map((r) => ({ row: r.row, reason: "not stored by the service (status -3 after the send)" }));
  return {
    type: "done",
    batch: batch.index,
    id: batch.id,
    cnt,
    cost: Math.round(cost * 100) / 100,
    recovered: true,
    refused,
  };
}

/** A status look-up that could not be made: unlike a refused send, it says nothing about the batch. */
class LookUpError extends Error {
  override name = "LookUpError";
  constructor(override readonly cause: unknown) {
    super("status look-up failed", { cause });
  }
}

/** Rows all of whose phones the service reported as failed (send with err=1). */
function refusedRows(
  rows: Row[],
  details: Array<{ phone: string; error?: number; status?: number }>,
): DoneRecord["refused"] {
  const bad = new Map<string, string>();
  for (const d of details) {
    if (d.error === undefined && d.status === undefined) continue;
    const reason =
      d.error !== undefined
        ? (SEND_ERRORS as Record<number, { server: string }>)[d.error]?.server
        : undefined;
    bad.set(phoneKey(d.phone), reason ?? `status ${d.status}`);
  }
  if (bad.size === 0) return [];
  return rows
    .filter((r) => r.phones.every((p) => bad.has(phoneKey(p))))
    .map((r) => ({ row: r.row, reason: bad.get(phoneKey(r.phones[0]!))! }));
}

function buildReport(
  o: BulkOptions,
  state: JournalState,
  rowsById: ReadonlyMap<number, Row>,
  skipped: number,
): BulkReport {
  const failures: BulkReport["failures"] = o.plan.invalid.map((f) => ({ ...f }));
  const describe = (n: number, reason: string) => {
    const r = rowsById.get(n)!;
    failures.push({ row: n, line: r.line, phone: r.phones.join(","), reason });
  };
  let sent = 0;
  let parts = 0;
  let cost = 0;
  let done = 0;
  let failedBatches = 0;
  let recovered = 0;
  let remaining = 0;
  for (const b of o.plan.batches) {
    const s = state.batches.get(b.index);
    if (s?.type === "done") {
      done++;
      if (s.recovered) recovered++;
      parts += s.cnt;
      cost += s.cost ?? 0;
      sent += b.rows.length - s.refused.length;
      for (const f of s.refused) describe(f.row, f.reason);
    } else if (s?.type === "failed") {
      failedBatches++;
      for (const n of b.rows) describe(n, `error ${s.code} (${s.reason})`);
    } else remaining += b.rows.length;
  }
  failures.sort((a, b) => a.row - b.row);
  return {
    file: o.file,
    journal: o.journalPath,
    dryRun: false,
    complete: remaining === 0,
    interrupted: false,
    rows: o.plan.rows.length + o.plan.invalid.length,
    sent,
    failed: failures.length,
    remaining,
    parts,
    cost: Math.round(cost * 100) / 100,
    batches: { total: o.plan.batches.length, done, failed: failedBatches, recovered, skipped },
    failures,
  };
}

/** --dry-run: the service's price of every batch (cost=1, nothing sent, no journal) beside the offline estimate. */
async function dryRun(
  o: BulkOptions,
  rowsById: ReadonlyMap<number, Row>,
): Promise<{ report: BulkReport; exitCode: number }> {
  let gsm7Rows = 0;
  let ucs2Rows = 0;
  let parts = 0;
  for (const r of o.plan.rows) {
    const e = estimate(r.text, {
      ...(o.message.translit ? { translit: o.message.translit } : {}),
      ...(o.message.format !== undefined ? { format: o.message.format } : {}),
      ...(o.message.maxSms ? { maxsms: o.message.maxSms } : {}),
    });
    if (e.encoding === "ucs2") ucs2Rows++;
    else gsm7Rows++;
    parts += e.parts.length * r.phones.length;
  }
  let serviceCost = 0;
  let serviceParts = 0;
  let next = 0;
  let stopError: unknown;
  const worker = async () => {
    while (!o.signal.aborted && stopError === undefined && next < o.plan.batches.length) {
      const b = o.plan.batches[next++]!;
      try {
        const c = await o.client.cost({ ...o.message, ...batchParams(b, rowsById) });
        serviceCost += c.cost;
        serviceParts += c.cnt;
      } catch (e) {
        stopError ??= e;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(o.concurrency, Math.max(1, o.plan.batches.length)) }, worker),
  );
  if (stopError !== undefined) throw stopError;
  const report: BulkReport = {
    file: o.file,
    journal: null,
    dryRun: true,
    complete: false,
    interrupted: o.signal.aborted,
    rows: o.plan.rows.length + o.plan.invalid.length,
    sent: 0,
    failed: o.plan.invalid.length,
    remaining: o.plan.rows.length,
    parts: serviceParts,
    cost: Math.round(serviceCost * 100) / 100,
    batches: { total: o.plan.batches.length, done: 0, failed: 0, recovered: 0, skipped: 0 },
    failures: o.plan.invalid.map((f) => ({ ...f })),
    estimate: { parts, gsm7Rows, ucs2Rows, serviceCost: Math.round(serviceCost * 100) / 100, serviceParts },
  };
  return { report, exitCode: o.signal.aborted ? EXIT_CODES.interrupted : EXIT_CODES.ok };
}
