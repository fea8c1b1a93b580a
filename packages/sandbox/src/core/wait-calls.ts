import { parsePhone, WAIT_CALL_LIMITS, type WaitCallReply } from "smsc/protocol";
import type { Account } from "../store/records.js";
import type { Store } from "../store/store.js";
import type { WaitCallRow } from "../store/wait-calls.js";
import { apiError } from "./api-error.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";

/**
 * The numbers a subscriber is told to dial when the sandbox has no pool of its own: +7 700 999 00 01…03, outside
 * the magic numbers (+7 700 000 00 NN).
 */
export const DEFAULT_CALL_NUMBERS: readonly string[] = ["77009990001", "77009990002", "77009990003"];

/** How long a request waits for the call, ms (undocumented; https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Confirmation by call"). */
export const DEFAULT_WAIT_CALL_TTL_MS = 10 * 60_000;

/** Where a request stands: waiting for the call, confirmed by one, or expired without one. */
export type WaitCallState = "waiting" | "confirmed" | "expired";

/** A request to confirm a number by a call, as the inspection API, the inbox and the callbacks see it. */
export interface WaitCall extends WaitCallRow {
  state: WaitCallState;
}

/** The "waitcall" event: a request was made (or made again), or the subscriber called. */
export interface WaitCallEvent {
  reason: "requested" | "called";
  call: WaitCall;
}

/** Why a simulated call confirmed nothing. */
export type CallRefusal = "no-request" | "expired" | "wrong-number";

/** wait_call.php as the adapters see it. */
export interface WaitCalls {
  /** Gives the subscriber a number to call (`phone` is the wire parameter); error 1 for a missing or bad number. */
  request(input: { account: Account; params: Record<string, string> }): Fate<WaitCallReply>;
}

/** The sandbox's side of wait_call: playing the subscriber's call, and the requests for inspection. */
export interface WaitCallsControl {
  /**
   * The subscriber `phone` calls `to` (by default: the number its requests gave it). Every valid request of that
   * number (of one account, with `login`) is confirmed and emits "waitcall", which the callbacks deliver.
   */
  call(input: {
    phone: string;
    to?: string;
    login?: string;
  }): { calls: WaitCall[] } | { refused: CallRefusal };
  /** Requests newest first. */
  list(filter?: { accountId?: number; phone?: string; limit?: number }): WaitCall[];
}

/** What the module works with. */
export interface WaitCallsDeps {
  store: Store;
  clock: () => number;
  limits: Limits;
  /** Emits the core's "waitcall" event; `make` builds its payload only when someone listens. */
  emit: (make: () => WaitCallEvent) => void;
  /** The numbers to hand out, in turn (digits or any phone form). @default DEFAULT_CALL_NUMBERS */
  numbers?: readonly string[];
  /** How long a request stays valid, ms. @default DEFAULT_WAIT_CALL_TTL_MS */
  ttlMs?: number;
}

/** Creates the wait-call module: both sides share the store's requests. */
export function createWaitCalls(deps: WaitCallsDeps): { api: WaitCalls; control: WaitCallsControl } {
  const { store, clock, limits } = deps;
  const pool = (deps.numbers ?? DEFAULT_CALL_NUMBERS).map((n) => parsePhone(n)?.digits ?? n);
  if (pool.length === 0) throw new TypeError("the pool of call numbers is empty");
  const ttl = deps.ttlMs ?? DEFAULT_WAIT_CALL_TTL_MS;
  // the pool is used in turn; the turn continues after a restart from the requests stored
  let turn = store.waitCalls.lastId();

  const view = (r: WaitCallRow): WaitCall => ({
    ...r,
    state: r.calls > 0 ? "confirmed" : r.expiresAt <= clock() ? "expired" : "waiting",
  });
  const emit = (reason: WaitCallEvent["reason"], r: WaitCallRow) =>
    deps.emit(() => ({ reason, call: view(r) }));

  const api: WaitCalls = {
    request({ account, params }) {
      const phone = parsePhone(params.phone ?? "")?.digits;
      if (phone === undefined) return refuse(apiError(1, "waitCall"));
      if (!limits.identical(`waitcall:${account.id}:${phone}`, WAIT_CALL_LIMITS.identicalPerMinute))
        return refuse(apiError(9, "waitCall"));
      const now = clock();
      const last = store.waitCalls.latest(account.id, phone);
      // asked again while waiting: the same number, valid for longer (docs/protocol.md)
      const row =
        last && view(last).state === "waiting"
          ? store.waitCalls.extend(last.id, now + ttl)
          : store.waitCalls.create({
              accountId: account.id,
              phone,
              number: pool[turn++ % pool.length]!,
              createdAt: now,
              expiresAt: now + ttl,
            });
      emit("requested", row);
      return answer({ phone: row.number, allPhones: [...pool] });
    },
  };

  const control: WaitCallsControl = {
    call({ phone, to, login }) {
      const digits = parsePhone(phone)?.digits ?? phone;
      const dialled = to === undefined ? undefined : (parsePhone(to)?.digits ?? to);
      const mine = store.waitCalls
        .forPhone(digits)
        .filter((r) => login === undefined || r.login === login)
        .map(view);
      const now = clock();
      const open = mine.filter((r) => r.expiresAt > now);
      const hits = open.filter((r) => dialled === undefined || r.number === dialled);
      if (hits.length === 0)
        return { refused: open.length ? "wrong-number" : mine.length ? "expired" : "no-request" };
      // one call confirms the newest valid request of each account
      const seen = new Set<number>();
      const calls: WaitCall[] = [];
      for (const r of hits) {
        if (seen.has(r.accountId)) continue;
        seen.add(r.accountId);
        const row = store.waitCalls.called(r.id, now);
        emit("called", row);
        calls.push(view(row));
      }
      return { calls };
    },
    list: (f = {}) =>
      store.waitCalls
        .list({
          ...(f.accountId !== undefined ? { accountId: f.accountId } : {}),
          ...(f.phone !== undefined ? { phone: parsePhone(f.phone)?.digits ?? f.phone } : {}),
          limit: f.limit ?? 100,
        })
        .map(view),
  };
  return { api, control };
}
