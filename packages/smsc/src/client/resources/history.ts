import { decodeHistory, formatWireDay, HISTORY_LIMITS, type HistoryRecord } from "../../protocol/index.js";
import { InvalidOptionError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { type DayInput, readList } from "./read-list.js";

/** Which sent messages to list (get.php?get_messages=1, spec §6.1). */
export interface HistoryQuery {
  /** First day, inclusive: a Date (its Moscow day) or "DD.MM.YYYY". @default six months before `to` */
  from?: DayInput;
  /** Last day, inclusive. @default today */
  to?: DayInput;
  /** Only messages to these numbers. */
  phones?: string | readonly string[];
  /** E-mail messages (format 8) to these addresses instead of SMS. */
  emails?: string | readonly string[];
  /** Only messages sent before this `intId` (the next page after a record). */
  before?: number;
  /** Records per request, 1–1000. @default 1000 when iterating, the service's default for `page` */
  pageSize?: number;
}

/**
 * The sent-message history. Called, it iterates every matching message newest first, paging backwards with
 * `prev_id` (one request per page, no gaps, no repeats); `page` reads one page.
 * @example
 * ```ts
 * for await (const m of smsc.history({ from: new Date(Date.now() - 86_400_000) })) console.log(m.phone, m.status);
 * ```
 */
export interface HistoryResource {
  (query?: HistoryQuery, options?: RequestOptions): AsyncGenerator<HistoryRecord, void, undefined>;
  /** One page, newest first; empty when nothing matches (the service's error 3). */
  page(query?: HistoryQuery, options?: RequestOptions): Promise<HistoryRecord[]>;
}

/** The history resource over a transport. */
export function historyResource(transport: Transport): HistoryResource {
  const page = async (q: HistoryQuery = {}, options?: RequestOptions) =>
    readList(transport, "get", historyFields(q), (b) => decodeHistory(b, 3), options);
  async function* iterate(q: HistoryQuery = {}, options?: RequestOptions) {
    let before = q.before;
    for (;;) {
      const list = await page(
        {
          ...q,
          pageSize: q.pageSize ?? HISTORY_LIMITS.maxCnt,
          ...(before ? { before } : {}),
        },
        options,
      );
      // a record at or past the cursor would be a repeat; a page that does not move the cursor ends the walk
      const fresh = list.filter((r) => before === undefined || r.intId < before);
      yield* fresh;
      const last = fresh.at(-1)?.intId;
      if (last === undefined || last <= 0) return;
      before = last;
    }
  }
  return Object.assign(iterate, { page });
}

function historyFields(q: HistoryQuery): Array<[string, string]> {
  const f: Array<[string, string]> = [["get_messages", "1"]];
  if (q.from !== undefined) f.push(["start", day(q.from, "history.from")]);
  if (q.to !== undefined) f.push(["end", day(q.to, "history.to")]);
  if (q.phones !== undefined) f.push(["phone", list(q.phones)]);
  if (q.emails !== undefined) f.push(["email", list(q.emails)], ["format", "8"]);
  if (q.pageSize !== undefined)
    f.push(["cnt", String(count(q.pageSize, HISTORY_LIMITS.maxCnt, "history.pageSize"))]);
  if (q.before !== undefined)
    f.push(["prev_id", String(count(q.before, Number.MAX_SAFE_INTEGER, "history.before"))]);
  return f;
}

/** A day parameter; throws InvalidOptionError for an invalid Date or a string that is not DD.MM.YYYY. */
export function day(v: DayInput, option: string): string {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new InvalidOptionError(option, "is an invalid Date");
    return formatWireDay(v);
  }
  if (typeof v !== "string" || !/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v.trim()))
    throw new InvalidOptionError(option, 'must be a Date or "DD.MM.YYYY"');
  return v.trim();
}

/** A positive integer up to `max`; throws InvalidOptionError otherwise. */
export function count(n: unknown, max: number, option: string): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1 || n > max)
    throw new InvalidOptionError(option, `must be an integer from 1 to ${max}`);
  return n;
}

/** A list parameter: an array or a comma list. */
export function list(v: string | readonly string[]): string {
  return typeof v === "string" ? v : v.join(",");
}
