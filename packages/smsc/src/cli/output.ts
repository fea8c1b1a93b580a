import { ApiError, SendOutcomeUnknownError } from "../client/index.js";
import { exitCodeFor } from "./exit-codes.js";
import type { Io } from "./io.js";
import { PLAIN, type Style } from "./style.js";

export type { Io } from "./io.js";

/** JSON when asked for, or when stdout is not a terminal (pipes, scripts, tests). */
export function shouldOutputJson(json: boolean | undefined, io: Io): boolean {
  return json === true || io.stdout.isTTY !== true;
}

/** Prints a command's result: JSON, or the command's human text (nothing when a command streamed its output). */
export function printResult(
  io: Io,
  json: boolean,
  result: unknown,
  human: (r: never, style: Style) => string | undefined,
  style: Style = PLAIN,
): void {
  if (result === undefined) return;
  if (json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const text = human(result as never, style);
  if (text !== undefined) io.stdout.write(`${text}\n`);
}

/**
 * Prints an error to stderr (JSON or text, with the service code for API errors) and returns the exit code. The
 * SDK's messages begin with "smsc: " so that they stand out in an application's log; the CLI drops it from its
 * text, which is already smsc's own.
 */
export function printError(io: Io, json: boolean, err: unknown, style: Style = PLAIN): number {
  const code = exitCodeFor(err);
  const e = err instanceof Error ? err : new Error(String(err));
  if (json) {
    const body: Record<string, unknown> = { name: e.name, message: e.message, exitCode: code };
    if (err instanceof ApiError)
      Object.assign(body, { code: err.code, description: err.description, id: err.id });
    if (err instanceof SendOutcomeUnknownError) Object.assign(body, { id: err.id, phones: err.phones });
    io.stderr.write(`${JSON.stringify({ error: body })}\n`);
  } else if (err instanceof ApiError) {
    io.stderr.write(
      `${style.red(`error ${err.code}`)} (${err.description})${err.id !== undefined ? `, id ${err.id}` : ""}\n`,
    );
  } else {
    io.stderr.write(`${style.red("error:")} ${e.message.replace(/^smsc: /, "")}\n`);
  }
  return code;
}
