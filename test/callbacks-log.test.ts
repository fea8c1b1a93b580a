// The callback log in SQLite: newest first, per account, bounded.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CALLBACK_LOG_LIMIT } from "../packages/sandbox/src/store/callbacks.js";

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "callback-log-"));
  store = openStore(join(dir, "db.sqlite"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const account = (login: string) =>
  store.ensureAccount({ login, password: "x", balance: 1, currency: "KZT", credit: 0, sender: "" }).id;

const entry = (accountId: number, n: number) => ({
  accountId,
  event: "status" as const,
  ref: String(n),
  url: "http://127.0.0.1/cb?md5=***",
  attempt: 1,
  ok: n % 2 === 0,
  final: true,
  at: n,
  ...(n % 2 === 0 ? { httpStatus: 200 } : { error: "ECONNREFUSED" }),
});

describe("callback log", () => {
  it("lists attempts newest first, with the login, per account", () => {
    const demo = account("demo");
    const other = account("other");
    store.callbacks.log(entry(demo, 1));
    store.callbacks.log(entry(other, 2));
    const logged = store.callbacks.log(entry(demo, 3));
    expect(logged).toMatchObject({ login: "demo", ref: "3", ok: false, error: "ECONNREFUSED" });
    expect(logged.httpStatus).toBeUndefined();
    expect(store.callbacks.list().map((e) => e.ref)).toEqual(["3", "2", "1"]);
    expect(store.callbacks.list({ accountId: other })).toMatchObject([
      { login: "other", httpStatus: 200, ok: true },
    ]);
  });

  it(`keeps only the newest ${CALLBACK_LOG_LIMIT} attempts`, () => {
    const demo = account("demo");
    const total = CALLBACK_LOG_LIMIT + 200;
    for (let n = 1; n <= total; n++) store.callbacks.log(entry(demo, n));
    const all = store.callbacks.list({ limit: total });
    expect(all).toHaveLength(CALLBACK_LOG_LIMIT);
    expect(all[0]!.ref).toBe(String(total));
    expect(all.at(-1)!.ref).toBe(String(total - CALLBACK_LOG_LIMIT + 1));
  });

  it("stores a handler URL per account and removes it", () => {
    const demo = account("demo");
    store.callbacks.setUrl(demo, "http://127.0.0.1/a");
    store.callbacks.setUrl(demo, "http://127.0.0.1/b");
    expect(store.callbacks.url(demo)).toBe("http://127.0.0.1/b");
    store.callbacks.setUrl(demo, null);
    expect(store.callbacks.url(demo)).toBeUndefined();
  });
});
