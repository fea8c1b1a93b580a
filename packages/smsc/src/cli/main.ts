// The `smsc` command (built to dist/cli/main.js). Everything testable lives in run.ts.
import process from "node:process";
import { EXIT_CODES } from "./exit-codes.js";
import { run } from "./run.js";

const controller = new AbortController();
const stop = () => {
  // the first signal asks commands to finish cleanly (a bulk send writes its journal); a second one insists
  if (controller.signal.aborted) process.exit(EXIT_CODES.interrupted);
  controller.abort(new Error("interrupted"));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

process.exitCode = await run(process.argv.slice(2), process, { env: process.env, signal: controller.signal });
process.off("SIGINT", stop);
process.off("SIGTERM", stop);
