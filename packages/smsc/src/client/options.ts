import {
  type Charset,
  DEFAULT_DOMAIN,
  DOMAINS,
  type Domain,
  mirrorHosts,
  normalizeCharset,
} from "../protocol/index.js";
import { InvalidOptionError } from "./errors.js";
import { redactFields, type SmscLogger } from "./logger.js";
import { hideSecrets } from "./redact.js";
import { type Clock, cryptoRandom, readEnv, systemClock } from "./runtime.js";

/** Options of `new Smsc(options)`. Explicit options win over environment variables. */
export interface SmscOptions {
  /** Account login. Not needed with `apiKey`. @default process.env.SMSC_LOGIN */
  login?: string;
  /**
   * Password, or the lower-case hex MD5 of it (the service accepts both; the SDK sends it as given).
   * @default process.env.SMSC_PASSWORD
   */
  password?: string;
  /** API key, used instead of login and password. @default process.env.SMSC_API_KEY */
  apiKey?: string;
  /**
   * Brand domain; requests go to it and then to its mirrors www2…www5 (spec §1.1). Ignored with `baseUrl`.
   * @default "smsc.kz"
   */
  domain?: Domain;
  /**
   * Base URL (scheme, host, optional path; `/sys/<script>.php` is appended), or a list of them tried in order
   * on failure. Replaces `domain`. @default process.env.SMSC_BASE_URL (a comma-separated list is accepted)
   */
  baseUrl?: string | readonly string[];
  /** Use HTTPS for `domain` hosts. @default true */
  https?: boolean;
  /**
   * Charset of request and response bodies, sent as `charset`. The service's default is windows-1251, but the
   * SDK sends utf-8 because windows-1251 lacks the Kazakh letters (ә ғ қ ң ө ұ ү һ і). @default "utf-8"
   */
  charset?: Charset;
  /** Milliseconds one HTTP attempt may take, reading the reply included. @default 30000 */
  timeout?: number;
  /** Retries of a read call (status, balance, cost) after a failed attempt; sends are never retried blindly. @default 2 */
  maxRetries?: number;
  /** Aborts every call of this client. */
  signal?: AbortSignal;
  /** The fetch implementation, e.g. one bound to a proxy dispatcher. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Receives every request and response with psw and apikey masked. @default no logging */
  logger?: SmscLogger;
  /** Clock for back-off delays. @default Date.now and setTimeout */
  clock?: Clock;
  /** Uniform random numbers in [0, 1) for back-off jitter and generated message ids. @default crypto.getRandomValues */
  random?: () => number;
  /**
   * How `send` and `cost` reach the service: `"http"` posts a form to `/sys/send.php`, `"rest"` posts a JSON body to
   * `/rest/send/` (api-surface §13). Sends keep their guarantees either way (an id on every send, a lost reply
   * recovered through status.php, never sent twice); the other scripts always use `/sys`. @default "http"
   */
  transport?: ApiTransport;
}

/** The two ways to send: the /sys form scripts, or REST with a JSON body. */
export type ApiTransport = "http" | "rest";

/** Per-call overrides. */
export interface RequestOptions {
  /** Aborts this call. */
  signal?: AbortSignal;
  /** Milliseconds one HTTP attempt may take. */
  timeout?: number;
  /** Retries of a read call. */
  maxRetries?: number;
}

/** Options after defaults and environment are applied. */
export interface ResolvedOptions {
  auth: ReadonlyArray<readonly [string, string]>;
  /** Base URLs in failover order, without a trailing slash. */
  baseUrls: string[];
  charset: Charset;
  timeout: number;
  maxRetries: number;
  signal?: AbortSignal;
  fetch: typeof fetch;
  logger?: SmscLogger;
  clock: Clock;
  random: () => number;
  transport: ApiTransport;
}

/** Applies defaults and environment variables and validates every option, naming the bad one. */
export function resolveOptions(o: SmscOptions): ResolvedOptions {
  const auth = resolveAuth(o);
  const resolved: ResolvedOptions = {
    auth,
    baseUrls: resolveBaseUrls(o),
    charset: resolveCharset(o.charset),
    timeout: positive("timeout", o.timeout ?? 30_000),
    maxRetries: count("maxRetries", o.maxRetries ?? 2),
    ...(o.signal ? { signal: o.signal } : {}),
    fetch: resolveFetch(o.fetch),
    ...(o.logger ? { logger: o.logger } : {}),
    clock: o.clock ?? systemClock,
    random: o.random ?? cryptoRandom,
    transport: resolveTransport(o.transport),
  };
  // console.log(options) and JSON.stringify(options) show the login, never the password or API key
  return hideSecrets(resolved, ["auth"], { auth: Object.entries(redactFields(auth)) });
}

