#!/usr/bin/env node
import { HELP, parseCliArgs, UsageError } from "./cli-args.js";
import { stderrLogger } from "./core/logger.js";
import { startSandbox } from "./start-sandbox.js";

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`smsc-sandbox: ${err.message}\nTry "smsc-sandbox --help".\n`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(HELP);
    return;
  }
  const sandbox = await startSandbox({ ...command.options, logger: stderrLogger });
  // the first line of stdout is the contract other tools read to find the sandbox
  process.stdout.write(`smsc-sandbox listening on ${sandbox.url}\n`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stderrLogger.info(`${signal}: closing`);
    sandbox.close().then(
      () => process.exit(0),
      (err) => {
        stderrLogger.error("close failed", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  stderrLogger.error("failed to start", err);
  process.exit(1);
});
