import type { Charset } from "../../protocol/index.js";
import { CallbackError } from "./callback-error.js";
import { type CallbackInput, parseCallback } from "./parse-callback.js";
import type { Callback, IncomingCallback, StatusCallback, WaitCallCallback } from "./types.js";
import { verifyCallback } from "./verify-callback.js";

/** Options of createCallbackHandler and callbackFetchHandler. */
export interface CallbackHandlerOptions {
  /**
   * The secret of the handler URL's `md5=`/`sha1=`/`crc32=`. When set, a callback without a valid signature is
   * refused with 403 and reaches no hook. @default undefined (signatures are not checked)
   */
  secret?: string;
  /** Charset of the bodies (the handler URL's `charset`). @default the request's, else "windows-1251" */
  charset?: Charset;
  /** Called for each delivery status callback. A throw (or rejection) answers 500 so the service retries. */
  onStatus?: (callback: StatusCallback) => unknown;
  /** Called for each incoming SMS. */
  onIncoming?: (callback: IncomingCallback) => unknown;
  /** Called for each "confirm by call" result. */
  onWaitCall?: (callback: WaitCallCallback) => unknown;
  /** Called when a hook throws, before the 500 reply. @default ignore */
  onError?: (error: unknown) => void;
}

/** A handler's answer: 200 "OK" when the callback was accepted. */
export interface CallbackAnswer {
  status: 200 | 400 | 403 | 405 | 500;
  text: string;
}

/** Verifies and dispatches one parsed callback (or the failure to parse one) to the hooks. */
export async function answerCallback(
  parse: () => Callback | Promise<Callback>,
  options: CallbackHandlerOptions,
): Promise<CallbackAnswer> {
  let cb: Callback;
  try {
    cb = await parse();
  } catch (err) {
    if (err instanceof CallbackError) return { status: 400, text: "bad callback" };
    throw err;
  }
  if (options.secret !== undefined && !verifyCallback(cb, options.secret))
    return { status: 403, text: "bad signature" };
  try {
    if (cb.kind === "status") await options.onStatus?.(cb);
    else if (cb.kind === "incoming") await options.onIncoming?.(cb);
    else await options.onWaitCall?.(cb);
  } catch (err) {
    options.onError?.(err);
    return { status: 500, text: "handler failed" };
  }
  return { status: 200, text: "OK" };
}

/** The parts of Node's IncomingMessage the handler reads (structural, so this module needs no Node types). */
export interface NodeLikeRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Set by body-parsing middleware (Express); read as is when present. */
  body?: unknown;
  on(event: "data", fn: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", fn: () => void): unknown;
  on(event: "error", fn: (err: unknown) => void): unknown;
}

/** The parts of Node's ServerResponse the handler writes. */
export interface NodeLikeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/** A Node `http` request listener that is also Express middleware. */
export type NodeCallbackHandler = (
  req: NodeLikeRequest,
  res: NodeLikeResponse,
  next?: (err?: unknown) => void,
) => void;

/**
 * A ready-made callback endpoint for Node's `http` (`http.createServer(handler)`) and Express
 * (`app.post("/smsc", handler)`): parses the POST body (or the query of a GET), checks the signature when a
 * `secret` is given, calls the hook of the callback's kind and answers 200 "OK". Mount it before body parsers that
 * decode as UTF-8, or the service's default windows-1251 text is garbled.
 * @example
 * http.createServer(createCallbackHandler({ secret: "s3cret", onStatus: (cb) => save(cb.id, cb.status) })).listen(8080);
 */
export function createCallbackHandler(options: CallbackHandlerOptions): NodeCallbackHandler {
  return (req, res, next) => {
    const reply = (a: CallbackAnswer) => {
      res.statusCode = a.status;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(a.text);
    };
    const method = (req.method ?? "POST").toUpperCase();
    if (method !== "POST" && method !== "GET") {
      reply({ status: 405, text: "method not allowed" });
      return;
    }
    const contentType = String(req.headers["content-type"] ?? "");
    const charset = options.charset ?? charsetOf(contentType) ?? charsetOf(req.url ?? "");
    const parseOptions = charset ? { charset } : {};
    const parse = async (): Promise<Callback> => {
      if (method === "GET") return parseCallback(new URLSearchParams((req.url ?? "").split("?")[1] ?? ""));
      if (req.body !== undefined && req.body !== null && !isEmptyObject(req.body))
        return parseCallback(req.body as CallbackInput, parseOptions);
      return parseCallback(await readAll(req), parseOptions);
    };
    answerCallback(parse, options).then(reply, (err) => {
      if (next) next(err);
      else reply({ status: 500, text: "handler failed" });
    });
  };
}

/**
 * A callback endpoint for fetch-style frameworks (Hono, Cloudflare Workers, Bun, Deno): `(request) => Response`,
 * with the behaviour of createCallbackHandler.
 * @example
 * Bun.serve({ fetch: callbackFetchHandler({ onIncoming: (sms) => reply(sms.phone) }) });
 */
export function callbackFetchHandler(
  options: CallbackHandlerOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    const answer =
      method === "POST"
        ? await answerCallback(
            () => parseCallback(request, options.charset ? { charset: options.charset } : {}),
            options,
          )
        : method === "GET"
          ? await answerCallback(() => parseCallback(new URL(request.url).searchParams), options)
          : ({ status: 405, text: "method not allowed" } as const);
    return new Response(answer.text, {
      status: answer.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  };
}

function charsetOf(s: string): Charset | undefined {
  const m = /charset=([\w-]+)/i.exec(s)?.[1]?.toLowerCase();
  return m === "utf-8" || m === "koi8-r" || m === "windows-1251" ? m : undefined;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === "object" && !(v instanceof Uint8Array) && Object.keys(v as object).length === 0;
}

function readAll(req: NodeLikeRequest): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on("data", (c) => {
      const bytes = typeof c === "string" ? new TextEncoder().encode(c) : c;
      size += bytes.length;
      // a callback is a handful of short fields; refuse to buffer an unbounded body
      if (size > 1_000_000) reject(new CallbackError("smsc: the callback body is too large"));
      else chunks.push(bytes);
    });
    req.on("end", () => {
      const out = new Uint8Array(size);
      let off = 0;
      for (const c of chunks) {
        out.set(c, off);
        off += c.length;
      }
      resolve(out);
    });
    req.on("error", reject);
  });
}
