import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Command } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { COMPLETE_ENTRY, completeWords } from "./completion.js";
import { UsageError } from "./errors.js";
import { EXIT_CODES, exitCodesHelp } from "./exit-codes.js";
import { flagLines, parseOptions } from "./flags.js";
import { clientFromFlags, firstBaseUrl, GLOBAL_OPTIONS, globalHelp, VERSION_FLAG } from "./global-flags.js";
import type { Io } from "./io.js";
import { extractJsonFields, selectFields } from "./json-fields.js";
import { printError, printResult, shouldOutputJson } from "./output.js";
import { colorEnabled, makeStyle, PLAIN, type Style } from "./style.js";
import { didYouMean } from "./suggest.js";

/** Top-level help: the commands, the global flags and the exit codes. */
export function mainHelp(style: Style = PLAIN): string {
  const list = [...COMMANDS.values()].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n");
  return `${style.bold("usage:")} smsc <command> [flags]       smsc <command> --help for its flags and examples

${style.bold("Commands:")}
${list}

${globalHelp(false, style.bold)}
${flagLines(VERSION_FLAG)}

${style.bold("Exit codes:")}
${exitCodesHelp()}`;
}

/** Help of one command: synopsis, its flags, examples, its JSON fields and the global flags. */
export function commandHelp(c: Command, style: Style = PLAIN): string {
  const examples = c.examples.map((e) => `  ${e}`).join("\n");
  const own = Object.keys(c.flags).length ? `\n${flagLines(c.flags, style.bold)}` : "";
  const notes = c.notes ? `\n${c.notes}` : "";
  const fields = c.fields
    ? `\n\n${style.bold("JSON fields")} (--json a,b keeps those): ${c.fields.join(", ")}`
    : "";
  return `${style.bold("usage:")} smsc ${c.name} ${c.usage}${own}${notes}\n\n${c.summary}\n\n${style.bold("Examples:")}\n${examples}${fields}\n\n${globalHelp(c.offline, style.bold)}`;
}

/** What run() needs besides the arguments and the streams. */
export interface RunOptions {
  /** @default process.env */
  env?: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM (main.ts wires it). */
  signal?: AbortSignal;
  /** Called when the command will handle SIGINT/SIGTERM itself through `signal` (main.ts then stops exiting at once). */
  onHandlesSignals?: () => void;
}

/** Runs the CLI with arguments (without node and the script) and returns the exit code. */
export async function run(argv: string[], io: Io, opts: RunOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const signal = opts.signal ?? new AbortController().signal;
  const flagsPart = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  const noColor = flagsPart.includes("--no-color");
  const style = {
    out: makeStyle(colorEnabled(io.stdout, env, noColor)),
    err: makeStyle(colorEnabled(io.stderr, env, noColor)),
  };
  const wantsJson = flagsPart.some((a) => a === "--json" || a.startsWith("--json="));
  const [name, ...rest] = argv;
  try {
    if (name === COMPLETE_ENTRY) {
      for (const line of completeWords(COMMANDS, rest, env)) io.stdout.write(`${line}\n`);
      return EXIT_CODES.ok;
    }
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" && rest[0] !== undefined ? commandNamed(rest[0]) : undefined;
      io.stdout.write(`${topic ? commandHelp(topic, style.out) : mainHelp(style.out)}\n`);
      return name === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    }
    if (name === "--version" || name === "-V") {
      io.stdout.write(`${version()}\n`);
      return EXIT_CODES.ok;
    }
    const command = commandNamed(name);
    const selection = extractJsonFields(rest, command.fields, command.name);
    const { values, positionals } = parse(command, selection.args);
    if (values.help) {
      io.stdout.write(`${commandHelp(command, style.out)}\n`);
      return EXIT_CODES.ok;
    }
    if (command.handlesSignals?.(values)) opts.onHandlesSignals?.();
    const json = shouldOutputJson(values.json === true, io);
    const select = (v: unknown) => (selection.fields ? selectFields(v, selection.fields) : v);
    let exitCode: number = EXIT_CODES.ok;
    const result = await command.run({
      values,
      positionals,
      client: () => clientFromFlags(values, env, io, signal),
      baseUrl: () => firstBaseUrl(values, env),
      io,
      json,
      select,
      style,
      env,
      signal,
      setExitCode: (c) => {
        exitCode = c;
      },
    });
    printResult(io, json, json ? select(result) : result, command.human, style.out);
    return exitCode;
  } catch (e) {
    return printError(io, shouldOutputJson(wantsJson, io), e, style.err);
  }
}

/** The command of a name; an unknown one is a usage error suggesting the nearest names. */
function commandNamed(name: string): Command {
  const command = COMMANDS.get(name);
  if (command) return command;
  if (name.startsWith("-"))
    throw new UsageError(
      `unknown flag ${name}: flags go after the command, smsc <command> [flags].${didYouMean(name, ["--help", "--version"], (s) => s)}`,
    );
  const hint = didYouMean(name, COMMANDS.keys());
  throw new UsageError(`unknown command "${name}".${hint || " Run smsc --help for the list."}`);
}

/** Parses a command's flags; an unknown flag is a usage error suggesting the nearest flags it has. */
function parse(command: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...parseOptions(command.flags) },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const err = e as Error & { code?: string };
    const flag = /'(-{1,2}[^' =]+)/.exec(err.message)?.[1];
    if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag) {
      const known = Object.keys({ ...GLOBAL_OPTIONS, ...command.flags }).map((f) => `--${f}`);
      const hint = flag.startsWith("--") ? didYouMean(flag, known, (s) => s) : "";
      throw new UsageError(
        `unknown flag ${flag} for smsc ${command.name}.${hint || ` Run smsc ${command.name} --help for its flags.`}`,
      );
    }
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag && /argument missing/.test(err.message))
      throw new UsageError(`${flag} needs a value`);
    throw new UsageError(err.message);
  }
}

/** The smsc package's version, read from its package.json (two levels up from both src/cli and dist/cli). */
function version(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
  } catch {
    return "unknown";
  }
}
