import {
  decodeError,
  decodeText,
  ENDPOINTS,
  type Endpoint,
  type ErrorReply,
  encodeForm,
  encodeRestBody,
  type Fmt,
  type FormFields,
  REST_ENDPOINTS,
} from "../protocol/index.js";
import { backoffDelay, parseRetryAfter } from "./backoff.js";
import { ApiError, ConnectionError, TimeoutError } from "./errors.js";
import { describeFailure, provesNotSent } from "./failure.js";
import { redactFields, SECRET_FIELDS } from "./logger.js";
import type { RequestOptions, ResolvedOptions } from "./options.js";
import { INSPECT, Redactor } from "./redact.js";

/**
 * How a request treats redirects. The service answers its scripts directly; a redirect followed on a POST turns it
 * into a GET without the form (301, 302) or posts the form again elsewhere (307, 308), so none is followed: the
 * 3xx fails the attempt. `error` with no window also spares Node's fetch a copy of every request body (it tees the
 * body of any request that may be redirected); Cloudflare Workers do not implement `error` and get `manual`, where
 * the 3xx reply fails the attempt as any other HTTP error does.
 */
const REQUEST_MODE: Pick<RequestInit, "redirect" | "window"> =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers"
    ? { redirect: "manual" }
    : { redirect: "error", window: null };

/** A reply read from one host. */
export interface Exchange {
  /** The decoded body. */
  body: string;
  /** HTTP status. */
  status: number;
  /** The base URL that answered. */
  host: string;
}

/** Settings of one call: per-call overrides plus the response format. */
export interface CallSettings extends RequestOptions {
  /** Response format asked for with `fmt`. @default 3 */
  fmt?: Fmt;
}

/** Where the next attempt of a call goes, and what the attempts so far met. */
export interface HostCursor {
  /** Index into the hosts of the next attempt. */
  index: number;
  /** The failed attempts, in order. */
  failed?: FailedAttempt[];
}

/** One attempt that got no usable reply: the host and what happened there ("ECONNREFUSED", "HTTP 502"). */
export interface FailedAttempt {
  host: string;
  reason: string;
}

/** A failed attempt, from its error. */
export function failedAttempt(e: ConnectionError): FailedAttempt {
  const reason =
    e instanceof TimeoutError
      ? `no reply within ${e.timeout} ms`
      : e.status !== undefined
        ? `HTTP ${e.status}`
        : describeFailure(e.cause ?? e);
  return { host: e.host, reason };
}

/**
 * The error that ends a call after attempts on several hosts: the last one's class and fields, its message naming
 * every host tried and what each did (one host: the last error as it is).
 */
export function namingHosts(
  endpoint: Endpoint,
  last: ConnectionError,
  failed: readonly FailedAttempt[] = [],
): ConnectionError {
  const byHost = new Map<string, string[]>();
  for (const f of failed) byHost.set(f.host, [...(byHost.get(f.host) ?? []), f.reason]);
  if (byHost.size < 2) return last;
  const hosts = [...byHost].map(
    ([host, reasons]) =>
      `${host} (${[...new Set(reasons)].join(", ")}${reasons.length > 1 ? `, ${reasons.length} attempts` : ""})`,
  );
  const message = `smsc: ${endpoint} request failed on every host: ${hosts.join("; ")}`;
  if (last instanceof TimeoutError)
    return new TimeoutError(last.host, last.timeout, { message, cause: last });
  return new ConnectionError(message, {
    host: last.host,
    maybeSent: last.maybeSent,
    ...(last.status !== undefined ? { status: last.status } : {}),
    ...(last.retryAfterMs !== undefined ? { retryAfterMs: last.retryAfterMs } : {}),
    cause: last,
  });
}

/** Whether a decoded reply is an API error. */
export function isErrorReply(r: unknown): r is ErrorReply {
  return typeof r === "object" && r !== null && "code" in r && "error" in r;
}

/**
 * The one transport of the SDK: owns hosts, credentials, charset, timeouts, retries and logging. Credentials
 * travel only in POST bodies, and never reach an error, the debug log or an inspected object, even when a peer
 * echoes the request back (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Secrets").
 */
export class Transport {
  readonly #redactor: Redactor;

  constructor(readonly options: ResolvedOptions) {
    const secrets = options.auth.filter(([k]) => SECRET_FIELDS.has(k)).map(([, v]) => v);
    this.#redactor = new Redactor(secrets, [options.charset]);
  }

  /** The text with this client's secrets masked: for anything a peer said that is shown to the user. */
  redact(text: string): string {
    return this.#redactor.text(text);
  }

  /** The ApiError for an error reply, its description and body with this client's secrets masked. */
  apiError(reply: ErrorReply, endpoint: Endpoint, ex: Pick<Exchange, "body" | "status">): ApiError {
    return ApiError.from(
      { ...reply, error: this.redact(reply.error) },
      endpoint,
      this.redact(ex.body),
      ex.status,
    );
  }

  /** util.inspect / console.log: the hosts and the login, never a secret. */
  [INSPECT](_depth: number, options: unknown, inspect?: (v: unknown, o?: unknown) => string): string {
    const shown = {
      baseUrls: this.hosts,
      auth: redactFields(this.options.auth),
      charset: this.options.charset,
    };
    return `Transport ${inspect ? inspect(shown, options) : JSON.stringify(shown)}`;
  }

