import type { HttpResponse, StreamSink } from "../http-types.js";
import { json } from "../respond.js";

/** How often an idle stream gets a comment line, so proxies and clients see it alive. */
export const HEARTBEAT_MS = 15_000;

/** The live event stream behind `GET /api/v1/events` (Server-Sent Events, one JSON object per event). */
export interface EventStream {
  /** Sends an event to every connected client; `data` is built only when one is connected. */
  publish(event: string, data: () => unknown): void;
  /** The response that joins a client to the stream; it stays open until the client leaves or the stream closes. */
  connect(): HttpResponse;
  /** Number of connected clients. */
  readonly clients: number;
  /** Ends every client's response. */
  close(): void;
}

/**
 * Creates the event stream. Each event is written as `id: <n>`, `event: <name>`, `data: <json>` and a blank line;
 * a `: ping` comment goes out every `heartbeatMs`. `onActive(true)` runs when the first client joins and
 * `onActive(false)` when the last leaves, so the events feeding the stream are listened to only while it has
 * clients.
 */
export function createEventStream(
  options: { heartbeatMs?: number; onActive?: (active: boolean) => void } = {},
): EventStream {
  const clients = new Set<StreamSink>();
  let seq = 0;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;

  const leave = (sink: StreamSink) => {
    if (!clients.delete(sink) || clients.size > 0) return;
    clearInterval(heartbeat);
    heartbeat = undefined;
    options.onActive?.(false);
  };

  return {
    publish(event, data) {
      if (clients.size === 0) return;
      seq += 1;
      // JSON never holds a raw line break, so one data line carries the whole object
      const frame = `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data())}\n\n`;
      for (const sink of clients) sink.write(frame);
    },
    connect() {
      if (closed) return json(503, { error: "the sandbox is closing" });
      return {
        status: 200,
        headers: {
          "Content-Type": "text/event-stream; charset=utf-8",
          "Cache-Control": "no-store",
          Connection: "keep-alive",
          "X-Accel-Buffering": "no",
        },
        stream(sink) {
          sink.write("retry: 2000\n: connected\n\n");
          if (closed) return sink.end();
          clients.add(sink);
          sink.onClose(() => leave(sink));
          if (clients.size === 1) {
            options.onActive?.(true);
            heartbeat = setInterval(() => {
              for (const s of clients) s.write(": ping\n\n");
            }, options.heartbeatMs ?? HEARTBEAT_MS);
            heartbeat.unref();
          }
        },
      };
    },
    get clients() {
      return clients.size;
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      heartbeat = undefined;
      const had = clients.size > 0;
      for (const sink of [...clients]) sink.end();
      clients.clear();
      if (had) options.onActive?.(false);
    },
  };
}