function resolveAuth(o: SmscOptions): Array<[string, string]> {
  const explicitLogin = o.login !== undefined || o.password !== undefined;
  const apiKey = o.apiKey ?? (explicitLogin ? undefined : readEnv("SMSC_API_KEY"));
  if (apiKey !== undefined) {
    if (typeof apiKey !== "string" || apiKey === "")
      throw new InvalidOptionError("apiKey", "must be a non-empty string");
    return [["apikey", apiKey]];
  }
  const login = o.login ?? readEnv("SMSC_LOGIN");
  const password = o.password ?? readEnv("SMSC_PASSWORD");
  if (typeof login !== "string" || login === "")
    throw new InvalidOptionError("login", "is required (or apiKey; env SMSC_LOGIN / SMSC_API_KEY)");
  if (typeof password !== "string" || password === "")
    throw new InvalidOptionError("password", "is required with login (env SMSC_PASSWORD)");
  return [
    ["login", login],
    ["psw", password],
  ];
}

function resolveBaseUrls(o: SmscOptions): string[] {
  const given = o.baseUrl ?? (o.domain === undefined ? readEnv("SMSC_BASE_URL")?.split(",") : undefined);
  if (given !== undefined) {
    const list = (typeof given === "string" ? [given] : [...given]).map((u) => u.trim()).filter(Boolean);
    if (list.length === 0) throw new InvalidOptionError("baseUrl", "must name at least one URL");
    return list.map(checkUrl);
  }
  const domain = o.domain ?? DEFAULT_DOMAIN;
  if (!(DOMAINS as readonly string[]).includes(domain))
    throw new InvalidOptionError("domain", `must be one of ${DOMAINS.join(", ")}`);
  if (o.https !== undefined && typeof o.https !== "boolean")
    throw new InvalidOptionError("https", "must be a boolean");
  const scheme = o.https === false ? "http" : "https";
  return mirrorHosts(domain).map((h) => `${scheme}://${h}`);
}

function checkUrl(u: string): string {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    throw new InvalidOptionError("baseUrl", `is not a URL: ${withoutUserinfo(u)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new InvalidOptionError("baseUrl", `must use http or https: ${withoutUserinfo(u)}`);
  // credentials in a URL would end up in logs and errors
  if (url.username || url.password) throw new InvalidOptionError("baseUrl", "must not contain credentials");
  if (url.search || url.hash) throw new InvalidOptionError("baseUrl", "must not contain a query or fragment");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** A URL as text with anything before an "@" of its authority masked: it may be `user:password`. */
function withoutUserinfo(u: string): string {
  return u.replace(/^([^/?#]*:\/\/)?[^/?#]*@/, (_m, scheme: string | undefined) => `${scheme ?? ""}***@`);
}

function resolveTransport(t: unknown): ApiTransport {
  if (t === undefined) return "http";
  if (t !== "http" && t !== "rest") throw new InvalidOptionError("transport", 'must be "http" or "rest"');
  return t;
}

function resolveCharset(c: string | undefined): Charset {
  if (c === undefined) return "utf-8";
  const n = normalizeCharset(c);
  if (!n) throw new InvalidOptionError("charset", "must be utf-8, windows-1251 or koi8-r");
  return n;
}

function resolveFetch(f: typeof fetch | undefined): typeof fetch {
  const impl = f ?? globalThis.fetch;
  if (typeof impl !== "function")
    throw new InvalidOptionError("fetch", "must be a function (no global fetch found)");
  return f ?? ((input, init) => globalThis.fetch(input, init));
}

/** Validates a timeout-like option: a positive finite number. */
function positive(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
    throw new InvalidOptionError(name, "must be a positive number of milliseconds");
  return v;
}

/** Validates a count option: a non-negative integer. */
function count(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 10)
    throw new InvalidOptionError(name, "must be an integer from 0 to 10");
  return v;
}
