import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../core/logger.js";
import { silentLogger } from "../core/logger.js";
import { turnBudget } from "../core/turn-budget.js";
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

/** Finished replies not written yet. */
let queued: Array<() => void> = [];
/** Replies finished in the task running now (the callback of one socket read, one group commit, …). */
let ofThisTask = 0;
let taskEndScheduled = false;
let turnEndScheduled = false;

function flush(): void {
  const q = queued;
  queued = [];
  for (const fn of q) fn();
}

function endOfTask(): void {
  taskEndScheduled = false;
  const n = ofThisTask;
  ofThisTask = 0;
  // while long work is sliced, the end of the turn comes only after its next slice: a small reply goes out now
  if (n > 1 || turnBudget.waiting > 0) flush();
}

function endOfTurn(): void {
  turnEndScheduled = false;
  flush();
}

/**
 * Writes a finished reply together with others. A client waiting on many connections then wakes once for a burst of
 * replies instead of once per reply; on a loaded two-core machine that wake-up is most of a write's cost. Replies
 * finished by one task together (the sends of one group commit) go out when it ends; a reply finished alone (a
 * status.php read in the poll phase) waits for the end of this turn of the event loop, for the replies of the other
 * sockets read in it, unless long work is being sliced (its next slice would come first). Same run, BENCH_QUICK:
 * status.php 0.25x → 0.5–0.7x the bare server, send.php 0.30x → 0.35x.
 */
function later(fn: () => void): void {
  queued.push(fn);
  ofThisTask++;
  // a tick queued from a promise job runs once every pending job has run: after the whole task
  if (!taskEndScheduled) {
    taskEndScheduled = true;
    process.nextTick(endOfTask);
  }
  if (!turnEndScheduled) {
    turnEndScheduled = true;
    setImmediate(endOfTurn);
  }
}

/** The Node request listener that serves a router. */
function nodeListener(router: Router, logger: Logger = silentLogger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    router.handle(new NodeRequest(req, res)).then(
      (out) =>
        later(() => {
          try {
            // a connection already answered for a request Node could not parse (clientError) gets nothing more
            if (!res.destroyed && !res.headersSent && !req.socket.writableEnded) write(req, res, out);
          } catch (err) {
            // written outside the handler's promise: a bad reply (a header Node refuses) must not stop the others
            logger.error(`${req.method} ${req.url} failed`, err);
            res.destroy();
          }
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
  return createServer(nodeListener(router, logger)).on("clientError", (err, socket) => {
    // the answer goes straight onto the socket: a reply still waiting in the batch must go out before it
    flush();
    answerClientError(err, socket);
  });
}
