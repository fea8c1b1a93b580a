import type { ErrorReply } from "smsc/protocol";

/**
 * What becomes of one request, decided once in the core (magic numbers and chaos included); each adapter renders
 * it from a small table (https://github.com/smsc-kz/smsc/blob/main/docs/architecture.md "Fates"):
 * - `answer`: the request was served and its reply goes back;
 * - `error`: the service's error N goes back;
 * - `lose-reply`: the request was served (a send is stored and debited), then the reply is lost;
 * - `lose-request`: the request is lost before anything happens (nothing stored, nothing debited).
 * `afterMs` delays whatever the adapter does (chaos latency, the slow magic number).
 */
export type Fate<T> =
  | { kind: "answer"; value: T; afterMs?: number }
  | { kind: "error"; error: ErrorReply; afterMs?: number }
  | { kind: "lose-reply"; value: T; afterMs?: number }
  | { kind: "lose-request"; afterMs?: number };

/** The fate kinds, for the adapters' rendering tables. */
export type FateKind = Fate<unknown>["kind"];

/** A served request whose reply goes back. */
export const answer = <T>(value: T, afterMs = 0): Fate<T> =>
  afterMs > 0 ? { kind: "answer", value, afterMs } : { kind: "answer", value };

/** A request answered with the service's error. */
export const refuse = <T>(error: ErrorReply, afterMs = 0): Fate<T> =>
  afterMs > 0 ? { kind: "error", error, afterMs } : { kind: "error", error };

/** The same fate, happening `ms` later (chaos latency adds to whatever delay it already has). */
export function delayed<T>(fate: Fate<T>, ms: number): Fate<T> {
  if (ms <= 0) return fate;
  return { ...fate, afterMs: (fate.afterMs ?? 0) + ms };
}
