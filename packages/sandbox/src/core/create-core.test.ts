// The core as the SMTP and SMPP adapters call it: no HTTP in between.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ErrorReply, StatusRecord } from "smsc/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/store.js";
import { type CoreControl, createCore } from "./create-core.js";
import type { Fate } from "./fate.js";
import type { Account, Core, Message, SendOutcome } from "./types.js";

let dir: string;
let store: Store;
let core: Core;
let control: CoreControl;
let now: number;
let account: Account;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-core-"));
  now = Date.UTC(2026, 0, 15, 9);
  store = openStore(join(dir, "c.db"), { clock: () => now, delays: { sentMs: 100, deliveredMs: 100 } });
  ({ core, control } = createCore({ store }));
  account = core.authenticate({ login: "demo", psw: "demo" }) as Account;
});
afterEach(() => {
  control.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The value of an answered fate. */
function value<T>(fate: Fate<T>): T {
  if (fate.kind !== "answer") throw new Error(`expected an answer, got ${JSON.stringify(fate)}`);
  return fate.value;
}

describe("createCore", () => {
  it("sends with send.php parameters from any origin and emits the stored messages", async () => {
    const seen: Message[] = [];
    const off = core.events.on("message", (m) => seen.push(m));
    const r = value(
      await core.send({
        account,
        params: { phones: "+77011234567", mes: "from mail", sender: "." },
        origin: "smtp",
      }),
    );
    expect(r).toMatchObject({ kind: "sent", reply: { cnt: 1, cost: 10, balance: 990 } });
    expect(seen).toMatchObject([{ origin: "smtp", text: "from mail", sender: "", status: -1, type: 0 }]);
    off();
    await core.send({ account, params: { phones: "+77011234567", mes: "second" }, origin: "smpp" });
    expect(seen).toHaveLength(1);
  });

  it("prices cost=1 without storing anything", async () => {
    expect(
      value(
        await core.send({ account, params: { phones: "+77011234567", mes: "x", cost: "1" }, origin: "smpp" }),
      ),
    ).toEqual({ kind: "priced", reply: { cost: 10, cnt: 1 } });
    expect(control.messages()).toEqual([]);
  });

  it("gives the statuses of a send by id and phone, advancing on tick", async () => {
    const r = value(
      await core.send({ account, params: { phones: "+77011234567", mes: "x" }, origin: "smpp" }),
    );
    const id = String(r.kind === "sent" && r.reply.id);
    const ask = () =>
      value(
        core.status({ account, ids: [id], phones: ["+77011234567"], all: 0, del: false }) as Fate<
          StatusRecord[]
        >,
      )[0]!.status;
    expect(ask()).toBe(-1);
    now += 100;
    control.tick();
    expect(control.messages()[0]!.status).toBe(0);
    now += 100;
    expect(ask()).toBe(1);
    expect(
      control.messages()[0]!.timeline.map((t) => [t.status, t.at - control.messages()[0]!.createdAt]),
    ).toEqual([
      [-1, 0],
      [0, 100],
      [1, 200],
    ]);
    expect(core.status({ account, ids: [], phones: [], all: 0, del: false })).toEqual({
      kind: "error",
      error: { error: "parameters error", code: 1 },
    });
  });

  it("reports balance with currency, and auth errors as replies", () => {
    expect(core.balance(account)).toEqual({ kind: "answer", value: { balance: 1000, currency: "KZT" } });
    expect(core.authenticate({ login: "demo", psw: "x" })).toEqual({
      error: "authorise error",
      code: 2,
    } satisfies ErrorReply);
    expect(core.authenticate({ apikey: "demo-apikey" })).toMatchObject({ login: "demo" });
  });

  it("decides each magic number's fate once, for every adapter", async () => {
    const send = (phone: string): Promise<Fate<SendOutcome>> =>
      core.send({ account, params: { phones: phone, mes: `to ${phone}` }, origin: "smpp" });
    expect((await send("77000000098")).kind).toBe("lose-request");
    expect(control.messages()).toEqual([]);
    const lost = await send("77000000099");
    expect(lost.kind).toBe("lose-reply");
    expect(control.messages()).toHaveLength(1);
    expect(await send("77000000007")).toMatchObject({ kind: "error", error: { code: 7 } });
    expect(await send("77000000090")).toMatchObject({ kind: "answer", afterMs: 10_000 });
  });

  it("commits the sends of one turn together and answers each after the commit", async () => {
    const sends = Array.from({ length: 20 }, (_, i) =>
      core.send({
        account,
        params: { phones: `+7701123${String(i).padStart(4, "0")}`, mes: `n${i}` },
        origin: "http",
      }),
    );
    // nothing is stored before the turn's transaction
    expect(control.messages()).toEqual([]);
    const replies = (await Promise.all(sends)).map((f) => value(f));
    // each reply carries the balance right after its own debit; the turn budget may commit a busy turn's sends in
    // more than one batch, and not in the order they came, so the balances are compared as a set
    const balances = replies.map((r): number =>
      r.kind === "sent" ? (r.reply.balance ?? Number.NaN) : Number.NaN,
    );
    expect(balances.sort((a, b) => b - a)).toEqual(Array.from({ length: 20 }, (_, i) => 1000 - 10 * (i + 1)));
    expect(control.messages({ limit: 100 })).toHaveLength(20);
  });

  it("logs and survives a listener that throws", async () => {
    const errors: string[] = [];
    const c2 = createCore({
      store,
      logger: { info() {}, warn() {}, error: (m) => errors.push(m) },
    });
    c2.core.events.on("message", () => {
      throw new Error("boom");
    });
    const r = await c2.core.send({
      account,
      params: { phones: "+77011234567", mes: "still stored" },
      origin: "http",
    });
    expect(r.kind).toBe("answer");
    expect(errors).toEqual(['listener of "message" failed']);
    c2.control.close();
  });
});
