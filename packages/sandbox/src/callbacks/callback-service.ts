import { type CallbackKind, type CallbackTarget, callbackTarget, encodeCallback } from "smsc";
import { moneyText } from "smsc/protocol";
import type { Logger } from "../core/logger.js";
import { silentLogger } from "../core/logger.js";
import type { CoreEventSource, IncomingMessage, Message } from "../core/types.js";
import type { WaitCallEvent } from "../core/wait-calls.js";
import type { CallbackLogEntry } from "../store/records.js";
import type { Store } from "../store/store.js";

/** Retry policy of callback deliveries. */
export interface CallbackRetryOptions {
  /** Attempts per callback, the first included. @default 5 */
  attempts?: number;
  /** Delay before the second attempt; doubled for each further one, then jittered to 50–100 %. @default 1000 */
  baseDelayMs?: number;
  /** Upper bound of one delay. @default 60000 */
  maxDelayMs?: number;
  /** Time a handler has to answer one attempt. @default 5000 */
  timeoutMs?: number;
}

/** Defaults of CallbackRetryOptions. */
export const CALLBACK_RETRY_DEFAULTS = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 5000,
} as const satisfies Required<CallbackRetryOptions>;

/** Options of startCallbacks. */
export interface CallbackServiceOptions {
  /** The core's events: status changes and incoming SMS are what gets reported. */
  events: CoreEventSource;
  store: Store;
  /** @default Date.now */
  clock?: () => number;
  /** Jitter of the retry delays. @default Math.random */
  random?: () => number;
  retry?: CallbackRetryOptions;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  logger?: Logger;
}

/** The running callback sender. */
export interface CallbackService {
  /**
   * Sets an account's handler URL (or removes it with null). The URL is checked now.
   * @throws TypeError for a URL callbackTarget() refuses
   */
  setUrl(accountId: number, url: string | null): void;
  /** The account's handler URL with its secret redacted, if one is set. */
  redactedUrl(accountId: number): string | undefined;
  /** Deliveries not finished yet (attempts in flight or waiting to retry). */
  pending(): number;
  /** Resolves when no delivery is pending (tests). */
  idle(): Promise<void>;
  /** Calls `fn` with every logged attempt; returns the unsubscribe function. */
  onAttempt(fn: (entry: CallbackLogEntry) => void): () => void;
  /** Cancels pending retries and in-flight attempts. */
  close(): void;
}

/**
 * Sends every status change, incoming SMS and call to a wait_call.php number (the `waitcall` callback) of an account
 * with a handler URL to that URL (spec §6.14): a POST in
 * the URL's charset and fmt, signed when it names md5/sha1/crc32. A handler that fails (network error, timeout,
 * non-2xx) is retried with exponential backoff and jitter, up to `attempts`; every attempt is logged in the store
 * and reported to `onAttempt` listeners. Delivery never blocks the core, and with no URL set the service does not
 * listen to the core at all.
 */
