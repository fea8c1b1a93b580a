import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Command } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT_CODES, exitCodesHelp, UsageError } from "./exit-codes.js";
import { clientFromFlags, firstBaseUrl, GLOBAL_HELP, GLOBAL_OPTIONS } from "./global-flags.js";
import { type Io, printError, printResult, shouldOutputJson } from "./output.js";

/** Top-level help: the commands, the global flags and the exit codes. */
export function mainHelp(): string {
  const list = [...COMMANDS.values()].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n");
  return `usage: smsc <command> [flags]       smsc <command> --help for its flags and examples

Commands:
${list}

${GLOBAL_HELP}

Exit codes:
${exitCodesHelp()}`;
}

/** Help of one command: synopsis, its flags, examples, and the global flags. */
export function commandHelp(c: Command): string {
  const examples = c.examples.map((e) => `  ${e}`).join("\n");
  return `usage: smsc ${c.name} ${c.usage}\n\n${c.summary}\n\nExamples:\n${examples}\n\n${
    c.offline
      ? "Output:\n  --json                  machine output\n  -h, --help              help"
      : GLOBAL_HELP
  }`;
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
  const [name, ...rest] = argv;
  const wantsJson = argv.includes("--json");
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? COMMANDS.get(rest[0] ?? "") : undefined;
    io.stdout.write(`${topic ? commandHelp(topic) : mainHelp()}\n`);
    return name === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${version()}\n`);
    return EXIT_CODES.ok;
  }
  const command = COMMANDS.get(name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; try smsc --help`);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return EXIT_CODES.ok;
    }
    if (command.handlesSignals?.(values)) opts.onHandlesSignals?.();
    const json = shouldOutputJson(values.json === true, io);
    let exitCode: number = EXIT_CODES.ok;
    const result = await command.run({
      values,
      positionals,
      client: () => clientFromFlags(values, env, io.stderr),
      baseUrl: () => firstBaseUrl(values, env),
      io,
      json,
      env,
      signal,
      setExitCode: (c) => {
        exitCode = c;
      },
    });
    printResult(io, json, result, command.human);
    return exitCode;
  } catch (e) {
    return printError(io, shouldOutputJson(wantsJson, io), e);
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
