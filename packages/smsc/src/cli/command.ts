import type { ParseArgsConfig } from "node:util";
import type { Smsc } from "../client/index.js";

/** Parsed flag values of a command. */
export type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** What a command gets to run. */
export interface CommandContext {
  values: Values;
  positionals: string[];
  /** Builds the SDK client from the global flags and the environment. */
  client(): Smsc;
}

/** One `smsc <name>` command: its flags, its work and how its result reads to a human. */
export interface Command {
  name: string;
  summary: string;
  /** Argument synopsis after the command name. */
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(ctx: CommandContext): Promise<unknown>;
  human(result: never): string;
}

/** A flag's value as a string, or undefined. */
export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}
