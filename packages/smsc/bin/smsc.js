#!/usr/bin/env node
// The `smsc` command. A committed file rather than the built dist/cli/main.js itself: npm links a package's
// bins while it installs, before the root `prepare` script has built dist/, and skips a bin whose file is
// missing, so on a fresh clone `npx smsc` was "not found" until a second `npm install`. This file is always there.
import { existsSync } from "node:fs";

const built = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(built)) await import(built.href);
else {
  process.stderr.write(
    `smsc is not built: run "npm run build" at the repository's root (${built.pathname} is missing)\n`,
  );
  process.exitCode = 1;
}
