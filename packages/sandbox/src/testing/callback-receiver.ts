import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Callback, type CallbackKind, parseCallback } from "smsc";
import { normalizeCharset } from "smsc/protocol";
import { WaitTimeoutError } from "./message-waiter.js";

/** One callback the receiver got. */
export interface ReceivedCallback {
  /** The callback, parsed by the SDK's `parseCallback` (so `verifyCallback(received.callback, secret)` checks it). */
  callback: Callback;
  /** The request's body as it came. */
  body: Uint8Array;
  contentType: string;
  /** The path and query it was sent to. */
  path: string;
}

/** What `waitFor` waits for. */
export interface CallbackMatch {
  kind?: CallbackKind;
  /** The callback's `phone` (digits, as the sandbox sends them). */
  phone?: string;
  /** A status callback's message id. */
  id?: string;
  /** @default 10000 */
  timeout?: number;
}

/** A handler URL to point an account's callbacks at, for tests (https://github.com/smsc-kz/smsc/blob/main/docs/callbacks.md "Testing"). */
export interface CallbackReceiver {
  /** `http://127.0.0.1:<port>/callback`; add `?md5=<secret>` (or sha1, crc32, charset, fmt) when setting it. */
  readonly url: string;
  /** Every callback received, oldest first. */
  readonly received: readonly ReceivedCallback[];
  /**
   * Resolves with the oldest matching callback no earlier call returned, waiting for one to arrive; rejects with a
   * WaitTimeoutError after `timeout` ms.
   */
  waitFor(match?: CallbackMatch): Promise<ReceivedCallback>;
  /** Stops listening. */
  close(): Promise<void>;
}

/** The largest body the receiver reads; callbacks are a few short fields. */
const MAX_BODY = 1 << 20;

/**
 * Starts a callback handler on 127.0.0.1 (a free port) that records what the sandbox (or the service) POSTs to it and
 * answers 200 "OK" — or `status` when given, to test retries. Bodies that are no callback get 400.
 * @example
 * const receiver = await startCallbackReceiver();
 * sandbox.callbacks.setUrl(account.id, `${receiver.url}?md5=secret`);
 * const { callback } = await receiver.waitFor({ kind: "waitcall", phone: "77011234567" });
 * expect(verifyCallback(callback, "secret")).toBe(true);
 */
export async function startCallbackReceiver(options: { status?: number } = {}): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const handedOut = new Set<ReceivedCallback>();
  const waiters = new Set<() => void>();

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const contentType = req.headers["content-type"] ?? "";
        const charset = normalizeCharset(/charset=([^;\s]+)/i.exec(contentType)?.[1]) ?? "windows-1251";
        let callback: Callback;
        try {
          callback = parseCallback(body, { charset });
        } catch {
          return answer(res, 400, "not a callback");
        }
        received.push({ callback, body, contentType, path: req.url ?? "/" });
        for (const w of [...waiters]) w();
        answer(res, options.status ?? 200, "OK");
      })
      .catch(() => answer(res, 400, "bad body"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  const matches = (r: ReceivedCallback, m: CallbackMatch) =>
    (m.kind === undefined || r.callback.kind === m.kind) &&
    (m.phone === undefined || r.callback.phone === m.phone) &&
    (m.id === undefined || (r.callback.kind === "status" && r.callback.id === m.id));
  const take = (m: CallbackMatch) => {
    const hit = received.find((r) => !handedOut.has(r) && matches(r, m));
    if (hit) handedOut.add(hit);
    return hit;
  };

  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    waitFor(m = {}) {
      const now = take(m);
      if (now) return Promise.resolve(now);
      const timeout = m.timeout ?? 10_000;
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = take(m);
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const what = [m.kind ?? "any", m.phone && `from ${m.phone}`, m.id && `for ${m.id}`];
          reject(
            new WaitTimeoutError(
              `no ${what.filter(Boolean).join(" ")} callback arrived within ${timeout} ms`,
            ),
          );
        }, timeout);
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end(text);
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
