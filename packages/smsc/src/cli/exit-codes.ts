import {
  ApiError,
  ConnectionError,
  InvalidOptionError,
  SendOutcomeUnknownError,
  TimeoutError,
} from "../client/index.js";
import { SEND_ERRORS } from "../protocol/index.js";

/** Stable exit codes of the `smsc` command (docs/sdk.md "CLI"). */
export const EXIT_CODES = {
  ok: 0,
  /** A bug or an unexpected failure. */
  internal: 1,
  /** Bad command line or invalid option (InvalidOptionError). */
  usage: 2,
  /** An API error with no code of its own (an unexpected reply). */
  api: 3,
  /** No reply from any host (ConnectionError). */
  connection: 4,
  /** No reply in time (TimeoutError). */
  timeout: 5,
  /** A send whose outcome could not be established (SendOutcomeUnknownError): check its status before resending. */
  outcomeUnknown: 6,
} as const;

/** API error N of the service exits with API_EXIT_BASE + N: 11 parameters, 12 auth … 19 rate limit. */
export const API_EXIT_BASE = 10;

/** Thrown for a bad command line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The exit code for an error. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError || err instanceof InvalidOptionError) return EXIT_CODES.usage;
  if (err instanceof SendOutcomeUnknownError) return EXIT_CODES.outcomeUnknown;
  if (err instanceof TimeoutError) return EXIT_CODES.timeout;
  if (err instanceof ConnectionError) return EXIT_CODES.connection;
  if (err instanceof ApiError)
    return Object.hasOwn(SEND_ERRORS, err.code) ? API_EXIT_BASE + err.code : EXIT_CODES.api;
  return EXIT_CODES.internal;
}
