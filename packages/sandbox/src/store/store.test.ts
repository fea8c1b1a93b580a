import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrationsDir } from "./migrate.js";
import { type NewMessage, openStore, type Store } from "./store.js";

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-store-"));
  store = openStore(join(dir, "s.db"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const seed = { login: "a", password: "p", balance: 10, currency: "KZT", credit: 0, sender: "S" };
const message = (over: Partial<NewMessage> = {}): NewMessage => ({
  phone: "77011234567",
  text: "t",
  sender: "S",
  format: "sms",
  type: 0,
  parts: 1,
  cost: 4,
  status: -1,
  err: 0,
  createdAt: 1000,
  sendAt: 1000,
  statusAt: 1000,
  nextAt: 1500,
  deliveredDelay: 100,
  finalStatus: 1,
  finalErr: 0,
  comment: "",
  params: { phones: "+77011234567", mes: "t" },
  ...over,
});

describe("openStore", () => {
  it("finds the migrations next to the module and applies each once", () => {
    expect(migrationsDir()).toMatch(/store[\\/]migrations[\\/]?$/);
    const files = readdirSync(migrationsDir())
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(files[0]).toBe("0001_init.sql");
    expect(store.appliedMigrations()).toEqual(files);
    store.close();
    store = openStore(join(dir, "s.db"));
    expect(store.appliedMigrations()).toEqual(files);
  });

  it("creates an account once and keeps the stored one afterwards", () => {
    const a = store.ensureAccount(seed);
    expect(a).toEqual({
      id: 1,
      login: "a",
      password: "p",
      balance: 10,
      credit: 0,
      currency: "KZT",
      sender: "S",
    });
    expect(store.ensureAccount({ ...seed, balance: 99 }).balance).toBe(10);
    expect(store.accountByApikey("nope")).toBeUndefined();
  });
});

describe("writeSend", () => {
  it("debits and stores in one go, sharing the send id between recipients", () => {
    const a = store.ensureAccount(seed);
    const w = store.writeSend({
      accountId: a.id,
      origin: "http",
      cost: 8,
      messages: [message(), message({ phone: "77021234567" })],
    })!;
    expect(w.balance).toBe(2);
    expect(w.messages.map((m) => [m.id, m.sendId, m.phone])).toEqual([
      [1, 1, "77011234567"],
      [1, 1, "77021234567"],
    ]);
    expect(store.findMessage(a.id, "1", "77021234567")?.rowId).toBe(2);
    expect(store.findMessage(a.id, "1")?.rowId).toBe(2);
  });

  it("writes nothing when the money does not cover the cost", () => {
    const a = store.ensureAccount(seed);
    expect(
      store.writeSend({ accountId: a.id, origin: "http", cost: 10.01, messages: [message()] }),
    ).toBeUndefined();
    expect(store.accountById(a.id)!.balance).toBe(10);
    expect(store.listMessages()).toEqual([]);
    // the failed transaction did not consume an id either
    expect(store.nextMessageId()).toBe(1);
  });

  it("keeps a client id as the wire id and returns the latest message for a repeated one", () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    store.writeSend({
      accountId: a.id,
      clientId: "x-1",
      origin: "smtp",
      cost: 1,
      messages: [message({ text: "old" })],
    });
    store.writeSend({
      accountId: a.id,
      clientId: "x-1",
      origin: "smpp",
      cost: 1,
      messages: [message({ text: "new" })],
    });
    expect(store.findMessage(a.id, "x-1", "77011234567")).toMatchObject({
      id: "x-1",
      text: "new",
      origin: "smpp",
    });
  });
});

describe("status changes", () => {
  it("lists due messages, writes changes and forgets deleted messages", () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    const [m] = store.writeSend({
      accountId: a.id,
      origin: "http",
      cost: 4,
      messages: [message()],
    })!.messages;
    expect(store.nextDueAt()).toBe(1500);
    expect(store.dueMessages(1499)).toEqual([]);
    const [due] = store.dueMessages(1500);
    expect(due).toMatchObject({ rowId: m!.rowId, deliveredDelay: 100, finalStatus: 1 });
    expect(store.setStatus(m!.rowId, 0, 0, 1500, 1600)).toMatchObject({
      status: 0,
      statusAt: 1500,
      nextAt: 1600,
    });
    store.deleteMessages([m!.rowId], 1550);
    expect(store.nextDueAt()).toBeUndefined();
    expect(store.findMessage(a.id, "1")).toBeUndefined();
  });
});
