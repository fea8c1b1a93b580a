// Helpers of the inspection API tests: JSON calls and an SSE reader over real sockets.

/** Parsed JSON, loosely typed: the tests assert its shape. */
type Json = ReturnType<typeof JSON.parse>;

/** Calls the inspection API and returns the status and the parsed JSON body. */
export async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    // the API refuses a POST without it, even with no body (a page on another origin cannot send it)
    ...(method === "GET" ? {} : { headers: { "Content-Type": "application/json" } }),
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** One server-sent event. */
export interface SseEvent {
  id?: string;
  event: string;
  data: Json;
}

/** Reads `GET /api/v1/events`; `next(name)` resolves with the next event of that name. */
export async function openEvents(base: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const queue: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = "";
  let waiting: (() => void) | undefined;
  let ended = false;
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut = buffer.indexOf("\n\n");
        while (cut >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const ev: Partial<SseEvent> = {};
          for (const line of frame.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else if (line.startsWith("event: ")) ev.event = line.slice(7);
            else if (line.startsWith("id: ")) ev.id = line.slice(4);
            else if (line.startsWith("data: ")) ev.data = JSON.parse(line.slice(6));
          }
          if (ev.event) queue.push(ev as SseEvent);
          cut = buffer.indexOf("\n\n");
        }
        waiting?.();
      }
    } catch {
      // aborted by close()
    }
    ended = true;
    waiting?.();
  })();
  return {
    response: res,
    comments,
    get ended() {
      return ended;
    },
    async next(name: string): Promise<SseEvent> {
      for (;;) {
        const i = queue.findIndex((e) => e.event === name);
        if (i >= 0) return queue.splice(i, 1)[0]!;
        if (ended) throw new Error(`the stream ended before a "${name}" event`);
        await new Promise<void>((r) => {
          waiting = r;
        });
      }
    },
    /** Resolves when the server ends the stream. */
    async end(): Promise<void> {
      while (!ended) await new Promise<void>((r) => (waiting = r));
    },
    close: () => abort.abort(),
  };
}
