// The `smsc` command (built to dist/cli/main.js). Everything testable lives in run.ts.
import process from "node:process";
import { run } from "./run.js";

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
