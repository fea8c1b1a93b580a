import { createRequire } from "node:module";

/** A prepared statement: the part of better-sqlite3's and node:sqlite's statements the store uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** A database connection: the part of better-sqlite3's API the store uses, which node:sqlite is adapted to. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  /** Wraps fn so that each call runs in one transaction (a savepoint when nested), rolled back if fn throws. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** Registers a scalar SQL function. */
  function(name: string, options: { deterministic?: boolean }, fn: (...args: never[]) => unknown): void;
  /** Runs a PRAGMA statement, e.g. `pragma("journal_mode = WAL")`. */
  pragma(source: string): void;
  close(): void;
}

/** Which SQLite binding to use. */
export type SqliteDriver = "better-sqlite3" | "node:sqlite";

/**
 * The binding for this runtime. better-sqlite3 12 aborts the process on Node 24 when a statement is garbage
 * collected during teardown (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook, an upstream
 * bug closed without a fix), and Node 24 ships a stable `node:sqlite`, so Node ≥ 24 uses the built-in module and
 * older versions (20, 22, where node:sqlite is missing or experimental) use better-sqlite3.
 * `SMSC_SANDBOX_SQLITE` forces one.
 */
export function defaultDriver(env: Record<string, string | undefined> = process.env): SqliteDriver {
  const forced = env.SMSC_SANDBOX_SQLITE;
  if (forced === "better-sqlite3" || forced === "node:sqlite") return forced;
  return Number(process.versions.node.split(".")[0]) >= 24 ? "node:sqlite" : "better-sqlite3";
}

const require = createRequire(import.meta.url);

/** Opens (creating if needed) a database file with the given binding. */
export function openDatabase(path: string, driver: SqliteDriver = defaultDriver()): SqliteDatabase {
  if (driver === "better-sqlite3") {
    let Database: new (path: string) => SqliteDatabase;
    try {
      Database = require("better-sqlite3");
    } catch (err) {
      throw new Error(
        `smsc-sandbox needs better-sqlite3 on Node ${process.versions.node} (Node 24+ uses the built-in node:sqlite); ` +
          `it failed to load: ${(err as Error).message}`,
        { cause: err },
      );
    }
    return new Database(path);
  }
  const { DatabaseSync } = require("node:sqlite") as {
    DatabaseSync: new (path: string) => NodeSqliteDatabase;
  };
  return adaptNodeSqlite(new DatabaseSync(path));
}

interface NodeSqliteDatabase {
  prepare(sql: string): SqliteStatement & { setAllowUnknownNamedParameters?(enabled: boolean): void };
  exec(sql: string): void;
  function(name: string, options: { deterministic?: boolean }, fn: (...args: never[]) => unknown): void;
  close(): void;
}

function adaptNodeSqlite(db: NodeSqliteDatabase): SqliteDatabase {
  let depth = 0;
  return {
    prepare(sql) {
      const statement = db.prepare(sql);
      // better-sqlite3 ignores named parameters a statement does not use; node:sqlite refuses them unless told
      statement.setAllowUnknownNamedParameters?.(true);
      return statement;
    },
    exec: (sql) => db.exec(sql),
    function: (name, options, fn) => db.function(name, options, fn),
    pragma: (source) => db.exec(`PRAGMA ${source}`),
    close: () => db.close(),
    transaction(fn) {
      return (...args) => {
        const savepoint = `sp${depth}`;
        db.exec(depth === 0 ? "BEGIN" : `SAVEPOINT ${savepoint}`);
        depth++;
        try {
          const result = fn(...args);
          depth--;
          db.exec(depth === 0 ? "COMMIT" : `RELEASE ${savepoint}`);
          return result;
        } catch (err) {
          depth--;
          db.exec(depth === 0 ? "ROLLBACK" : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          throw err;
        }
      };
    },
  };
}
