// The core as the SMTP and SMPP adapters call it: no HTTP in between.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ErrorReply, StatusRecord } from "smsc/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/store.js";
import { createCore } from "./create-core.js";
import type { Account, Core, Message } from "./types.js";

let dir: string;
let store: Store;
let core: Core;
let now: number;
let account: Account;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-core-"));
  store = openStore(join(dir, "c.db"));
  now = Date.UTC(2026, 0, 15, 9);
  core = createCore({ store, clock: () => now, delays: { sentMs: 100, deliveredMs: 100 } });
  account = core.authenticate({ login: "demo", psw: "demo" }) as Account;
});
afterEach(() => {
  core.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("createCore", () => {
  it("submits with send.php parameters from any origin and emits the stored messages", () => {
    const seen: Message[] = [];
    const off = core.events.on("message", (m) => seen.push(m));
    const r = core.submit({
      account,
      params: { phones: "+77011234567", mes: "from mail", sender: "." },
      origin: "smtp",
    });
    expect("reply" in r && r.reply).toMatchObject({ cnt: 1, cost: 10, balance: 990 });
    expect(seen).toMatchObject([{ origin: "smtp", text: "from mail", sender: "", status: -1, type: 0 }]);
    off();
    core.submit({ account, params: { phones: "+77011234567", mes: "second" }, origin: "smpp" });
    expect(seen).toHaveLength(1);
  });

  it("refuses cost=1 in submit (price answers it) and prices without storing", () => {
    expect(
      core.submit({ account, params: { phones: "+77011234567", mes: "x", cost: "1" }, origin: "smpp" }),
    ).toEqual({
      error: { error: "parameters error", code: 1 },
    });
    expect(core.price({ account, params: { phones: "+77011234567", mes: "x" }, origin: "smpp" })).toEqual({
      cost: 10,
      cnt: 1,
    });
    expect(core.messages()).toEqual([]);
  });

  it("gives the statuses of a send by id and phone, advancing on tick", () => {
    const r = core.submit({ account, params: { phones: "+77011234567", mes: "x" }, origin: "smpp" });
    const id = String("reply" in r && r.reply.id);
    const ask = () =>
      (
        core.status({ account, ids: [id], phones: ["+77011234567"], all: 0, del: false }) as StatusRecord[]
      )[0]!.status;
    expect(ask()).toBe(-1);
    now += 100;
    core.tick();
    expect(core.messages()[0]!.status).toBe(0);
    now += 100;
    expect(ask()).toBe(1);
    expect(core.status({ account, ids: [], phones: [], all: 0, del: false })).toEqual({
      error: "parameters error",
      code: 1,
    });
  });

  it("reports balance with currency, and auth errors as replies", () => {
    expect(core.balance(account)).toEqual({ balance: 1000, currency: "KZT" });
    expect(core.authenticate({ login: "demo", psw: "x" })).toEqual({
      error: "authorise error",
      code: 2,
    } satisfies ErrorReply);
    expect(core.authenticate({ apikey: "demo-apikey" })).toMatchObject({ login: "demo" });
  });

  it("logs and survives a listener that throws", () => {
    const errors: string[] = [];
    const c2 = createCore({
      store,
      clock: () => now,
      logger: { info() {}, warn() {}, error: (m) => errors.push(m) },
    });
    c2.events.on("message", () => {
      throw new Error("boom");
    });
    const r = c2.submit({ account, params: { phones: "+77011234567", mes: "still stored" }, origin: "http" });
    expect("reply" in r).toBe(true);
    expect(errors).toEqual(['listener of "message" failed']);
    c2.close();
  });
});
