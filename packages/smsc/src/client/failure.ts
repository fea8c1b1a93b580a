/**
 * Error codes (Node / undici, found on `err.cause` or deeper) that prove the request never left: the name did not
 * resolve, the connection was refused or never established, or TLS failed before any byte of the request.
 */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ConnectionRefused", // Bun
]);

/**
 * Whether a fetch failure proves nothing was sent. Anything without such proof (a reset, "other side closed",
 * a browser's bare "Failed to fetch") counts as possibly sent.
 */
export function provesNotSent(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length) {
    const e = stack.pop();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
    stack.push((e as { cause?: unknown }).cause);
    // Node's happy-eyeballs connect wraps one error per address in an AggregateError
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) stack.push(...inner);
  }
  return false;
}

/** A short description of a fetch failure, e.g. "ECONNREFUSED" or "other side closed". */
export function describeFailure(err: unknown): string {
  let e: unknown = err;
  let text = "";
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string") return code;
    if (typeof message === "string" && message) text = message;
    e = (e as { cause?: unknown }).cause;
  }
  return text || String(err);
}
