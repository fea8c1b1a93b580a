// The SDK's account-management resources against a real sandbox: smsc.templates, smsc.mailings, smsc.subclients and
// smsc.numbers, their typed errors, a repeating mailing under an injected clock, a sub-client's send paid from its
// own balance after a pay, and writes that are not repeated on a failure that may have reached the service.
import {
  InvalidOptionError,
  NoMoneyError,
  NoSuchSubclientError,
  NotFoundError,
  RateLimitError,
  SaveFailedError,
  SharedBalanceError,
  Smsc,
} from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { deadUrl } from "./net-helpers.js";

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const HOUR = 3_600_000;
const client = (s: Sandbox, login = "demo", password = "demo") =>
  new Smsc({ login, password, baseUrl: s.url, maxRetries: 0 });

describe("smsc.templates", () => {
  it("adds, lists, updates, renders, sends and deletes templates", async () => {
    sb = await startSandbox({ rateLimits: false });
    const smsc = client(sb);
    expect(await smsc.templates.list()).toEqual([]);
    const { id } = await smsc.templates.add({ name: "otp", text: "Code %1 for %2", sender: "Shop" });
    await smsc.templates.add({ name: "flash", text: "Hi %1", format: "flash" });
    expect(await smsc.templates.list()).toMatchObject([
      { id, name: "otp", message: "Code %1 for %2", sender: "Shop" },
      { name: "flash", format: "flash" },
    ]);
    expect(await smsc.templates.render("otp", ["1234", "ACME"])).toBe("Code 1234 for ACME");
    const sent = await smsc.templates.send(id, { phones: "+77011234567", args: ["9876", "ACME"] });
    expect(sent).toMatchObject({ cnt: 1, recovered: false });
    expect(sb.latest()).toMatchObject({ text: "Code 9876 for ACME", sender: "Shop", format: "sms" });
    await smsc.templates.send("flash", { phones: "77011234567", args: ["you"] });
    expect(sb.latest()).toMatchObject({ text: "Hi you", format: "flash" });
    await smsc.templates.update(id, { text: "Your code: %1" });
    expect((await smsc.templates.get(id))?.message).toBe("Your code: %1");
    await expect(smsc.templates.add({ name: "otp", text: "again" })).rejects.toBeInstanceOf(SaveFailedError);
    await smsc.templates.delete(id);
    await expect(smsc.templates.delete(id)).rejects.toMatchObject({ code: 3, name: "NotFoundError" });
    await expect(smsc.templates.render("otp")).rejects.toBeInstanceOf(InvalidOptionError);
  });
});

describe("smsc.mailings", () => {
  it("creates a repeating mailing that produces its messages on schedule under an injected clock", async () => {
    let now = T0;
    sb = await startSandbox({ clock: () => now, rateLimits: false });
    const smsc = client(sb);
    const { id } = await smsc.mailings.create({
      name: "Every hour",
      phones: ["+77011234567", "+77017654321"],
      message: "Tick",
      time: new Date(T0 + HOUR),
      repeat: "hourly",
      repeats: 2,
    });
    expect(await smsc.mailings.get(id)).toMatchObject({ id, status: 0, runs: 0, repeat: 1, repeats: 2 });
    expect(sb.messages()).toHaveLength(0);
    for (let hour = 1; hour <= 3; hour++) {
      now = T0 + hour * HOUR;
      await sb.control.mailings.run();
      expect(sb.messages({ limit: 100 })).toHaveLength(2 * hour);
      expect((await smsc.mailings.get(id)).runs).toBe(hour);
    }
    now = T0 + 10 * HOUR;
    expect(await smsc.mailings.get(id)).toMatchObject({ status: 1, runs: 3, cnt: 6, cost: 60 });
    expect(sb.messages({ limit: 100 })).toHaveLength(6);
    expect(await smsc.mailings.list({ start: new Date(T0), end: "15.01.2026" })).toHaveLength(1);
    expect(await smsc.mailings.list({ start: "16.01.2026" })).toEqual([]);
  });

  it("runs on the sandbox's own timer with a moving clock, and cancels and deletes", async () => {
    sb = await startSandbox({ rateLimits: false });
    const smsc = client(sb);
    const { id } = await smsc.mailings.create({
      name: "soon",
      phones: "77011234567",
      message: "In a second",
      time: new Date(Date.now() + 1000),
    });
    const m = await sb.waitForMessage({ phone: "77011234567", timeout: 10_000 });
    expect(m.text).toBe("In a second");
    expect((await smsc.mailings.get(id)).status).toBe(1);
    const later = await smsc.mailings.create({
      name: "later",
      phones: "77011234567",
      message: "x",
      time: "+600",
    });
    await smsc.mailings.cancel(later.id);
    expect((await smsc.mailings.get(later.id)).statusName).toBe("cancelled");
    await smsc.mailings.delete(later.id);
    await expect(smsc.mailings.get(later.id)).rejects.toBeInstanceOf(SaveFailedError);
    await expect(smsc.mailings.create({ name: "", phones: "1", message: "x" })).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
  });

  it("uses a template and an SMS fallback", async () => {
    let now = T0;
    sb = await startSandbox({ clock: () => now, rateLimits: false, delays: { sentMs: 10, deliveredMs: 10 } });
    const smsc = client(sb);
    const tpl = await smsc.templates.add({ name: "v", text: "Viber hello", format: "viber" });
    await smsc.mailings.create({
      name: "fallback",
      phones: "77000000025,77011234567",
      template: tpl.id,
      fallbackMessage: "SMS hello",
      fallbackSender: "Shop",
    });
    now += 20;
    await sb.control.mailings.run();
    expect(sb.latest()).toMatchObject({
      phone: "77000000025",
      text: "SMS hello",
      format: "sms",
      sender: "Shop",
    });
  });

  it("does not repeat a create whose reply may have been lost, and moves on from a host that refused it", async () => {
    sb = await startSandbox({ rateLimits: false });
    const dead = await deadUrl();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: [dead, sb.url] });
    const { id } = await smsc.mailings.create({ name: "failover", phones: "77011234567", message: "once" });
    expect(id).toBeGreaterThan(1_000_000);
    expect(sb.messages()).toHaveLength(1);
  });
});

