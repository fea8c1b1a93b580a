import { readdirSync, readFileSync } from "node:fs";
import { assetDir, assetNames, readAsset } from "../assets.js";
import type { SqliteDatabase } from "./sqlite.js";

/** The migrations folder on disk: `src/store/migrations` in the sources, `dist/migrations` in the bundle. */
export function migrationsDir(): string {
  return assetDir("migrations");
}

/**
 * Applies the numbered migrations (`0001_init.sql`, …) that the database has not seen yet, in order, all in one
 * transaction, recording them in `schema_migrations`. Returns the names applied now. They come from `dir` when
 * given, otherwise from the package's own (on disk, or embedded in the single executable: ../assets.ts).
 */
export function migrate(db: SqliteDatabase, dir?: string): string[] {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const done = new Set(
    (db.prepare("SELECT name FROM schema_migrations").all() as Array<{ name: string }>).map((r) => r.name),
  );
  const files = (dir === undefined ? assetNames("migrations") : readdirSync(dir))
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const record = db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)");
  const pending = files.filter((f) => !done.has(f));
  // every pending migration in one transaction: a fresh database is created in one commit, and one that fails half
  // way is left as it was
  db.transaction(() => {
    for (const file of pending) {
      const sql =
        dir === undefined
          ? readAsset("migrations", file)!.toString("utf8")
          : readFileSync(`${dir}/${file}`, "utf8");
      db.exec(sql);
      record.run(file, Date.now());
    }
  })();
  return pending;
}
