import type { IncomingMessage, ServerResponse } from "node:http";

/** How often an idle stream gets a comment line, so proxies and clients see it alive. */
export const HEARTBEAT_MS = 15_000;

/** The live event stream behind `GET /api/v1/events` (Server-Sent Events, one JSON object per event). */
export interface EventStream {
  /** Sends an event to every connected client. */
  publish(event: string, data: unknown): void;
  /** Answers a request with the stream; it stays open until the client leaves or the stream closes. */
  connect(req: IncomingMessage, res: ServerResponse): void;
  /** Number of connected clients. */
  readonly clients: number;
  /** Ends every client's response. */
  close(): void;
}

/**
 * Creates the event stream. Each event is written as `id: <n>`, `event: <name>`, `data: <json>` and a blank line;
 * a `: ping` comment goes out every `heartbeatMs`.
 */
export function createEventStream(heartbeatMs = HEARTBEAT_MS): EventStream {
  const clients = new Set<ServerResponse>();
  let seq = 0;
  let closed = false;
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(": ping\n\n");
  }, heartbeatMs);
  heartbeat.unref();

  return {
    publish(event, data) {
      if (clients.size === 0) return;
      seq += 1;
      // JSON never holds a raw line break, so one data line carries the whole object
      const frame = `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    connect(_req, res) {
      if (closed) {
        res.writeHead(503, { "Content-Type": "application/json; charset=utf-8" });
        res.end('{"error":"the sandbox is closing"}');
        return;
      }
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write("retry: 2000\n: connected\n\n");
      clients.add(res);
      res.on("close", () => clients.delete(res));
    },
    get clients() {
      return clients.size;
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