  /** JSON.stringify: the same as util.inspect shows. */
  toJSON(): Record<string, unknown> {
    return { baseUrls: this.hosts, auth: redactFields(this.options.auth), charset: this.options.charset };
  }

  /** Base URLs in failover order. */
  get hosts(): readonly string[] {
    return this.options.baseUrls;
  }

  /**
   * One HTTP attempt against one host. Resolves with the body of any reply the service produced (API errors
   * included); throws ConnectionError / TimeoutError when there is none, or the caller's abort reason.
   */
  async attempt(
    host: string,
    endpoint: Endpoint,
    fields: FormFields,
    call: CallSettings = {},
  ): Promise<Exchange> {
    const o = this.options;
    const fmt = call.fmt ?? 3;
    const all: FormFields = [...o.auth, ["fmt", String(fmt)], ["charset", o.charset], ...fields];
    // REST carries the same fields as one JSON object (always UTF-8); only send.php has a REST twin
    const rest = o.transport === "rest" && Object.hasOwn(REST_ENDPOINTS, endpoint);
    const url = host + (rest ? REST_ENDPOINTS[endpoint as keyof typeof REST_ENDPOINTS] : ENDPOINTS[endpoint]);
    o.logger?.debug("smsc request", { url, fields: redactFields(all) });
    const timeout = call.timeout ?? o.timeout;
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeout);
    const signals = [o.signal, call.signal].filter((s): s is AbortSignal => s !== undefined);
    const forward = () => ctrl.abort();
    for (const s of signals) {
      if (s.aborted) {
        clearTimeout(timer);
        throw s.reason;
      }
      s.addEventListener("abort", forward, { once: true });
    }
    try {
      const res = await o.fetch(url, {
        method: "POST",
        headers: {
          "content-type": rest
            ? "application/json; charset=utf-8"
            : `application/x-www-form-urlencoded; charset=${o.charset}`,
        },
        body: rest ? encodeRestBody(all) : encodeForm(all, o.charset),
        signal: ctrl.signal,
        ...REQUEST_MODE,
      });
      const body = decodeText(new Uint8Array(await res.arrayBuffer()), o.charset);
      o.logger?.debug("smsc response", { url, status: res.status, body: this.redact(body) });
      if (!res.ok && !decodeError(body, fmt)) {
        throw new ConnectionError(`smsc: ${endpoint} request to ${host} got HTTP ${res.status}`, {
          host,
          // a rate limiter answers 429 before processing; any other status proves nothing either way
          maybeSent: res.status !== 429,
          status: res.status,
          retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), o.clock.now()),
        });
      }
      return { body, status: res.status, host };
    } catch (e) {
      if (e instanceof ConnectionError) throw e;
      const aborted = signals.find((s) => s.aborted);
      if (aborted) throw aborted.reason;
      if (timedOut) throw new TimeoutError(host, timeout);
      const failure = this.redact(describeFailure(e));
      o.logger?.debug("smsc failure", { url, error: failure });
      throw new ConnectionError(`smsc: ${endpoint} request to ${host} failed: ${failure}`, {
        host,
        maybeSent: !provesNotSent(e),
        cause: this.#redactor.error(e),
      });
    } finally {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener("abort", forward);
    }
  }

  /**
   * Tries hosts in order from `cursor.index` until one replies. A failure that proves nothing was sent moves on
   * at once; any other failure is thrown, with `cursor.index` left on the host after the failed one, where a retry
   * should go.
   */
  async firstReply(
    endpoint: Endpoint,
    fields: FormFields,
    call: CallSettings,
    cursor: HostCursor = { index: 0 },
  ): Promise<Exchange> {
    const hosts = this.hosts;
    let last: unknown;
    for (let i = 0; i < hosts.length; i++) {
      const index = cursor.index % hosts.length;
      cursor.index = index + 1;
      try {
        return await this.attempt(hosts[index]!, endpoint, fields, call);
      } catch (e) {
        if (e instanceof ConnectionError) cursor.failed?.push(failedAttempt(e));
        if (!(e instanceof ConnectionError) || e.maybeSent) throw e;
        last = e;
      }
    }
    throw last;
  }

  /**
   * A read call (status, balance, cost): across hosts, retried with bounded, jittered exponential back-off on
   * connection failures, timeouts, HTTP 429 and 5xx. API errors are thrown at once; error 9 included, because
   * the service's windows are a minute long, longer than the whole back-off budget.
   */
  async read<T>(
    endpoint: Endpoint,
    fields: FormFields,
    decode: (body: string) => T | ErrorReply,
    call: CallSettings = {},
  ): Promise<T> {
    const o = this.options;
    const retries = call.maxRetries ?? o.maxRetries;
    const cursor: HostCursor = { index: 0, failed: [] };
    for (let retry = 0; ; retry++) {
      try {
        const ex = await this.firstReply(endpoint, fields, call, cursor);
        const r = decode(ex.body);
        if (isErrorReply(r)) throw this.apiError(r, endpoint, ex);
        return r;
      } catch (e) {
        if (!(e instanceof ConnectionError)) throw e;
        if (retry >= retries) throw namingHosts(endpoint, e, cursor.failed);
        const delay = backoffDelay(retry, o.random, e.retryAfterMs);
        o.logger?.debug("smsc retry", { endpoint, retry: retry + 1, delayMs: delay, reason: e.message });
        await o.clock.sleep(delay, call.signal ?? o.signal);
      }
    }
  }
}
