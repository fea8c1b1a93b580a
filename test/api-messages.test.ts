// The inspection API's message endpoints against a real sandbox, messages sent through the SDK.

import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

let sb: Sandbox;
let smsc: Smsc;
beforeEach(async () => {
  sb = await startSandbox({
    port: 0,
    rateLimits: false,
    // the tests read messages at -1: a minute before they move keeps a loaded machine from changing that
    delays: { sentMs: 60_000 },
    accounts: [{ login: "shop", password: "shop-pw", balance: 50, currency: "RUB" }],
  });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
});
afterEach(async () => {
  await sb.close();
});

const A = "77011234567";
const B = "77017654321";

describe("GET /api/v1/messages", () => {
  it("lists messages newest first with every documented field", async () => {
    await smsc.send({ phones: A, message: "Hello", sender: "SHOP" });
    await smsc.send({ phones: `+7 (701) 765-43-21`, message: "Привет" });
    const { status, body, headers } = await api(sb.url, "GET", "/messages");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(body.messages.map((m: { phone: string }) => m.phone)).toEqual([B, A]);
    const m = body.messages[1];
    expect(m).toMatchObject({
      phone: A,
      text: "Hello",
      sender: "SHOP",
      parts: 1,
      cost: 10,
      status: -1,
      statusName: "Ожидает отправки",
      err: 0,
      encoding: "gsm7",
      format: "sms",
      type: 0,
      login: "demo",
      origin: "http",
    });
    expect(typeof m.id).toBe("number");
    expect(Date.parse(m.createdAt)).not.toBeNaN();
    expect(m.timeline).toEqual([{ status: -1, statusName: "Ожидает отправки", err: 0, at: m.createdAt }]);
    expect(body.messages[0].encoding).toBe("ucs2");
  });

  it("filters by phone (any form), text, sender, status, login and pages by id", async () => {
    for (let i = 0; i < 5; i++)
      await smsc.send({ phones: i % 2 ? B : A, message: `Code ${i}`, sender: i === 4 ? "BANK" : "SHOP" });
    const shop = new Smsc({ login: "shop", password: "shop-pw", baseUrl: sb.url });
    await shop.send({ phones: A, message: "from the shop account" });
    const get = async (q: string) =>
      (await api(sb.url, "GET", `/messages?${q}`)).body.messages as Array<{ id: number; text: string }>;
    expect((await get(`phone=${encodeURIComponent("+7 701 765-43-21")}`)).map((m) => m.text)).toEqual([
      "Code 3",
      "Code 1",
    ]);
    expect((await get("text=CODE%202")).map((m) => m.text)).toEqual(["Code 2"]);
    expect((await get("sender=bank")).map((m) => m.text)).toEqual(["Code 4"]);
    expect((await get("login=shop")).map((m) => m.text)).toEqual(["from the shop account"]);
    expect(await get("status=1,20")).toEqual([]);
    expect((await get("status=-1")).length).toBe(6);
    const page1 = await get("limit=2");
    expect(page1.map((m) => m.text)).toEqual(["from the shop account", "Code 4"]);
    const page2 = await get(`limit=2&before=${page1[1]!.id}`);
    expect(page2.map((m) => m.text)).toEqual(["Code 3", "Code 2"]);
    expect((await get(`after=${page2[0]!.id}`)).map((m) => m.text)).toEqual([
      "from the shop account",
      "Code 4",
    ]);
    expect((await get("q=%D0%9A%D0%BE%D0%B4")).length).toBe(0); // "Код": case-folded, but not present
    expect((await get("q=7654")).map((m) => m.text)).toEqual(["Code 3", "Code 1"]);
  });

  it("searches Cyrillic text case-insensitively", async () => {
    await smsc.send({ phones: A, message: "Ваш КОД: 4821" });
    const r = await api(sb.url, "GET", `/messages?text=${encodeURIComponent("код")}`);
    expect(r.body.messages).toHaveLength(1);
  });

  it("searches for a text that holds NUL, which the search index cannot be asked for (soak fuzzing seed 845262065)", async () => {
    await smsc.send({ phones: A, message: "code\u0000abc 42" });
    await smsc.send({ phones: B, message: "another text" });
    const q = (filter: string) => api(sb.url, "GET", `/messages?${filter}`);
    const found = await q(`q=${encodeURIComponent("e\u0000abc")}`);
    expect(found.status).toBe(200);
    expect(found.body.messages.map((m: { phone: string }) => m.phone)).toEqual([A]);
    for (const filter of [
      `text=${encodeURIComponent("\u0000\u{f0e38}\u{b2eae}")}`,
      "sender=%00%F0%B0%B8%B8xyz",
    ]) {
      const none = await q(filter);
      expect(none.status, filter).toBe(200);
      expect(none.body.messages, filter).toEqual([]);
    }
    expect((await api(sb.url, "GET", "/messages/latest?sender=%00abc")).status).toBe(404);
  });

  it("refuses bad filters with 400 and a JSON error", async () => {
    for (const q of ["limit=abc", "limit=5000", "status=x", "before=-1"]) {
      const r = await api(sb.url, "GET", `/messages?${q}`);
      expect(r.status).toBe(400);
      expect(typeof r.body.error).toBe("string");
    }
  });
});

