// status (single, multi, all=0/1/2, HLR), balance, delete and the authentication forms, through the SDK.
import { createHash } from "node:crypto";
import { DeleteFailedError, Smsc, STATUS } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let sb: Sandbox;
let smsc: Smsc;
beforeEach(async () => {
  sb = await startSandbox({
    port: 0,
    accounts: [{ login: "credit", password: "pw", balance: 50, credit: 500, currency: "RUB" }],
  });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
});
afterEach(async () => {
  await sb.close();
});

const PHONE = "77011234567";

describe("status", () => {
  it("reports one message with all=0, 1 and 2", async () => {
    const { id } = await smsc.send({ phones: PHONE, message: "Статус" });
    const short = await smsc.status({ id, phone: PHONE });
    expect([STATUS.pending, STATUS.sent, STATUS.delivered]).toContain(short.status);
    expect(short.lastTimestamp).toBeGreaterThan(0);
    expect(short.err).toBe(0);
    const full = await smsc.status({ id, phone: PHONE, all: 1 });
    expect(full).toMatchObject({
      phone: PHONE,
      message: "Статус",
      cost: 10,
      senderId: "SMSC.KZ",
      type: 0,
      smsCnt: 1,
    });
    expect(full.statusName).toBeTruthy();
    expect(full.country).toBeUndefined();
    const geo = await smsc.status({ id, phone: PHONE, all: 2 });
    expect(geo.country).toBeTruthy();
    expect(geo.operator).toBe("Kcell");
  });

  it("reports status -3 (not an error) for an unknown message", async () => {
    const r = await smsc.status({ id: "nope", phone: PHONE });
    expect(r.status).toBe(STATUS.notFound);
  });

  it("reports several messages in one request, in order, and keeps the multi shape for one id", async () => {
    const a = await smsc.send({ phones: PHONE, message: "a" });
    const b = await smsc.send({ phones: "77017654321", message: "b" });
    const many = await smsc.status({ ids: [a.id, b.id, "missing"], phones: [PHONE, "77017654321", PHONE] });
    expect(many.map((r) => r.id)).toEqual([a.id, b.id, "missing"]);
    expect(many[2]!.status).toBe(STATUS.notFound);
    const full = await smsc.status({ ids: [a.id, b.id], phones: [PHONE, "77017654321"], all: 1 });
    expect(full.map((r) => r.message)).toEqual(["a", "b"]);
    const one = await smsc.status({ ids: [a.id], phones: PHONE });
    expect(one).toHaveLength(1);
    expect(one[0]!.id).toBe(a.id);
  });

  it("types the HLR fields of an HLR request", async () => {
    const { id } = await smsc.send({ phones: PHONE, format: "hlr" });
    for (const all of [0, 1, 2] as const) {
      const r = await smsc.status({ id, phone: PHONE, all });
      expect(r.hlr, `all=${all}`).toMatchObject({ mcc: "401", mnc: "02", net: "Kcell" });
      expect(Object.keys(r.hlr!).sort()).toEqual(["cn", "imsi", "mcc", "mnc", "msc", "net", "rcn", "rnet"]);
    }
  });

  it("deletes a message with del=1, and fails with code 5 when there is none", async () => {
    const { id } = await smsc.send({ phones: PHONE, message: "to delete" });
    await smsc.delete({ id, phone: PHONE });
    expect((await smsc.status({ id, phone: PHONE })).status).toBe(STATUS.notFound);
    const err = await smsc.delete({ id, phone: PHONE }).catch((e) => e);
    expect(err).toBeInstanceOf(DeleteFailedError);
    expect(err.code).toBe(5);
  });
});

describe("balance", () => {
  it("returns the balance with its currency (cur=1)", async () => {
    expect(await smsc.balance()).toEqual({ balance: 1000, currency: "KZT" });
    await smsc.send({ phones: PHONE, message: "spend" });
    expect((await smsc.balance()).balance).toBe(990);
  });

  it("returns the credit limit when the account has one", async () => {
    const c = new Smsc({ login: "credit", password: "pw", baseUrl: sb.url });
    expect(await c.balance()).toEqual({ balance: 50, credit: 500, currency: "RUB" });
  });
});

describe("authentication", () => {
  it("accepts the lower-case MD5 of the password as it is, and an API key", async () => {
    const md5 = createHash("md5").update("demo").digest("hex");
    expect((await new Smsc({ login: "demo", password: md5, baseUrl: sb.url }).balance()).balance).toBe(1000);
    expect((await new Smsc({ apiKey: "demo-apikey", baseUrl: sb.url }).balance()).balance).toBe(1000);
  });

  it("withOptions makes a copy with other options", async () => {
    const other = smsc.withOptions({ login: "credit", password: "pw" });
    expect((await other.balance()).currency).toBe("RUB");
    expect((await smsc.balance()).currency).toBe("KZT");
  });
});
