import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrationsDir } from "./migrate.js";
import { type NewRecipient, openStore, type SendWrite, type Store } from "./store.js";

let dir: string;
let store: Store;
let now = 1000;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-store-"));
  now = 1000;
  store = openStore(join(dir, "s.db"), { clock: () => now, delays: { sentMs: 500, deliveredMs: 100 } });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const seed = { login: "a", password: "p", balance: 10, currency: "KZT", credit: 0, sender: "S" };
const recipient = (over: Partial<NewRecipient> = {}): NewRecipient => ({
  phone: "77011234567",
  text: "t",
  parts: 1,
  cost: 4,
  comment: "",
  ...over,
});
const send = (accountId: number, over: Partial<SendWrite> = {}): SendWrite => ({
  accountId,
  origin: "http",
  sender: "S",
  format: "sms",
  type: 0,
  createdAt: 1000,
  sendAt: 1000,
  request: { phones: "+77011234567", mes: "t" },
  cost: 4,
  recipients: [recipient()],
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
  it("debits and stores in one go, sharing the send id between recipients", async () => {
    const a = store.ensureAccount(seed);
    const w = (await store.writeSend(
      send(a.id, { cost: 8, recipients: [recipient(), recipient({ phone: "77021234567" })] }),
    ))!;
    expect(w).toEqual({ sendId: 1, wireId: "1", firstRow: 1, balance: 2 });
    expect(store.listMessages().map((m) => [m.rowId, m.id, m.sendId, m.phone])).toEqual([
      [2, 1, 1, "77021234567"],
      [1, 1, 1, "77011234567"],
    ]);
    expect(store.findMessage(a.id, "1", "77021234567")?.rowId).toBe(2);
    expect(store.findMessage(a.id, "1")?.rowId).toBe(2);
  });

  it("writes nothing when the money does not cover the cost", async () => {
    const a = store.ensureAccount(seed);
    expect(await store.writeSend(send(a.id, { cost: 10.01 }))).toBeUndefined();
    expect(store.accountById(a.id)!.balance).toBe(10);
    expect(store.listMessages()).toEqual([]);
    // the failed write did not consume an id either
    expect(store.nextMessageId()).toBe(1);
  });

  it("commits the writes of one turn in one transaction, each judged on its own", async () => {
    const a = store.ensureAccount({ ...seed, balance: 10 });
    const results = await Promise.all([
      store.writeSend(send(a.id, { cost: 4 })),
      store.writeSend(send(a.id, { cost: 7 })),
      store.writeSend(send(a.id, { cost: 4 })),
    ]);
    expect(results.map((r) => r?.balance)).toEqual([6, undefined, 2]);
    expect(store.listMessages()).toHaveLength(2);
  });

  it("keeps a client id as the wire id and returns the latest message for a repeated one", async () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    await store.writeSend(
      send(a.id, { clientId: "x-1", origin: "smtp", recipients: [recipient({ text: "old" })] }),
    );
    await store.writeSend(
      send(a.id, { clientId: "x-1", origin: "smpp", recipients: [recipient({ text: "new" })] }),
    );
    expect(store.findMessage(a.id, "x-1", "77011234567")).toMatchObject({
      id: "x-1",
      text: "new",
      origin: "smpp",
    });
  });

  it("reads a message's state as the join does, also where the newest send of an id has no live answer", async () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    const other = "77017654321";
    const older = await store.writeSend(
      send(a.id, { clientId: "r-1", recipients: [recipient(), recipient({ phone: other })] }),
    );
    now = 2000;
    const newer = await store.writeSend(send(a.id, { clientId: "r-1", createdAt: 2000, sendAt: 2000 }));
    // the newest send answers for its own number, and without a number
    expect(store.findMessageState(a.id, "r-1", "77011234567")).toMatchObject({
      rowId: newer!.firstRow,
      sendAt: 2000,
    });
    expect(store.findMessageState(a.id, "r-1")).toMatchObject({ rowId: newer!.firstRow });
    // a number only the older send has is found there
    expect(store.findMessageState(a.id, "r-1", other)).toMatchObject({
      rowId: older!.firstRow + 1,
      sendAt: 1000,
    });
    // once the newest message is deleted, the older one with that number answers, as the join finds it
    store.deleteMessages([newer!.firstRow], now);
    expect(store.findMessageState(a.id, "r-1", "77011234567")).toMatchObject({ rowId: older!.firstRow });
    expect(store.findMessageState(a.id, "r-1")).toMatchObject({ rowId: older!.firstRow + 1 });
    store.deleteMessages([older!.firstRow, older!.firstRow + 1], now);
    expect(store.findMessageState(a.id, "r-1", "77011234567")).toBeUndefined();
    expect(store.findMessageState(a.id, "r-1")).toBeUndefined();
    // another account's send under the same id is not this account's
    const b = store.ensureAccount({ ...seed, login: "b", balance: 100 });
    await store.writeSend(send(b.id, { clientId: "r-1" }));
    expect(store.findMessageState(a.id, "r-1")).toBeUndefined();
    expect(store.findMessageState(b.id, "r-1")).toMatchObject({ id: "r-1" });
  });

  it("reads the same states after a restart, when no send is remembered", async () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    await store.writeSend(
      send(a.id, { clientId: "r-2", recipients: [recipient(), recipient({ phone: "77017654321" })] }),
    );
    const before = [store.findMessageState(a.id, "r-2", "77017654321"), store.findMessageState(a.id, "r-2")];
    store.close();
    store = openStore(join(dir, "s.db"), { clock: () => now, delays: { sentMs: 500, deliveredMs: 100 } });
    expect([store.findMessageState(a.id, "r-2", "77017654321"), store.findMessageState(a.id, "r-2")]).toEqual(
      before,
    );
    expect(before[0]).toMatchObject({ phone: "77017654321" });
  });

  it("answers a recent send's states from memory as the database does, until a row is changed or pruned", async () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    const twice = "77017654321";
    const recipients = [
      recipient({ phone: twice, finalStatus: 20, finalErr: 1 }),
      recipient(),
      recipient({ phone: twice, finalStatus: 0 }),
    ];
    const w = (await store.writeSend(send(a.id, { clientId: "m-1", recipients, cost: 12 })))!;
    const asked = [twice, "77011234567", undefined, "77000000000"];
    const states = () => asked.map((p) => store.findMessageState(a.id, "m-1", p));
    const seen: unknown[] = [];
    for (const t of [1000, 1500, 1600]) {
      now = t;
      seen.push(states());
    }
    expect(seen[2]).toMatchObject([
      { rowId: w.firstRow + 2, status: 0 },
      { rowId: w.firstRow + 1, status: 1 },
      { rowId: w.firstRow + 2 },
      undefined,
    ]);
    // the same reads with nothing remembered (a reopened store) give the same answers
    store.close();
    store = openStore(join(dir, "s.db"), { clock: () => now, delays: { sentMs: 500, deliveredMs: 100 } });
    const fromDisk: unknown[] = [];
    for (const t of [1000, 1500, 1600]) {
      now = t;
      fromDisk.push(states());
    }
    expect(fromDisk).toEqual(seen);

    // in a store that remembers the send: any statement that changes or deletes its rows is seen
    const b = store.ensureAccount({ ...seed, login: "b", balance: 100 });
    const wb = (await store.writeSend(
      send(b.id, { clientId: "m-2", recipients: [recipient(), recipient()] }),
    ))!;
    expect(store.findMessageState(b.id, "m-2")).toMatchObject({ rowId: wb.firstRow + 1 });
    store.retention.prune({ maxMessages: 1 }, now, b.id);
    expect(store.findMessageState(b.id, "m-2")).toMatchObject({ rowId: wb.firstRow + 1 });
    store.retention.prune({ maxMessages: 0 }, now, b.id);
    expect(store.findMessageState(b.id, "m-2")).toBeUndefined();
    await store.writeSend(send(b.id, { clientId: "m-3" }));
    expect(store.findMessageState(b.id, "m-3")).toMatchObject({ id: "m-3" });
    store.inspection.reset();
    expect(store.findMessageState(b.id, "m-3")).toBeUndefined();
  });

  it("stores each recipient's own text only when it differs from the send's", async () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    await store.writeSend(
      send(a.id, {
        recipients: [recipient({ text: "one" }), recipient({ phone: "77021234567", text: "two" })],
      }),
    );
    expect(store.listMessages().map((m) => m.text)).toEqual(["two", "one"]);
  });
});

