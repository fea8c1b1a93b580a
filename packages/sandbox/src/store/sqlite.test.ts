import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultDriver, openDatabase, type SqliteDriver } from "./sqlite.js";

const major = Number(process.versions.node.split(".")[0]);
// node:sqlite exists from Node 22.5; on Node 20 only better-sqlite3 can be exercised
const drivers: SqliteDriver[] =
  major >= 24 ? ["node:sqlite"] : major >= 22 ? ["better-sqlite3", "node:sqlite"] : ["better-sqlite3"];

describe.each(drivers)("openDatabase with %s", (driver) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sqlite-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prepares, binds named and positional parameters, and persists to the file", () => {
    const file = join(dir, "a.db");
    const db = openDatabase(file, driver);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    const ins = db.prepare("INSERT INTO t (name) VALUES (@name) RETURNING id");
    expect(ins.get({ name: "a" })).toEqual({ id: 1 });
    db.prepare("INSERT INTO t (name) VALUES (?)").run("b");
    db.close();
    const again = openDatabase(file, driver);
    expect(
      again
        .prepare("SELECT name FROM t ORDER BY id")
        .all()
        .map((r) => ({ ...(r as object) })),
    ).toEqual([{ name: "a" }, { name: "b" }]);
    again.close();
  });

  it("ignores a named parameter the statement does not use, as better-sqlite3 does", () => {
    const db = openDatabase(join(dir, "c.db"), driver);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    const ins = db.prepare("INSERT INTO t (name) VALUES (@name) RETURNING id");
    expect(ins.get({ name: "a", createdAt: 1 })).toEqual({ id: 1 });
    db.close();
  });

  it("commits a transaction, rolls back a failing one, and nests as savepoints", () => {
    const db = openDatabase(join(dir, "b.db"), driver);
    db.exec("CREATE TABLE t (v INTEGER)");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    const count = () => (db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n;
    db.transaction((v: number) => insert.run(v))(1);
    expect(count()).toBe(1);
    expect(() =>
      db.transaction(() => {
        insert.run(2);
        throw new Error("boom");
      })(),
    ).toThrow("boom");
    expect(count()).toBe(1);
    const outer = db.transaction(() => {
      insert.run(3);
      try {
        db.transaction(() => {
          insert.run(4);
          throw new Error("inner");
        })();
      } catch {}
    });
    outer();
    expect(count()).toBe(2);
    db.close();
  });

  it("registers deterministic scalar functions", () => {
    const db = openDatabase(join(dir, "c.db"), driver);
    db.function("fold", { deterministic: true }, (s: never) => String(s).toLowerCase());
    expect(db.prepare("SELECT fold('ÄБв') AS f").get()).toMatchObject({ f: "äбв" });
    db.close();
  });
});

describe("defaultDriver", () => {
  it("follows SMSC_SANDBOX_SQLITE, else picks by Node version", () => {
    expect(defaultDriver({ SMSC_SANDBOX_SQLITE: "node:sqlite" })).toBe("node:sqlite");
    expect(defaultDriver({ SMSC_SANDBOX_SQLITE: "better-sqlite3" })).toBe("better-sqlite3");
    expect(defaultDriver({})).toBe(major >= 24 ? "node:sqlite" : "better-sqlite3");
  });
});
