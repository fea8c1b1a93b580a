import type { Smsc } from "../client/index.js";
import { UsageError } from "./errors.js";
import type { Env, Flags } from "./flags.js";
import type { Io } from "./io.js";
import type { Style } from "./style.js";

/** Parsed flag values of a command. */
export type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** What a command gets to run. */
export interface CommandContext {
  values: Values;
  positionals: string[];
  /**
   * Builds the SDK client from flags, environment and config profile (in that order of precedence); asks for a
   * password when one is needed (--password-stdin, or a prompt on a terminal).
   */
  client(): Promise<Smsc>;
  /** The base URL the client would use first (for sandbox-only features such as `tail`). */
  baseUrl(): string;
  /** Where to write progress and streamed lines. */
  io: Io;
  /** Machine output: --json, or stdout is not a terminal. */
  json: boolean;
  /** `--json FIELDS`: keeps only those fields of a JSON object (for commands that stream their own JSON). */
  select(value: unknown): unknown;
  /** Colours for stdout and stderr (plain when colour is off). */
  style: { out: Style; err: Style };
  /** The environment (injectable for tests). */
  env: Env;
  /** Aborted on the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Sets the exit code of a command that finished with a result but not fully successfully. */
  setExitCode(code: number): void;
}

/** One `smsc <name>` command: its flags, its work and how its result reads to a human. */
export interface Command {
  name: string;
  summary: string;
  /** Argument synopsis after the command name. */
  usage: string;
  /** Its own flags (besides the global ones): parsed, listed in its help, offered by shell completion. */
  flags: Flags;
  /** Help text after the flags. */
  notes?: string;
  /** Example command lines shown by `smsc <name> --help`. */
  examples: string[];
  /** Top-level fields of its JSON result, for `--json FIELDS`; a command without them takes plain --json only. */
  fields?: readonly string[];
  /** Words shell completion offers for the positional arguments, given those already typed. */
  completePositional?(typed: string[]): readonly string[] | "file";
  /**
   * The command handles SIGINT/SIGTERM itself through `signal` (it writes a journal or closes a server); other
   * commands are simply ended by the first signal.
   */
  handlesSignals?: (values: Values) => boolean;
  /** The command needs no account (no client flags in its help). */
  offline?: boolean;
  run(ctx: CommandContext): Promise<unknown>;
  /** Human text of the result; undefined prints nothing (the command streamed its output). */
  human(result: never, style: Style): string | undefined;
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
  if (v.trim() === "" || !check(n)) throw new UsageError(`--${name}: invalid value "${v}"`);
  return n;
}
