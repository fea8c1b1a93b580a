import { type ERROR_TABLES, type ErrorReply, errorInfo, type MessageId } from "smsc/protocol";

/**
 * Builds an API error reply from the protocol's error tables: the `server` string is the error text, and the id is
 * kept only for the codes that carry one (3, 6, 7, 8; spec §2.5).
 */
export function apiError(
  code: number,
  endpoint: keyof typeof ERROR_TABLES = "send",
  id?: MessageId,
): ErrorReply {
  const info = errorInfo(code, endpoint);
  const err: ErrorReply = { error: info?.server ?? "", code };
  if (id !== undefined && info?.withId) err.id = id;
  return err;
}

/** Whether a core result is an error reply. */
export function isErrorReply(v: unknown): v is ErrorReply {
  return typeof v === "object" && v !== null && "code" in v && "error" in v && !("reply" in v);
}