export function startCallbacks(options: CallbackServiceOptions): CallbackService {
  const { events, store } = options;
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const doFetch = options.fetch ?? globalThis.fetch;
  const retry = { ...CALLBACK_RETRY_DEFAULTS, ...options.retry };
  const timers = new Set<NodeJS.Timeout>();
  const controllers = new Set<AbortController>();
  let inFlight = 0;
  let closed = false;
  let waiters: Array<() => void> = [];
  const attemptListeners = new Set<(entry: CallbackLogEntry) => void>();
  // the handler URLs live in memory, so an event of an account without one costs a map lookup
  const targets = new Map<number, CallbackTarget>();
  for (const { accountId, url } of store.callbacks.urls()) {
    try {
      targets.set(accountId, callbackTarget(url));
    } catch {
      // a stored URL this version refuses is skipped, as the service would skip a broken handler
    }
  }

  const settle = () => {
    if (inFlight > 0) return;
    const w = waiters;
    waiters = [];
    for (const fn of w) fn();
  };

  function deliver(
    accountId: number,
    kind: CallbackKind & CallbackLogEntry["event"],
    ref: string,
    values: Record<string, string | number>,
  ) {
    if (closed) return;
    const t = targets.get(accountId);
    if (!t) return;
    const encoded = encodeCallback(kind, values, t);
    inFlight++;
    const attempt = async (n: number): Promise<void> => {
      if (closed) return;
      const controller = new AbortController();
      controllers.add(controller);
      const timeout = setTimeout(
        () => controller.abort(new Error(`no answer in ${retry.timeoutMs} ms`)),
        retry.timeoutMs,
      );
      let httpStatus: number | undefined;
      let error: string | undefined;
      try {
        const res = await doFetch(t.url, {
          method: "POST",
          headers: { "Content-Type": encoded.contentType },
          body: encoded.body,
          signal: controller.signal,
        });
        httpStatus = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
      } catch (err) {
        error = describe(err);
      } finally {
        clearTimeout(timeout);
        controllers.delete(controller);
      }
      if (closed) return;
      const ok = error === undefined;
      const final = ok || n >= retry.attempts;
      const entry = store.callbacks.log({
        accountId,
        event: kind,
        ref,
        url: t.redactedUrl,
        attempt: n,
        ...(httpStatus !== undefined ? { httpStatus } : {}),
        ...(error !== undefined ? { error } : {}),
        ok,
        final,
        at: clock(),
      });
      for (const fn of attemptListeners) fn(entry);
      if (!ok) logger.warn(`callback ${kind} ${ref} to ${t.redactedUrl}: attempt ${n} failed: ${error}`);
      if (final) return;
      const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1)) * (0.5 + random() / 2);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, delay);
        timers.add(timer);
      });
      return attempt(n + 1);
    };
    attempt(1)
      .catch((err) => logger.error("callback delivery failed", err))
      .finally(() => {
        if (closed) return;
        inFlight--;
        settle();
      });
  }

  const onStatus = (m: Message) =>
    deliver(m.accountId, "status", String(m.id), {
      id: String(m.id),
      phone: m.phone,
      status: m.status,
      err: m.err,
      type: m.type,
      ts: Math.floor(m.statusAt / 1000),
      cnt: m.parts,
      cost: moneyText(m.cost),
      sender: m.sender,
    });
  const onIncoming = (i: IncomingMessage) =>
    deliver(i.accountId, "incoming", String(i.id), {
      id: i.id,
      phone: i.phone,
      mes: i.text,
      to: i.to,
      sent: Math.floor(i.receivedAt / 1000),
      ts: Math.floor(i.receivedAt / 1000),
    });
  // the subscriber's call: `waitcall` is a marker (1); the signature covers phone and ts (docs/protocol.md)
  const onWaitCall = ({ reason, call }: WaitCallEvent) => {
    if (reason !== "called" || call.calledAt === undefined) return;
    deliver(call.accountId, "waitcall", call.phone, {
      phone: call.phone,
      ts: Math.floor(call.calledAt / 1000),
      waitcall: 1,
    });
  };
  let offs: Array<() => void> = [];
  /** Listens to the core only while some account has a handler URL. */
  const listen = () => {
    if (targets.size > 0 && offs.length === 0 && !closed)
      offs = [
        events.on("status", onStatus),
        events.on("incoming", onIncoming),
        events.on("waitcall", onWaitCall),
      ];
    if (targets.size === 0) {
      for (const off of offs) off();
      offs = [];
    }
  };
  listen();

  return {
    setUrl(accountId, url) {
      const t = url === null ? undefined : callbackTarget(url);
      store.callbacks.setUrl(accountId, url);
      if (t) targets.set(accountId, t);
      else targets.delete(accountId);
      listen();
    },
    redactedUrl: (accountId) => targets.get(accountId)?.redactedUrl,
    pending: () => inFlight,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    onAttempt(fn) {
      attemptListeners.add(fn);
      return () => attemptListeners.delete(fn);
    },
    close() {
      closed = true;
      for (const off of offs) off();
      offs = [];
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const c of controllers) c.abort(new Error("sandbox closed"));
      controllers.clear();
      // pending promises end at their next `closed` check; release idle() waiters now
      inFlight = 0;
      settle();
    },
  };
}

function describe(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string") return code;
    const cause = (e as { cause?: unknown }).cause;
    if (cause === undefined && typeof message === "string") return message;
    e = cause;
  }
  return String(err);
}
