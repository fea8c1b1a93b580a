#!/usr/bin/env node
// The `smsc-sandbox` command. A committed file rather than the built dist/bin.js itself: npm links a package's
// bins while it installs, before the root `prepare` script has built dist/, and skips a bin whose file is
// missing, so on a fresh clone `npx smsc-sandbox` was "not found" until a second `npm install`. This file is always there.
import { existsSync } from "node:fs";

const built = new URL("../dist/bin.js", import.meta.url);
if (existsSync(built)) await import(built.href);
else {
  process.stderr.write(
    `smsc-sandbox is not built: run "npm run build" at the repository's root (${built.pathname} is missing)\n`,
  );
  process.exitCode = 1;
}
