import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../core/logger.js";
import { silentLogger } from "../core/logger.js";
import { answerClientError } from "./client-error.js";
import { BodyTooLargeError, type HttpRequest, type HttpResponse } from "./http-types.js";
import type { Router } from "./router.js";

/** A Node request seen as the router's HttpRequest. */
class NodeRequest implements HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  params: Record<string, string> = {};
  #abort: AbortController | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.method = req.method ?? "GET";
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    this.path = q < 0 ? url : url.slice(0, q);
    this.query = q < 0 ? "" : url.slice(q + 1);
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name];
    return Array.isArray(v) ? v.join(", ") : v;
  }

  body(limit: number): Promise<Uint8Array> {
    const req = this.req;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) {
          chunks.push(chunk);
          return;
        }
        // refuse at once and let the rest of the body drain without keeping it
        req.off("data", onData);
        req.off("end", onEnd);
        req.resume();
        reject(new BodyTooLargeError(limit));
      };
      const onEnd = () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
      req.on("data", onData);
      req.once("end", onEnd);
      req.once("error", reject);
    });
  }

  get remoteAddress(): string | undefined {
    return this.req.socket.remoteAddress;
  }

  get localPort(): number | undefined {
    return this.req.socket.localPort;
  }

  get signal(): AbortSignal {
    if (!this.#abort) {
      const abort = new AbortController();
      this.#abort = abort;
      // the request stream closes once read; the response's close before its end is the client leaving
      this.res.on("close", () => {
        if (!this.res.writableEnded) abort.abort(new Error("client went away"));
      });
    }
    return this.#abort.signal;
  }
}

/** Writes a router response onto a Node response. */
function write(req: IncomingMessage, res: ServerResponse, out: HttpResponse): void {
  if ("drop" in out) {
    req.socket.destroy();
    return;
  }
  if ("stream" in out) {
    res.writeHead(out.status, out.headers);
    const closers: Array<() => void> = [];
    res.on("close", () => {
      for (const fn of closers) fn();
    });
    out.stream({
      write: (chunk) => !res.destroyed && res.write(chunk),
      end: () => res.end(),
      onClose: (fn) => closers.push(fn),
    });
    return;
  }
  const body = out.body;
  const length =
    body === undefined ? undefined : typeof body === "string" ? Buffer.byteLength(body) : body.length;
  res.writeHead(out.status, {
    ...out.headers,
    ...(length !== undefined ? { "Content-Length": String(length) } : {}),
  });
  if (out.afterSend) res.once("finish", out.afterSend);
  // Node writes the head and a string body in one piece; a byte body would take a second write (writev)
  if (body === undefined || typeof body === "string") res.end(body);
  else if (body.length <= INLINE_BODY)
    res.end(Buffer.from(body.buffer, body.byteOffset, body.length).toString("latin1"), "latin1");
  else res.end(body);
}

/** Byte bodies up to this size are sent with the head in one write. */
const INLINE_BODY = 16 * 1024;

/** Replies finished in this turn of the event loop, not written yet. */
let queued: Array<() => void> = [];

function flush(): void {
  const q = queued;
  queued = [];
  for (const fn of q) fn();
}

/**
 * Writes a finished reply at the end of this turn, with every other reply finished in it. A client waiting on many
 * connections then wakes once for a burst of replies instead of once per reply; on a loaded two-core machine that
 * wake-up is most of a write's cost (status.php at 32 connections: about 1.7x the replies per second). A reply
 * waits for no more than the rest of the turn.
 */
function later(fn: () => void): void {
  if (queued.push(fn) === 1) setImmediate(flush);
}

/** The Node request listener that serves a router. */
function nodeListener(router: Router, logger: Logger = silentLogger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    router.handle(new NodeRequest(req, res)).then(
      (out) =>
        later(() => {
          if (!res.destroyed && !res.headersSent) write(req, res, out);
        }),
      (err) => {
        logger.error(`${req.method} ${req.url} failed`, err);
        if (!res.headersSent)
          res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("internal error\n");
        else res.destroy();
      },
    );
  };
}

/** A Node HTTP server over a router, not listening yet; requests Node cannot parse get an answer in their shape. */
export function createNodeServer(router: Router, logger?: Logger): Server {
  return createServer(nodeListener(router, logger)).on("clientError", answerClientError);
}
