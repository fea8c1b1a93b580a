import type { ParseArgsConfig } from "node:util";
import type { Smsc } from "../client/index.js";
import type { Io } from "./output.js";

/** Parsed flag values of a command. */
export type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** What a command gets to run. */
export interface CommandContext {
  values: Values;
  positionals: string[];
  /** Builds the SDK client from flags, environment and config profile (in that order of precedence). */
  client(): Smsc;
  /** The base URL the client would use first (for sandbox-only features such as `tail`). */
  baseUrl(): string;
  /** Where to write progress and streamed lines. */
  io: Io;
  /** Machine output: --json, or stdout is not a terminal. */
  json: boolean;
  /** The environment (injectable for tests). */
  env: Record<string, string | undefined>;
  /** Aborted on the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Sets the exit code of a command that finished with a result but not fully successfully. */
  setExitCode(code: number): void;
}

/** One `smsc <name>` command: its flags, its work and how its result reads to a human. */
export interface Command {
  name: string;
  summary: string;
  /** Argument synopsis after the command name, followed by its flags' help. */
  usage: string;
  /** Example command lines shown by `smsc <name> --help`. */
  examples: string[];
  options: NonNullable<ParseArgsConfig["options"]>;
  /**
   * The command handles SIGINT/SIGTERM itself through `signal` (it writes a journal or closes a server); other
   * commands are simply ended by the first signal.
   */
  handlesSignals?: (values: Values) => boolean;
  /** The command needs no account (no client flags in its help). */
  offline?: boolean;
  run(ctx: CommandContext): Promise<unknown>;
  /** Human text of the result; undefined prints nothing (the command streamed its output). */
  human(result: never): string | undefined;
}

/** A flag's value as a string, or undefined. */
export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** A flag's value as a number, or undefined; a non-number is a usage error naming the flag. */
export function num(
  values: Values,
  name: string,
  check: (n: number) => boolean = Number.isFinite,
): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !check(n)) throw new UsageErrorBase(`--${name}: invalid value "${v}"`);
  return n;
}

/** Base class of usage errors (re-exported as UsageError by exit-codes.ts). */
export class UsageErrorBase extends Error {
  override name = "UsageError";
}
