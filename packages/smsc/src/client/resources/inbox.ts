import { ANSWERS_LIMITS, decodeAnswers, type IncomingSms } from "../../protocol/index.js";
import { InvalidOptionError, RateLimitError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { count } from "./history.js";
import { readList } from "./read-list.js";

/** Which incoming SMS to read (get.php?get_answers=1, spec §6.2). */
export interface InboxQuery {
  /** Only SMS with an id above this one. @default 0 when iterating (from the oldest), none for `page` (the newest) */
  after?: number;
  /** Only the last `hours` hours, 1–168. */
  hours?: number;
  /** Only SMS to this number of the account. */
  to?: string;
  /** Records per request, 1–10000. @default 1000 when iterating, the service's default for `page` */
  pageSize?: number;
}

/** Options of `smsc.inbox.poll()`. */
export interface PollOptions extends Omit<InboxQuery, "hours"> {
  /**
   * Milliseconds between polls once the inbox is read up to date. The service answers a fourth identical
   * request within a minute with error 9, so polls of an idle inbox are at most three a minute. @default 30000
   */
  intervalMs?: number;
  /** Stops polling: the iteration ends without an error. */
  signal?: AbortSignal;
}

/**
 * Incoming SMS. Called, it iterates every matching SMS oldest first, paging forward with `after_id`; `page` reads
 * one page; `poll` keeps reading new SMS as they arrive.
 * @example
 * ```ts
 * for await (const sms of smsc.inbox.poll({ signal })) console.log(sms.phone, sms.message);
 * ```
 */
export interface InboxResource {
  (query?: InboxQuery, options?: RequestOptions): AsyncGenerator<IncomingSms, void, undefined>;
  /** One page, oldest first; empty when nothing matches (the service's error 3). */
  page(query?: InboxQuery, options?: RequestOptions): Promise<IncomingSms[]>;
  /**
   * Every SMS after `after` (default: those that arrive from now on), then new ones as they come, polling with
   * `after_id` every `intervalMs`. Error 9 waits for the next poll; other errors end the iteration with them.
   */
  poll(options?: PollOptions): AsyncGenerator<IncomingSms, void, undefined>;
}

/** The inbox resource over a transport. */
export function inboxResource(transport: Transport): InboxResource {
  const page = async (q: InboxQuery = {}, options?: RequestOptions) =>
    readList(transport, "get", inboxFields(q), (b) => decodeAnswers(b, 3), options);
  async function* iterate(q: InboxQuery = {}, options?: RequestOptions) {
    let after = q.after ?? 0;
    for (;;) {
      const list = (await page({ ...q, after, pageSize: q.pageSize ?? 1000 }, options)).filter(
        (m) => m.id > after,
      );
      yield* list;
      if (list.length === 0) return;
      after = list.at(-1)!.id;
    }
  }
  async function* poll(o: PollOptions = {}) {
    const { intervalMs = 30_000, signal, ...query } = o;
    const call = signal ? { signal } : {};
    // without a starting point, begin after the newest SMS there is now
    let after = o.after ?? (await page({ ...query, pageSize: 1 }, call)).at(-1)?.id ?? 0;
    while (!signal?.aborted) {
      try {
        for await (const sms of iterate({ ...query, after }, call)) {
          after = sms.id;
          yield sms;
        }
      } catch (e) {
        if (signal?.aborted) return;
        if (!(e instanceof RateLimitError)) throw e;
      }
      try {
        await transport.options.clock.sleep(intervalMs, signal);
      } catch {
        return;
      }
    }
  }
  return Object.assign(iterate, { page, poll });
}

function inboxFields(q: InboxQuery): Array<[string, string]> {
  const f: Array<[string, string]> = [["get_answers", "1"]];
  if (q.after !== undefined) {
    if (!Number.isSafeInteger(q.after) || q.after < 0)
      throw new InvalidOptionError("inbox.after", "must be a non-negative integer");
    f.push(["after_id", String(q.after)]);
  }
  if (q.hours !== undefined) f.push(["hour", String(count(q.hours, ANSWERS_LIMITS.maxHour, "inbox.hours"))]);
  if (q.to !== undefined) f.push(["to_phone", q.to]);
  if (q.pageSize !== undefined)
    f.push(["cnt", String(count(q.pageSize, ANSWERS_LIMITS.maxCnt, "inbox.pageSize"))]);
  return f;
}