describe("smsc.subclients", () => {
  it("adds a sub-client whose send is paid from its own balance after a pay", async () => {
    sb = await startSandbox({ rateLimits: false });
    const main = client(sb);
    await main.subclients.add("shop", "shop-pw", { email: "shop@example.kz" });
    const shop = client(sb, "shop", "shop-pw");
    expect(await shop.balance()).toMatchObject({ balance: 0 });
    await expect(shop.send({ phones: "77011234567", message: "no money yet" })).rejects.toBeInstanceOf(
      NoMoneyError,
    );
    expect(await main.subclients.pay("shop", 50)).toEqual({ balance: 50 });
    const sent = await shop.send({ phones: "77011234567", message: "paid by the shop" });
    expect(sent).toMatchObject({ cost: 10, balance: 40 });
    expect(await main.balance()).toMatchObject({ balance: 950 });
    expect(await main.subclients.stats()).toMatchObject([
      { login: "shop", sms: 1, credit: 10, debit: 50, balance: 40 },
    ]);
    await expect(main.subclients.pay("shop", 10_000)).rejects.toMatchObject({
      code: 10,
      name: "NoMoneyError",
    });
    await expect(main.subclients.pay("nobody", 1)).rejects.toBeInstanceOf(NoSuchSubclientError);
    await expect(main.subclients.add("shop", "x")).rejects.toBeInstanceOf(SaveFailedError);
  });

  it("switches test mode and shares the main balance for type 2", async () => {
    sb = await startSandbox({ rateLimits: false });
    const main = client(sb);
    await main.subclients.add("qa", "qa-pw", { testMode: true });
    await main.subclients.pay("qa", 10);
    const qa = client(sb, "qa", "qa-pw");
    expect(await qa.send({ phones: "77011234567", message: "virtual" })).toMatchObject({
      cost: 0,
      balance: 10,
    });
    await main.subclients.update("qa", { testMode: false, password: "qa2" });
    expect(await client(sb, "qa", "qa2").send({ phones: "77011234567", message: "real" })).toMatchObject({
      cost: 10,
      balance: 0,
    });
    await main.subclients.add("staff", "staff-pw", { type: 2 });
    await expect(main.subclients.pay("staff", 5)).rejects.toBeInstanceOf(SharedBalanceError);
    expect(await client(sb, "staff", "staff-pw").balance()).toMatchObject({ balance: 990 });
  });

  it("meets the limit of three sub-client changes a minute with RateLimitError", async () => {
    let now = T0;
    sb = await startSandbox({ clock: () => now });
    const main = client(sb);
    for (const n of [1, 2, 3]) await main.subclients.add(`s${n}`, "p");
    await expect(main.subclients.add("s4", "p")).rejects.toBeInstanceOf(RateLimitError);
    now += 61_000;
    await main.subclients.add("s4", "p");
  });
});

describe("smsc.numbers", () => {
  it("lists, buys (debited) and sets the renewal of a number that then receives SMS", async () => {
    sb = await startSandbox({ rateLimits: false, clock: () => Date.UTC(2026, 0, 16, 9) });
    const smsc = client(sb);
    const list = await smsc.numbers.list();
    expect(list).toHaveLength(10);
    const bought = await smsc.numbers.buy("+7 700 900 00 07", { autoRenew: false });
    expect(bought).toMatchObject({ phone: "77009000007", cost: 250, balance: 750, noprolong: 1 });
    await smsc.numbers.setAutoRenew("77009000007", true);
    expect((await smsc.numbers.list()).find((n) => n.phone === "77009000007")).toMatchObject({
      status: 1,
      noprolong: 0,
    });
    const poor = new Smsc({ login: "poor", password: "p", baseUrl: sb.url });
    sb.store.ensureAccount({
      login: "poor",
      password: "p",
      balance: 1,
      currency: "KZT",
      credit: 0,
      sender: "",
    });
    await expect(poor.numbers.buy("77009000001")).rejects.toBeInstanceOf(NoMoneyError);
    await expect(smsc.numbers.buy("77011234567")).rejects.toMatchObject({ code: 1 });
    await expect(smsc.templates.update(99, { text: "x" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
