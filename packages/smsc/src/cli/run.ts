import { parseArgs } from "node:util";
import { COMMANDS } from "./commands/index.js";
import { EXIT_CODES, UsageError } from "./exit-codes.js";
import { clientFromFlags, GLOBAL_HELP, GLOBAL_OPTIONS } from "./global-flags.js";
import { type Io, printError, printResult, shouldOutputJson } from "./output.js";

/** Top-level help. */
export function mainHelp(): string {
  const list = [...COMMANDS.values()].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n");
  return `usage: smsc <command> [flags]\n\nCommands:\n${list}\n\n${GLOBAL_HELP}\n\nExit codes: see docs/sdk.md.`;
}

/** Runs the CLI with arguments (without node and the script) and returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const wantsJson = argv.includes("--json");
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${mainHelp()}\n`);
    return name === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
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
      io.stdout.write(`usage: smsc ${command.name} ${command.usage}\n\n${GLOBAL_HELP}\n`);
      return EXIT_CODES.ok;
    }
    const json = shouldOutputJson(values.json === true, io);
    const result = await command.run({ values, positionals, client: () => clientFromFlags(values) });
    printResult(io, json, result, command.human);
    return EXIT_CODES.ok;
  } catch (e) {
    return printError(io, shouldOutputJson(wantsJson, io), e);
  }
}
