import type { ErrorReply } from "smsc/protocol";
import type { Fate } from "../core/fate.js";
import type { HttpResponse } from "../http/http-types.js";
import { type HttpFateTable, renderFate } from "../http/sys/render-fate.js";

/**
 * How SOAP renders each fate: the operation's reply; the service's error inside the operation's reply (its
 * `error` field, as the WSDL carries errors: HTTP 200, not a fault); or the connection destroyed unanswered.
 */
const SOAP_FATES: HttpFateTable = {
  answer: "reply",
  error: "error",
  "lose-reply": "drop",
  "lose-request": "drop",
};

/**
 * Renders a fate as the HTTP response of a SOAP call, after its delay (cut short, and dropped, when the client
 * leaves first). `reply` and `error` write the envelope of a served value and of an error.
 */
export function renderSoapFate<T>(
  fate: Fate<T>,
  signal: AbortSignal,
  reply: (value: T) => HttpResponse,
  error: (e: ErrorReply) => HttpResponse,
): Promise<HttpResponse> {
  return renderFate(fate, { signal }, reply, error, SOAP_FATES);
}
