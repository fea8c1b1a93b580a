// One "server" process of the SQLite cross-process test (verify-stores.test.ts): opens the shared database
// file, waits for the common start time, runs its checks all at once and prints their results as JSON.
import { createRequire } from "node:module";
import { sqliteStore, Verify } from "smsc/verify";

const [dbPath, table, secret, startAt, checksJson] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const db =
  Number(process.versions.node.split(".")[0]) >= 24
    ? new (require("node:sqlite").DatabaseSync)(dbPath)
    : new (require("better-sqlite3"))(dbPath);
const verify = new Verify({
  store: sqliteStore(db, { table }),
  secret,
  channels: { sms: { name: "sms", deliver: async () => Promise.reject(new Error("checks only")) } },
  fallback: ["sms"],
});
const checks = JSON.parse(checksJson);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const results = await Promise.all(checks.map(([phone, code]) => verify.check(phone, code)));
db.close();
process.stdout.write(JSON.stringify(results.map((r) => r.status)));
