import {
  ApiError,
  ConnectionError,
  InvalidOptionError,
  SendOutcomeUnknownError,
  TimeoutError,
} from "../client/index.js";
import { ERROR_TABLES, type ErrorInfo, SEND_ERRORS } from "../protocol/index.js";
import { InterruptedError, MissingPackageError, UsageError } from "./errors.js";

export { MissingPackageError, UsageError } from "./errors.js";

/** Stable exit codes of the `smsc` command (https://github.com/smsc-kz/smsc/blob/main/docs/cli.md "Exit codes"). */
export const EXIT_CODES = {
  ok: 0,
  /** A bug or an unexpected failure. */
  internal: 1,
  /** Bad command line or invalid option (InvalidOptionError), a port in use. */
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
  /** A negative answer: `smsc status` of a message the service does not have (-3), `smsc verify` not sent/approved. */
  notFound: 9,
  /** Interrupted by SIGINT/SIGTERM (128 + 2); a bulk send resumes from its journal. */
  interrupted: 130,
} as const;

/** API error N of the service exits with API_EXIT_BASE + N: 11 parameters, 12 auth … 19 rate limit. */
const API_EXIT_BASE = 10;

/**
 * What each exit code means, in Markdown (backticks are dropped for `smsc --help`). `smsc --help` and the tables
 * of https://github.com/smsc-kz/smsc/blob/main/docs/cli.md and https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md are generated from this and the protocol's error tables (test/cli-docs.test.ts).
 */
const EXIT_CODE_MEANINGS = {
  ok: "success",
  internal: "unexpected failure (a bug)",
  usage:
    "bad command line or invalid option (`InvalidOptionError`), a port in use, a CSV or journal that cannot be used",
  api: "API error without a code of its own (unexpected reply)",
  connection: "no host answered (`ConnectionError`)",
  timeout: "timeout (`TimeoutError`)",
  outcomeUnknown: "send outcome unknown (`SendOutcomeUnknownError`): check the status before resending",
  partial: "`send --csv` completed, but the service refused some rows (listed in the report)",
  missing: "`smsc sandbox` without the smsc-sandbox package",
  notFound: "`status`: no such message (status -3); `verify`: no code was sent, or the code is not approved",
  interrupted: "interrupted (Ctrl-C, SIGTERM); `send --csv` resumes when run again",
} as const satisfies Record<keyof typeof EXIT_CODES, string>;

/** The exit code for an error. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError || err instanceof InvalidOptionError) return EXIT_CODES.usage;
  if (err instanceof MissingPackageError) return EXIT_CODES.missing;
  if (err instanceof InterruptedError) return EXIT_CODES.interrupted;
  if (err instanceof SendOutcomeUnknownError) return EXIT_CODES.outcomeUnknown;
  if (err instanceof TimeoutError) return EXIT_CODES.timeout;
  if (err instanceof ConnectionError) return EXIT_CODES.connection;
  if (err instanceof ApiError)
    return Object.hasOwn(SEND_ERRORS, err.code) ? API_EXIT_BASE + err.code : EXIT_CODES.api;
  return EXIT_CODES.internal;
}

/** Every exit code with its meaning (Markdown), in order: the fixed codes, 10 + each service error, 130. */
export function exitCodeRows(): Array<[number, string]> {
  const fixed = (Object.keys(EXIT_CODES) as Array<keyof typeof EXIT_CODES>)
    .filter((k) => k !== "interrupted")
    .map((k) => [EXIT_CODES[k], EXIT_CODE_MEANINGS[k]] as [number, string]);
  const api = Object.keys(SEND_ERRORS).map((n) => {
    // the same code may read differently per script (5: a bad date to send.php, a failed delete to status.php)
    const texts = new Set(
      Object.values(ERROR_TABLES).flatMap((t) => {
        const e = (t as Record<string, ErrorInfo>)[n];
        return e ? [e.server] : [];
      }),
    );
    return [API_EXIT_BASE + Number(n), `service error ${n}: ${[...texts].join(" / ")}`] as [number, string];
  });
  return [...fixed, ...api, [EXIT_CODES.interrupted, EXIT_CODE_MEANINGS.interrupted]];
}

/** The exit-code table as help text. */
export function exitCodesHelp(): string {
  return exitCodeRows()
    .map(([c, t]) => `  ${String(c).padStart(3)}  ${t.replaceAll("`", "")}`)
    .join("\n");
}

/** The exit-code table as the Markdown table of https://github.com/smsc-kz/smsc/blob/main/docs/cli.md and https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md. */
export function exitCodesMarkdown(): string {
  const rows = exitCodeRows().map(([c, t]) => `| ${c} | ${t} |`);
  return ["| Code | Meaning |", "|---:|---|", ...rows].join("\n");
}
