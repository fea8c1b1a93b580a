import type { ErrorReply } from "smsc/protocol";
import type { Fate, FateKind } from "../core/fate.js";
import type { HttpResponse } from "../http/http-types.js";
import { wait } from "../http/sys/render-fate.js";

/**
 * How SOAP renders each fate: the operation's reply; the service's error inside the operation's reply (its
 * `error` field, as the WSDL carries errors: HTTP 200, not a fault); or the connection destroyed unanswered.
 */
const SOAP_FATES: Record<FateKind, "reply" | "error" | "drop"> = {
  answer: "reply",
  error: "error",
  "lose-reply": "drop",
  "lose-request": "drop",
};

/**
 * Renders a fate as the HTTP response of a SOAP call, after its delay (cut short, and dropped, when the client
 * leaves first). `reply` and `error` write the envelope of a served value and of an error.
 */
export async function renderSoapFate<T>(
  fate: Fate<T>,
  signal: AbortSignal,
  reply: (value: T) => HttpResponse,
  error: (e: ErrorReply) => HttpResponse,
): Promise<HttpResponse> {
  if (fate.afterMs !== undefined && fate.afterMs > 0 && !(await wait(fate.afterMs, signal)))
    return { drop: true };
  switch (SOAP_FATES[fate.kind]) {
    case "reply":
      return reply((fate as { value: T }).value);
    case "error":
      return error((fate as { error: ErrorReply }).error);
    case "drop":
      return { drop: true };
  }
}
