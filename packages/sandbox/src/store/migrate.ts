import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SqliteDatabase } from "./sqlite.js";

/**
 * The migrations folder. Resolved relative to this module at run time: in the sources it is
 * `src/store/migrations`, in the bundle `dist/migrations` (scripts/copy-assets.mjs copies it there).
 */
export function migrationsDir(): string {
  return fileURLToPath(new URL("./migrations/", import.meta.url));
}

/**
 * Applies the numbered migrations (`0001_init.sql`, …) that the database has not seen yet, in order, each in its
 * own transaction, recording them in `schema_migrations`. Returns the names applied now.
 */
export function migrate(db: SqliteDatabase, dir = migrationsDir()): string[] {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const done = new Set(
    (db.prepare("SELECT name FROM schema_migrations").all() as Array<{ name: string }>).map((r) => r.name),
  );
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const record = db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)");
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(`${dir}/${file}`, "utf8");
    db.transaction(() => {
      db.exec(sql);
      record.run(file, Date.now());
    })();
    applied.push(file);
  }
  return applied;
}
