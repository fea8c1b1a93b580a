import {
  ApiError,
  ConnectionError,
  InvalidOptionError,
  SendOutcomeUnknownError,
  TimeoutError,
} from "../client/index.js";
import { SEND_ERRORS } from "../protocol/index.js";
import { UsageErrorBase } from "./command.js";

/** Stable exit codes of the `smsc` command (https://github.com/smsc-kz/smsc/blob/main/docs/cli.md "Exit codes"). */
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
  /** A bulk send completed, but the service refused some rows (listed in the report). */
  partial: 7,
  /** Optional software is missing (`smsc sandbox` without smsc-sandbox installed). */
  missing: 8,
  /** Interrupted by SIGINT/SIGTERM (128 + 2); a bulk send resumes from its journal. */
  interrupted: 130,
} as const;

/** API error N of the service exits with API_EXIT_BASE + N: 11 parameters, 12 auth … 19 rate limit. */
export const API_EXIT_BASE = 10;

/** Thrown for a bad command line. */
export class UsageError extends UsageErrorBase {}

/** Thrown when an optional package is missing. */
export class MissingPackageError extends Error {
  override name = "MissingPackageError";
}

/** The exit code for an error. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageErrorBase || err instanceof InvalidOptionError) return EXIT_CODES.usage;
  if (err instanceof MissingPackageError) return EXIT_CODES.missing;
  if (err instanceof SendOutcomeUnknownError) return EXIT_CODES.outcomeUnknown;
  if (err instanceof TimeoutError) return EXIT_CODES.timeout;
  if (err instanceof ConnectionError) return EXIT_CODES.connection;
  if (err instanceof ApiError)
    return Object.hasOwn(SEND_ERRORS, err.code) ? API_EXIT_BASE + err.code : EXIT_CODES.api;
  return EXIT_CODES.internal;
}

/** The exit-code table as help text, the API rows derived from the protocol's SEND_ERRORS. */
export function exitCodesHelp(): string {
  const fixed: Array<[number, string]> = [
    [EXIT_CODES.ok, "success"],
    [EXIT_CODES.internal, "unexpected failure (a bug)"],
    [EXIT_CODES.usage, "bad command line or invalid option"],
    [EXIT_CODES.api, "API error without a code of its own (unexpected reply)"],
    [EXIT_CODES.connection, "no host answered"],
    [EXIT_CODES.timeout, "timeout"],
    [EXIT_CODES.outcomeUnknown, "send outcome unknown: check the status before resending"],
    [EXIT_CODES.partial, "bulk send completed with refused rows"],
    [EXIT_CODES.missing, "smsc-sandbox is not installed"],
  ];
  const api = Object.entries(SEND_ERRORS).map(
    ([n, e]) => [API_EXIT_BASE + Number(n), `service error ${n}: ${e.server}`] as [number, string],
  );
  return [
    ...fixed,
    ...api,
    [EXIT_CODES.interrupted, "interrupted (Ctrl-C); run again to resume"] as [number, string],
  ]
    .map(([c, t]) => `  ${String(c).padStart(3)}  ${t}`)
    .join("\n");
}