describe("the lifecycle", () => {
  it("derives each message's status from the clock, writes only outcomes and forgets deleted messages", async () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    const w = (await store.writeSend(send(a.id)))!;
    expect(store.findMessage(a.id, "1")).toMatchObject({ status: -1, statusAt: 1000, nextAt: 1500 });
    now = 1500;
    expect(store.findMessage(a.id, "1")).toMatchObject({ status: 0, statusAt: 1500, nextAt: 1600 });
    now = 1600;
    expect(store.findMessage(a.id, "1")).toMatchObject({
      status: 1,
      nextAt: null,
      timeline: [
        { status: -1, err: 0, at: 1000 },
        { status: 0, err: 0, at: 1500 },
        { status: 1, err: 0, at: 1600 },
      ],
    });
    now = 1700;
    expect(store.setOutcome(w.firstRow, 3, 6)).toMatchObject({ status: 3, err: 6, statusAt: 1700 });
    now = 9999;
    expect(store.findMessage(a.id, "1")!.timeline.slice(-2)).toEqual([
      { status: 1, err: 0, at: 1600 },
      { status: 3, err: 6, at: 1700 },
    ]);
    store.deleteMessages([w.firstRow], 1800);
    expect(store.findMessage(a.id, "1")).toBeUndefined();
  });

  it("lists the sends still on their way, and a send's rows as they are at a moment", async () => {
    const a = store.ensureAccount({ ...seed, balance: 100 });
    await store.writeSend(send(a.id, { recipients: [recipient({ finalStatus: 20, finalErr: 1 })] }));
    await store.writeSend(send(a.id, { sendAt: 1050 }));
    expect(store.inFlight(1000)).toEqual([
      { sendAt: 1000, firstRow: 1, count: 1 },
      { sendAt: 1050, firstRow: 2, count: 1 },
    ]);
    expect(store.inFlight(1600)).toEqual([{ sendAt: 1050, firstRow: 2, count: 1 }]);
    const first = { sendAt: 1000, firstRow: 1, count: 1 };
    expect(store.rowsAfter(first, "sent").map((m) => [m.status, m.err, m.statusAt])).toEqual([[0, 0, 1500]]);
    expect(store.rowsAfter(first, "done").map((m) => [m.status, m.err, m.statusAt])).toEqual([[20, 1, 1600]]);
    store.setOutcome(2, 3, 0);
    // a message with an outcome set no longer moves
    expect(store.rowsAfter({ sendAt: 1050, firstRow: 2, count: 1 }, "done")).toEqual([]);
  });
});