describe("one message", () => {
  it("gets, deletes and then answers 404; status.php no longer finds it", async () => {
    const sent = await smsc.send({ phones: A, message: "one" });
    const [m] = sb.messages();
    const got = await api(sb.url, "GET", `/messages/${m!.id}`);
    expect(got.body).toMatchObject({ id: m!.id, messageId: sent.id, text: "one" });
    expect((await api(sb.url, "DELETE", `/messages/${m!.id}`)).body).toEqual({ deleted: 1, ids: [m!.id] });
    expect((await api(sb.url, "GET", `/messages/${m!.id}`)).status).toBe(404);
    expect((await api(sb.url, "DELETE", `/messages/${m!.id}`)).status).toBe(404);
    const st = await smsc.status({ id: sent.id, phone: A });
    expect(st.status).toBe(-3);
  });

  it("answers 404 for an unknown id and for unknown endpoints, 405 for a wrong method", async () => {
    expect(await api(sb.url, "GET", "/messages/999")).toMatchObject({
      status: 404,
      body: { error: "no message 999" },
    });
    expect((await api(sb.url, "GET", "/nope")).status).toBe(404);
    const r = await api(sb.url, "PATCH", "/messages");
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, DELETE");
  });

  it("deletes every message matching a filter", async () => {
    await smsc.send({ phones: [A, B], message: "promo" });
    await smsc.send({ phones: A, message: "keep me" });
    const r = await api(sb.url, "DELETE", "/messages?text=promo");
    expect(r.body.deleted).toBe(2);
    expect(sb.messages().map((m) => m.text)).toEqual(["keep me"]);
  });

  it("latest answers the newest message for a phone, 404 when there is none", async () => {
    await smsc.send({ phones: A, message: "first" });
    await smsc.send({ phones: B, message: "other" });
    await smsc.send({ phones: A, message: "second" });
    expect((await api(sb.url, "GET", `/messages/latest?phone=%2B${A}`)).body.text).toBe("second");
    expect(sb.latest(B)?.text).toBe("other");
    expect(sb.latest()?.text).toBe("second");
    expect((await api(sb.url, "GET", "/messages/latest?phone=77020000000")).status).toBe(404);
  });
});

describe("POST /api/v1/messages/:id/outcome", () => {
  it("moves a message to a status now, records the timeline, and status.php reports it", async () => {
    const sent = await smsc.send({ phones: A, message: "fail me" });
    const [m] = sb.messages();
    const r = await api(sb.url, "POST", `/messages/${m!.id}/outcome`, { status: 20, err: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 20, statusName: "Невозможно доставить", err: 1 });
    expect(r.body.errName).toMatch(/subscriber does not exist/i);
    expect(r.body.timeline.map((t: { status: number }) => t.status)).toEqual([-1, 20]);
    expect((await smsc.status({ id: sent.id, phone: A })).status).toBe(20);
  });

  it("refuses an unknown status, a bad err and a bad body with 400", async () => {
    await smsc.send({ phones: A, message: "x" });
    const id = sb.messages()[0]!.id;
    expect((await api(sb.url, "POST", `/messages/${id}/outcome`, { status: 7 })).status).toBe(400);
    expect((await api(sb.url, "POST", `/messages/${id}/outcome`, { status: -3 })).status).toBe(400);
    expect((await api(sb.url, "POST", `/messages/${id}/outcome`, { status: 1, err: -1 })).status).toBe(400);
    expect((await api(sb.url, "POST", `/messages/${id}/outcome`, "{not json")).body).toEqual({
      error: "body is not valid JSON",
    });
    expect((await api(sb.url, "POST", "/messages/424242/outcome", { status: 1 })).status).toBe(404);
  });
});

describe("accounts, balance and reset", () => {
  it("lists accounts, sets a balance, and reset restores seed balances and deletes everything", async () => {
    await smsc.send({ phones: A, message: "costly" });
    expect((await api(sb.url, "GET", "/accounts")).body.accounts).toEqual([
      { login: "demo", balance: 990, credit: 0, currency: "KZT" },
      { login: "shop", balance: 50, credit: 0, currency: "RUB" },
    ]);
    expect((await api(sb.url, "PUT", "/accounts/shop/balance", { balance: 5 })).body).toMatchObject({
      login: "shop",
      balance: 5,
    });
    const shop = new Smsc({ login: "shop", password: "shop-pw", baseUrl: sb.url });
    await expect(shop.send({ phones: A, message: "too expensive" })).rejects.toMatchObject({ code: 3 });
    await api(sb.url, "POST", "/incoming", { phone: A, text: "hi" });
    expect((await api(sb.url, "POST", "/reset")).body).toEqual({ reset: true });
    expect(sb.messages()).toEqual([]);
    expect((await api(sb.url, "GET", "/incoming")).body.incoming).toEqual([]);
    expect((await smsc.balance()).balance).toBe(1000);
    expect((await shop.balance()).balance).toBe(50);
  });

  it("answers 404 for an unknown login and 400 for a balance that is not a number", async () => {
    expect((await api(sb.url, "PUT", "/accounts/ghost/balance", { balance: 1 })).status).toBe(404);
    expect((await api(sb.url, "PUT", "/accounts/demo/balance", { balance: "lots" })).status).toBe(400);
  });
});
