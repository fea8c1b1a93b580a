import type { ErrorReply } from "smsc/protocol";
import type { Fate, FateKind } from "../../core/fate.js";
import type { HttpRequest, HttpResponse } from "../http-types.js";

/** How an HTTP surface renders each fate: the reply, the service's error, or a connection destroyed unanswered. */
export type HttpFateTable = Readonly<Record<FateKind, "reply" | "error" | "drop">>;

/** How /sys renders each fate. */
const HTTP_FATES: HttpFateTable = {
  answer: "reply",
  error: "error",
  "lose-reply": "drop",
  "lose-request": "drop",
};

/**
 * Renders a fate as an HTTP response, after its delay (cut short, and dropped, when the client leaves first).
 * `reply` encodes a served value and `error` an error reply, both in the request's wire format; another HTTP surface
 * (REST, SOAP) passes its own `table`.
 */
export async function renderFate<T>(
  fate: Fate<T>,
  req: Pick<HttpRequest, "signal">,
  reply: (value: T) => HttpResponse,
  error: (e: ErrorReply) => HttpResponse,
  table: HttpFateTable = HTTP_FATES,
): Promise<HttpResponse> {
  if (fate.afterMs !== undefined && fate.afterMs > 0 && !(await wait(fate.afterMs, req.signal)))
    return { drop: true };
  switch (table[fate.kind]) {
    case "reply":
      return reply((fate as { value: T }).value);
    case "error":
      return error((fate as { error: ErrorReply }).error);
    case "drop":
      return { drop: true };
  }
}

/** Waits `ms`; false when the signal aborts first (the client left). Other HTTP adapters (SOAP) delay with it too. */
export function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
