/** One delivery attempt of a callback, as logged (and emitted as the core's "callback" event). */
export interface CallbackLogEntry {
  /** Log row id, monotonic. */
  id: number;
  accountId: number;
  login: string;
  /** What was reported. */
  event: "status" | "incoming";
  /** The message id (status) or incoming SMS id. */
  ref: string;
  /** The handler URL with its secret replaced by `***`. */
  url: string;
  /** 1 for the first try. */
  attempt: number;
  /** The handler's HTTP status, when it answered. */
  httpStatus?: number;
  /** Why the attempt failed (network error, timeout, non-2xx). */
  error?: string;
  /** Whether the handler answered 2xx. */
  ok: boolean;
  /** Whether no further attempt will be made (success, or the last attempt). */
  final: boolean;
  /** ms, on the sandbox clock. */
  at: number;
}
