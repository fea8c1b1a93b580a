// The `smsc` command (built to dist/cli/main.js). Everything testable lives in run.ts.
import process from "node:process";
import { EXIT_CODES } from "./exit-codes.js";
import { run } from "./run.js";

const controller = new AbortController();
let handled = false;
const stop = () => {
  // a command that handles signals is asked to finish cleanly (a bulk send writes its journal, the sandbox closes);
  // a second signal, or any signal to another command, ends the process at once
  if (!handled || controller.signal.aborted) process.exit(EXIT_CODES.interrupted);
  controller.abort(new Error("interrupted"));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

process.exitCode = await run(process.argv.slice(2), process, {
  env: process.env,
  signal: controller.signal,
  onHandlesSignals: () => {
    handled = true;
  },
});
process.off("SIGINT", stop);
process.off("SIGTERM", stop);
