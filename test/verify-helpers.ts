// Shared by the verify tests: the stores against real servers (SQLite file, redis-server, PostgreSQL), a channel
// that hands the code to the test, and a clock the test moves.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@redis/client";
import { Redis } from "ioredis";
import pg from "pg";
import {
  type Channel,
  type ChannelName,
  memoryStore,
  postgresStore,
  redisStore,
  type SqliteHandle,
  sqliteStore,
  type VerifyStore,
} from "smsc/verify";
import { startPostgres, startRedis } from "../bench/db-servers.mjs";

const require = createRequire(import.meta.url);

/** A secret for tests (32 bytes of text). */
export const SECRET = "test-secret-0123456789abcdefghij";

/** A clock the test sets. */
export function testClock(start = 1_750_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Deterministic numbers in [0, 1) from a seed (mulberry32), for reproducible codes and ids. */
export function seeded(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A channel that delivers nothing and remembers each code by phone (for store tests, not for the wire). */
export function capturingChannel(name: ChannelName = "sms") {
  const codes = new Map<string, string>();
  const channel: Channel = {
    name,
    async deliver({ phone, code }) {
      codes.set(phone.digits, code);
      return { code };
    },
  };
  return { channel, codes };
}

/** A way to open a store, any number of times (each open is one "server"), and close what it opened. */
export interface StoreKind {
  name: string;
  /** Starts the server, if any. */
  setup(): Promise<void>;
  /** Opens one more connection with its own store; all opens of a kind share the data. */
  open(namespace: string): Promise<VerifyStore>;
  teardown(): Promise<void>;
}

/** SQLite driver of this Node: better-sqlite3 before 24, the built-in node:sqlite from 24 (as the sandbox does). */
export function openSqlite(path: string): SqliteHandle & { close(): void } {
  if (Number(process.versions.node.split(".")[0]) >= 24) {
    const { DatabaseSync } = require("node:sqlite") as {
      DatabaseSync: new (p: string) => SqliteHandle & { close(): void };
    };
    return new DatabaseSync(path);
  }
  const Database = require("better-sqlite3") as new (p: string) => SqliteHandle & { close(): void };
  return new Database(path);
}

/** Every store, each against its real server. */
export function storeKinds(): StoreKind[] {
  const memory = (() => {
    const stores = new Map<string, VerifyStore>();
    return {
      name: "memory",
      async setup() {},
      async open(ns: string) {
        // one process: every "server" shares the one map
        if (!stores.has(ns)) stores.set(ns, memoryStore());
        return stores.get(ns)!;
      },
      async teardown() {},
    };
  })();

  const sqlite = (() => {
    let dir = "";
    const handles: Array<{ close(): void }> = [];
    return {
      name: "sqlite",
      async setup() {
        dir = mkdtempSync(join(tmpdir(), "smsc-verify-sqlite-"));
      },
      async open(ns: string) {
        const db = openSqlite(join(dir, "verify.db"));
        db.exec("PRAGMA journal_mode = WAL");
        handles.push(db);
        return sqliteStore(db, { table: `t_${ns}` });
      },
      async teardown() {
        for (const h of handles.splice(0)) h.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  })();

  const redis = (client: "ioredis" | "node-redis") => {
    let server: Awaited<ReturnType<typeof startRedis>> | undefined;
    const closers: Array<() => Promise<unknown>> = [];
    return {
      name: `redis (${client})`,
      async setup() {
        server = await startRedis();
      },
      async open(ns: string) {
        if (client === "ioredis") {
          const c = new Redis(server!.port, "127.0.0.1", { lazyConnect: true });
          await c.connect();
          closers.push(() => c.quit());
          return redisStore(c, { prefix: `${ns}:` });
        }
        const c = createClient({ url: server!.url });
        await c.connect();
        closers.push(() => c.quit());
        return redisStore(c, { prefix: `${ns}:` });
      },
      async teardown() {
        for (const close of closers.splice(0)) await close();
        await server?.stop();
      },
    };
  };

  const postgres = (() => {
    let server: Awaited<ReturnType<typeof startPostgres>> | undefined;
    const pools: pg.Pool[] = [];
    return {
      name: "postgres",
      async setup() {
        server = await startPostgres();
      },
      async open(ns: string) {
        const pool = new pg.Pool({ connectionString: server!.connectionString, max: 8 });
        // an idle connection ended by the server's shutdown reports it here; nothing is waiting on it then
        pool.on("error", () => {});
        pools.push(pool);
        return postgresStore(pool, { table: `t_${ns}` });
      },
      async teardown() {
        for (const p of pools.splice(0)) await p.end();
        await server?.stop();
      },
    };
  })();

  return [memory, sqlite, redis("ioredis"), redis("node-redis"), postgres];
}
