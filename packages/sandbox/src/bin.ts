#!/usr/bin/env node
import { HELP, parseCliArgs, UsageError } from "./cli-args.js";
import { stderrLogger } from "./core/logger.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "./start-sandbox.js";

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
  // handlers go in before anything is printed: a signal that arrives before them would kill the process outright
  let sandbox: Sandbox | undefined;
  let stopping: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = signal;
    if (sandbox) close(sandbox, signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    sandbox = await startSandbox({ ...command.options, logger: stderrLogger });
  } catch (err) {
    const taken = portInUse(err, command.options);
    if (!taken) throw err;
    // a usage problem, not a crash: say which port, and how to get another
    process.stderr.write(`smsc-sandbox: ${taken}\n`);
    process.exitCode = 2;
    return;
  }
  // the first line of stdout is the contract other tools read to find the sandbox
  process.stdout.write(`smsc-sandbox listening on ${sandbox.url}\n`);
  // further listeners follow on their own lines, so a port picked with 0 can be found too
  if (sandbox.smtpPort !== undefined)
    process.stdout.write(`smtp listening on ${sandbox.host}:${sandbox.smtpPort}\n`);
  if (sandbox.smppPort !== undefined)
    process.stdout.write(`smpp listening on ${sandbox.host}:${sandbox.smppPort}\n`);
  for (const [i, url] of sandbox.mirrorUrls.entries())
    process.stdout.write(`mirror ${i + 1} listening on ${url}\n`);
  if (stopping) close(sandbox, stopping);
}

/**
 * For a listen error on a taken port: the sentence naming the port and the flag that chose it, with what to do;
 * undefined for any other error.
 */
function portInUse(err: unknown, options: SandboxOptions): string | undefined {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code !== "EADDRINUSE") return undefined;
  const flags: Array<[string, number | undefined]> = [
    ["--port", options.port],
    ["--smtp-port", options.smtpPort],
    ["--smpp-port", options.smppPort],
    ...(options.mirrorPorts ?? []).map((p): [string, number] => ["--mirror-ports", p]),
  ];
  const flag = flags.find(([, p]) => p !== undefined && p !== 0 && p === e.port)?.[0] ?? "--port";
  const where = e.port !== undefined ? `port ${e.port}${e.address ? ` on ${e.address}` : ""}` : "the port";
  return `${where} is already in use (another sandbox or server holds it): pass ${flag} 0 to pick a free port, or ${flag} <another port>`;
}

function close(sandbox: Sandbox, signal: NodeJS.Signals): void {
  stderrLogger.info(`${signal}: closing`);
  sandbox.close().then(
    () => process.exit(0),
    (err) => {
      stderrLogger.error("close failed", err);
      process.exit(1);
    },
  );
}

main().catch((err) => {
  stderrLogger.error("failed to start", err);
  process.exit(1);
});
