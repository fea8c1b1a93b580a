// Runs `PRAGMA integrity_check` on a sandbox database file in its own process, with the binding the sandbox itself
// uses on this Node (node:sqlite from 24 on, better-sqlite3 before; see packages/sandbox/src/store/sqlite.ts), and
// prints the result rows as a JSON array ("ok" alone when the file is sound).
import { createRequire } from "node:module";

const path = process.argv[2];
const major = Number(process.versions.node.split(".")[0]);
let db;
if (major >= 24) {
  const { DatabaseSync } = await import("node:sqlite");
  db = new DatabaseSync(path);
} else {
  const require = createRequire(new URL("../../packages/sandbox/package.json", import.meta.url));
  const Database = require("better-sqlite3");
  db = new Database(path);
}
const rows = db.prepare("PRAGMA integrity_check").all();
db.close();
process.stdout.write(JSON.stringify(rows.map((r) => Object.values(r)[0])));
