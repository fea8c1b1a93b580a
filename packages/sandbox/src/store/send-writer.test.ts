import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROWS_PER_PIECE } from "./send-writer.js";
import { type NewRecipient, openStore, type SendWrite, type Store } from "./store.js";

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-writer-"));
  store = openStore(join(dir, "s.db"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const N = 2 * ROWS_PER_PIECE + 200;
const seed = { login: "a", password: "p", balance: 100_000, currency: "KZT", credit: 0, sender: "S" };
const phone = (i: number) => `7701${String(i).padStart(7, "0")}`;
const big = (accountId: number, recipients: NewRecipient[] = bigRecipients()): SendWrite => ({
  accountId,
  clientId: "big",
  origin: "http",
  sender: "S",
  format: "sms",
  type: 0,
  createdAt: 1000,
  sendAt: 1000,
  request: { phones: "…", mes: "t" },
  cost: recipients.length,
  recipients,
});
const bigRecipients = () =>
  Array.from(
    { length: N },
    (_, i): NewRecipient => ({ phone: phone(i), text: "t", parts: 1, cost: 1, comment: "" }),
  );
const small = (accountId: number): SendWrite => ({
  ...big(accountId, [{ phone: "77019999999", text: "s", parts: 1, cost: 1, comment: "" }]),
  clientId: "small",
});
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(`a send of more than ${ROWS_PER_PIECE} recipients`, () => {
  it("is written a piece per turn, invisible until its last piece, with other sends committed in between", async () => {
    const a = store.ensureAccount(seed);
    const order: string[] = [];
    const bigWrite = store.writeSend(big(a.id)).then((w) => {
      order.push("big");
      return w;
    });
    await nextTurn();
    // the first piece debited the send and wrote its first rows, which nothing reads yet
    expect(store.accountById(a.id)!.balance).toBe(100_000 - N);
    expect(store.findMessage(a.id, "big", phone(0))).toBeUndefined();
    const smallWrite = store.writeSend(small(a.id)).then(() => order.push("small"));
    await Promise.all([bigWrite, smallWrite]);
    expect(order).toEqual(["small", "big"]);
    const w = (await bigWrite)!;
    expect(w.balance).toBe(100_000 - N);
    for (const i of [0, ROWS_PER_PIECE, N - 1]) {
      const m = store.findMessage(a.id, "big", phone(i))!;
      expect(m.rowId).toBe(w.firstRow + i);
      expect(m.sendId).toBe(w.sendId);
    }
    expect(store.findMessage(a.id, "small", "77019999999")).toBeDefined();
  });

  it("is undone when the store next opens if it was cut short: the money back, its rows gone", async () => {
    const a = store.ensureAccount(seed);
    const path = store.path;
    const cut = store.writeSend(big(a.id)).catch((err: unknown) => err);
    await nextTurn();
    expect(store.accountById(a.id)!.balance).toBe(100_000 - N);
    // closing commits what is queued (the second piece); the last one finds the database closed
    store.close();
    expect(await cut).toBeInstanceOf(Error);
    store = openStore(path);
    expect(store.accountById(a.id)!.balance).toBe(100_000);
    expect(store.findMessage(a.id, "big", phone(0))).toBeUndefined();
    // the rows it had written are gone, so their row ids are free of collisions and a new send is whole
    const again = (await store.writeSend(big(a.id)))!;
    expect(store.findMessage(a.id, "big", phone(N - 1))!.rowId).toBe(again.firstRow + N - 1);
    expect(store.accountById(a.id)!.balance).toBe(100_000 - N);
    store.close();
    store = openStore(path);
    expect(store.accountById(a.id)!.balance).toBe(100_000 - N);
  });

  it("gives the money back at once when a later piece fails", async () => {
    const a = store.ensureAccount(seed);
    const recipients = bigRecipients();
    // a phone the database refuses (NOT NULL) in the last piece
    recipients[N - 1] = { ...recipients[N - 1]!, phone: null as unknown as string };
    await expect(store.writeSend(big(a.id, recipients))).rejects.toThrow();
    expect(store.accountById(a.id)!.balance).toBe(100_000);
    expect(store.findMessage(a.id, "big", phone(0))).toBeUndefined();
    store.close();
    store = openStore(store.path);
    expect(store.accountById(a.id)!.balance).toBe(100_000);
  });

  it("is refused whole when the money does not cover it", async () => {
    const a = store.ensureAccount({ ...seed, balance: N - 1 });
    expect(await store.writeSend(big(a.id))).toBeUndefined();
    expect(store.accountById(a.id)!.balance).toBe(N - 1);
    expect(store.findMessage(a.id, "big", phone(0))).toBeUndefined();
  });
});

describe("the search index while a send is written in pieces", () => {
  it("finds the sends committed after it at once, and the big send itself once its last piece is in", async () => {
    const a = store.ensureAccount(seed);
    const bigWrite = store.writeSend(big(a.id));
    await nextTurn();
    await store.writeSend(small(a.id));
    const found = (q: string) => store.inspection.messages({ q, limit: 5 }).map((m) => m.phone);
    // the big send has the lower id and is still pending: the small one is searchable anyway
    expect(found("77019999999")).toEqual(["77019999999"]);
    expect(found(phone(N - 1))).toEqual([]);
    await bigWrite;
    expect(found(phone(N - 1))).toEqual([phone(N - 1)]);
    expect(found("77019999999")).toEqual(["77019999999"]);
    store.close();
    // after a restart the index holds each send once
    store = openStore(join(dir, "s.db"));
    expect(found(phone(0))).toEqual([phone(0)]);
    expect(found("77019999999")).toEqual(["77019999999"]);
  });
});

describe("the search document of a send with many texts", () => {
  it(`is cut at ${128 * 1024} characters, and every search still finds what the cut left out`, async () => {
    const a = store.ensureAccount(seed);
    const recipients = Array.from(
      { length: 2000 },
      (_, i): NewRecipient => ({
        phone: phone(i),
        text: `Ваш код ${i} ${"ж".repeat(80)}`,
        parts: 1,
        cost: 1,
        comment: "",
      }),
    );
    await store.writeSend(big(a.id, recipients));
    await store.writeSend(small(a.id));
    const found = (f: { text?: string; q?: string }) =>
      store.inspection.messages({ ...f, limit: 5 }).map((m) => m.phone);
    expect(found({ text: "код 1999 жжж" })).toEqual([phone(1999)]);
    expect(found({ text: "код 7 жжж" })).toEqual([phone(7)]);
    expect(found({ q: "77010001999" })).toEqual([phone(1999)]);
    expect(found({ text: "нет такого" })).toEqual([]);
    expect(found({ q: "77019999999" })).toEqual(["77019999999"]);
  });
});
