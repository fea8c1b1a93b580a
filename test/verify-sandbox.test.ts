// smsc/verify end to end against a real sandbox over HTTP: the sms, call and inbound-call channels (the last with the
// sandbox's signed waitcall callback reaching a real HTTP handler), resend with cooldown and fallback (also when an
// SMS never arrives), delivery events from the sandbox's status callbacks, and one test per point of the threat
// model in docs/verify.md (brute force, pumping, replay, enumeration, timing).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCallbackHandler, encodeCallback, Smsc } from "smsc";
import {
  type CheckResult,
  memoryStore,
  Verify,
  type VerifyEvents,
  type VerifyOptions,
  type VerifyStore,
} from "smsc/verify";
import { extractCode, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./api-helpers.js";
import { SECRET, testClock } from "./verify-helpers.js";

/** The secret of the handler URL (`md5=`): the sandbox signs every callback with it, the handler checks it. */
const CALLBACK_SECRET = "callback-secret-of-the-app";

let sb: Sandbox;
let smsc: Smsc;
let hook: Server;
let hookUrl: string;
/** The handler the sandbox's status callbacks reach (set per test). */
let onCallback: Parameters<typeof createCallbackHandler>[0] = {};

beforeAll(async () => {
  hook = createServer((req, res) =>
    createCallbackHandler({ secret: CALLBACK_SECRET, ...onCallback })(req, res),
  );
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/smsc`;
  sb = await startSandbox({
    port: 0,
    delays: { sentMs: 20, deliveredMs: 20 },
    callbacks: { demo: `${hookUrl}?md5=${CALLBACK_SECRET}` },
    // the sandbox's own error-9 limits are the service's, not the ones under test here
    rateLimits: false,
  });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, maxRetries: 0 });
});
afterAll(async () => {
  await sb?.close();
  await new Promise((r) => hook?.close(r));
});
beforeEach(() => {
  sb.reset();
  onCallback = {};
});

let clock = testClock();
beforeEach(() => {
  clock = testClock();
});

function make(over: Partial<VerifyOptions> = {}): Verify {
  return new Verify({ smsc, store: memoryStore(), secret: SECRET, clock, ...over });
}

/** Collects every event of a Verify. */
function record(v: Verify) {
  const seen: Array<{ name: keyof VerifyEvents; event: unknown }> = [];
  for (const name of ["started", "delivered", "approved", "failed"] as const)
    v.on(name, (event) => seen.push({ name, event }));
  return seen;
}

/** A code other than `code`, of the same length. */
const wrong = (code: string) => code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));

describe("sms channel", () => {
  it("sends the code in the template, with the app hash and the @domain #code last line, and approves it once", async () => {
    const v = make({ locale: "en", appHash: "FA+9qCX9VSu", domain: "example.com", sender: "MyApp" });
    const events = record(v);
    const started = await v.start("+7 701 123-45-67", { ip: "203.0.113.9" });
    expect(started).toMatchObject({ status: "sent", channel: "sms", to: "+77011234567", sends: 1 });
    const sms = await sb.waitForMessage({ phone: "77011234567" });
    expect(sms.format).toBe("sms");
    expect(sms.sender).toBe("MyApp");
    expect(sms.messageId).toBe(started.status === "sent" ? started.messageId : "");
    // the client's IP also goes to the service's own per-IP limit
    expect(sb.control.messages()[0]!.params.userip).toBe("203.0.113.9");
    const code = extractCode(sms.text);
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.text).toBe(`Your code: ${code}. Do not share it.\nFA+9qCX9VSu\n@example.com #${code}`);

    expect(await v.check("87011234567", wrong(code))).toEqual({ status: "wrong-code", attemptsLeft: 4 });
    const ok = await v.check("+77011234567", ` ${code.slice(0, 3)}-${code.slice(3)} `);
    expect(ok).toMatchObject({ status: "approved", phone: "77011234567", channel: "sms", attempts: 2 });
    expect(events.map((e) => e.name)).toEqual(["started", "failed", "approved"]);
    expect(events[0]!.event).toMatchObject({ phone: "77011234567", country: "KZ", channel: "sms", sends: 1 });
  });

  it("writes Russian and Kazakh texts that keep the code findable", async () => {
    for (const locale of ["ru", "kk"] as const) {
      const v = make();
      await v.start("77011234567", { locale });
      const sms = await sb.waitForMessage({ phone: "77011234567" });
      const code = extractCode(sms.text);
      expect(sms.text).toBe(
        locale === "ru" ? `Код: ${code}. Никому не сообщайте.` : `Код: ${code}. Ешкімге айтпаңыз.`,
      );
      expect((await v.check("77011234567", code)).status).toBe("approved");
    }
  });
});

describe("call channel", () => {
  it("has the service call with mes=code and approves the code the call reads out", async () => {
    const v = make();
    const started = await v.start("77011234567", { channel: "call" });
    expect(started).toMatchObject({ status: "sent", channel: "call" });
    const call = await sb.waitForMessage({ phone: "77011234567" });
    expect(call.format).toBe("call");
    expect(call.text).toMatch(/^\d{4}$/);
    expect(await v.check("77011234567", wrong(call.text))).toMatchObject({ status: "wrong-code" });
    expect(await v.check("77011234567", call.text)).toMatchObject({ status: "approved", channel: "call" });
  });
});

/** The user "calls" `to` from `phone` (the inspection API plays the call; the sandbox sends the signed callback). */
const userCalls = (phone: string, to: string) => api(sb.url, "POST", `/wait-calls/${phone}/call`, { to });

/** Posts a `waitcall` callback to the app's handler as the service would, signed with `secret`. */
async function postWaitCall(phone: string, ts: number, secret: string) {
  const { body, contentType } = encodeCallback(
    "waitcall",
    { phone, ts, waitcall: 1 },
    { charset: "utf-8", fmt: 0, hash: { algorithm: "md5", secret } },
  );
  const res = await fetch(hookUrl, { method: "POST", headers: { "Content-Type": contentType }, body });
  return res.status;
}

/** Wires the handler's waitcall hook to `v`, as an app's callback route does. */
function routeWaitCalls(v: Verify) {
  onCallback = { onWaitCall: (cb) => v.handleCallback(cb) };
}

describe("inbound-call channel", () => {
  it("signs in end to end: wait_call.php gives the number, the user calls it, the signed callback approves", async () => {
    const v = make();
    routeWaitCalls(v);
    const events = record(v);
    const started = await v.start("+7 701 123-45-67", { channel: "inbound-call", ip: "203.0.113.9" });
    expect(started).toMatchObject({ status: "sent", channel: "inbound-call", to: "+77011234567", sends: 1 });
    if (started.status !== "sent") throw new Error("not sent");
    // the number to call is one of the sandbox's pool, and the sandbox holds the request
    expect(started.callTo).toMatch(/^\+7700999000[1-3]$/);
    const [request] = (await api(sb.url, "GET", "/wait-calls?phone=77011234567")).body.waitCalls;
    expect(request).toMatchObject({
      phone: "77011234567",
      number: started.callTo!.slice(1),
      state: "waiting",
    });
    expect(sb.messages()).toHaveLength(0);
    // no code to type: a guess never approves it
    expect(await v.check("77011234567", "000000")).toMatchObject({ status: "wrong-code" });

    expect((await userCalls("77011234567", started.callTo!)).status).toBe(200);
    await sb.callbacks.idle();
    const log = (await api(sb.url, "GET", "/callbacks")).body.callbacks;
    expect(log[0]).toMatchObject({ event: "waitcall", ok: true, httpStatus: 200 });
    expect(events.filter((e) => e.name === "approved")).toEqual([
      {
        name: "approved",
        event: { id: started.id, phone: "77011234567", channel: "inbound-call", attempts: 2 },
      },
    ]);
    // used up: a second copy of the callback approves nothing
    expect(await v.check("77011234567", "000000")).toEqual({ status: "unknown" });
  });

  it("refuses a forged callback (bad signature) and a replayed one (a call made before the verification)", async () => {
    const v = make({ clock: testClock(Date.now()), resendAfterMs: 0 });
    routeWaitCalls(v);
    const approved: Array<VerifyEvents["approved"]> = [];
    v.on("approved", (e) => approved.push(e));
    const failed: string[] = [];
    v.on("failed", (e) => failed.push(e.reason));
    await v.start("77011234567", { channel: "inbound-call" });
    const nowS = Math.floor(Date.now() / 1000);
    expect(await postWaitCall("77011234567", nowS, "not the secret")).toBe(403);
    // a signed callback of a call ten minutes ago, captured and sent again
    expect(await postWaitCall("77011234567", nowS - 600, CALLBACK_SECRET)).toBe(200);
    expect(approved).toEqual([]);
    expect(failed).toEqual(["replayed"]);
    expect(await postWaitCall("77011234567", nowS, CALLBACK_SECRET)).toBe(200);
    expect(approved).toMatchObject([{ phone: "77011234567", attempts: 1 }]);
  });

  it("does not approve once the verification expired, even when the call comes", async () => {
    const v = make({ ttlMs: 60_000 });
    routeWaitCalls(v);
    const events = record(v);
    const started = await v.start("77011234567", { channel: "inbound-call" });
    if (started.status !== "sent") throw new Error("not sent");
    clock.advance(60_000);
    // the sandbox's request (10 minutes, on its own clock) still waits: the call goes through and is signed
    expect((await userCalls("77011234567", started.callTo!)).status).toBe(200);
    await sb.callbacks.idle();
    expect((await api(sb.url, "GET", "/callbacks")).body.callbacks[0]).toMatchObject({
      event: "waitcall",
      ok: true,
    });
    expect(events.map((e) => [e.name, (e.event as { reason?: string }).reason])).toEqual([
      ["started", undefined],
      ["failed", "expired"],
    ]);
    expect(await v.check("77011234567", "000000")).toEqual({ status: "expired" });
  });

  it("does not approve a call to another number: the service sends no callback, the verification still waits", async () => {
    const v = make();
    routeWaitCalls(v);
    const events = record(v);
    const started = await v.start("77011234567", { channel: "inbound-call" });
    if (started.status !== "sent") throw new Error("not sent");
    const other = ["+77009990001", "+77009990002", "+77009990003"].find((n) => n !== started.callTo)!;
    const logged = async () => (await api(sb.url, "GET", "/callbacks")).body.callbacks.length as number;
    await sb.callbacks.idle();
    const before = await logged();
    expect((await userCalls("77011234567", other)).status).toBe(409);
    await sb.callbacks.idle();
    expect(await logged()).toBe(before);
    expect(events.map((e) => e.name)).toEqual(["started"]);
    // the right number still works
    expect((await userCalls("77011234567", started.callTo!)).status).toBe(200);
    await sb.callbacks.idle();
    expect(events.map((e) => e.name)).toEqual(["started", "approved"]);
  });

  it("keeps the start limits: cooldown and per-phone limit refuse before wait_call.php is asked", async () => {
    const v = make({ resendAfterMs: 1000, limits: { phone: { limit: 2, windowMs: 3_600_000 } } });
    expect((await v.start("77011234567", { channel: "inbound-call" })).status).toBe("sent");
    expect(await v.start("77011234567", { channel: "inbound-call" })).toMatchObject({ scope: "cooldown" });
    clock.advance(1000);
    expect((await v.start("77011234567", { channel: "inbound-call" })).status).toBe("sent");
    clock.advance(1000);
    expect(await v.start("77011234567", { channel: "inbound-call" })).toMatchObject({ scope: "phone" });
    // asked twice: the second request extended the first, which was still waiting
    const list = (await api(sb.url, "GET", "/wait-calls?phone=77011234567")).body.waitCalls;
    expect(list).toHaveLength(1);
    expect(sb.messages()).toHaveLength(0);
  });
});

describe("an SMS that never arrives (+77000000030)", () => {
  it("gets no delivered event, and the resend after the cooldown falls back to the next channel", async () => {
    const v = make({ fallback: ["sms", "inbound-call"], resendAfterMs: 30_000 });
    // status callbacks of earlier tests' messages may still come in: only this number's events count
    onCallback = { onWaitCall: (cb) => v.handleCallback(cb), onStatus: (cb) => v.handleCallback(cb) };
    const all = record(v);
    const events = () => all.filter((e) => (e.event as { phone?: string }).phone === "77000000030");
    const first = await v.start("+77000000030");
    expect(first).toMatchObject({ status: "sent", channel: "sms" });
    if (first.status !== "sent") throw new Error("not sent");
    // the sandbox took it (and the money), moved it to 0, and will never move it on
    const sms = await sb.waitForMessage({ phone: "77000000030" });
    await vi.waitFor(() =>
      expect(sb.control.messages()[0]).toMatchObject({ phone: "77000000030", status: 0, nextAt: null }),
    );
    // the status callbacks of this message: the move to 0 (test/magic-numbers.test.ts shows no final one follows)
    const ofIt = async () =>
      ((await api(sb.url, "GET", "/callbacks")).body.callbacks as Array<{ event: string; ref: string }>)
        .filter((c) => c.ref === sms.messageId)
        .map((c) => c.event);
    await vi.waitFor(async () => expect(await ofIt()).toEqual(["status"]));
    expect(events().map((e) => e.name)).toEqual(["started"]);

    // the app's delivery timeout is the cooldown: no "delivered" by resendAt, so the user asks again
    clock.advance(30_000);
    const second = await v.start("+77000000030");
    expect(second).toMatchObject({ status: "sent", channel: "inbound-call", sends: 2 });
    if (second.status !== "sent") throw new Error("not sent");
    expect((await userCalls("77000000030", second.callTo!)).status).toBe(200);
    await sb.callbacks.idle();
    expect(events().map((e) => e.name)).toEqual(["started", "started", "approved"]);
  });
});

describe("resend", () => {
  it("waits for the cooldown, then sends a new code by the next channel; the old code stops working", async () => {
    const v = make({ resendAfterMs: 30_000 });
    const first = await v.start("77011234567");
    const sms = await sb.waitForMessage({ phone: "77011234567" });
    const early = await v.start("77011234567");
    expect(early).toEqual({ status: "rate-limited", scope: "cooldown", retryAt: clock.now() + 30_000 });
    expect(sb.messages({ phone: "77011234567" })).toHaveLength(1);
    expect(await v.check("77011234567", wrong(extractCode(sms.text)))).toMatchObject({ attemptsLeft: 4 });

    clock.advance(30_000);
    const second = await v.start("77011234567");
    expect(second).toMatchObject({ status: "sent", channel: "call", sends: 2 });
    expect(second.status === "sent" && first.status === "sent" && second.id !== first.id).toBe(true);
    const call = await sb.waitForMessage({ phone: "77011234567" });
    expect(call.format).toBe("call");
    // the first code is replaced, and the attempt already spent still counts
    expect(await v.check("77011234567", extractCode(sms.text))).toEqual({
      status: "wrong-code",
      attemptsLeft: 3,
    });
    expect(await v.check("77011234567", call.text)).toMatchObject({ status: "approved", attempts: 3 });
  });

  it("keeps to the last channel of the order on further resends", async () => {
    const v = make({ resendAfterMs: 1000 });
    const channels: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await v.start("77011234567");
      if (r.status === "sent") channels.push(r.channel);
      clock.advance(1000);
    }
    expect(channels).toEqual(["sms", "call", "call"]);
  });
});

describe("delivery events", () => {
  it("emits delivered from the sandbox's status callback, parsed by the SDK's handler", async () => {
    const v = make();
    const seen: Array<VerifyEvents["delivered"]> = [];
    let arrived: () => void = () => {};
    let wanted = "";
    // callbacks of earlier tests' messages may still come in: wait for this send's own
    v.on("delivered", (e) => {
      seen.push(e);
      if (e.messageId === wanted) arrived();
    });
    const mine = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    onCallback = { onStatus: (cb) => v.handleCallback(cb) };
    const started = await v.start("77011234567");
    if (started.status !== "sent") throw new Error(`not sent: ${started.status}`);
    wanted = started.messageId;
    if (!seen.some((e) => e.messageId === wanted)) await mine;
    expect(seen.find((e) => e.messageId === wanted)).toEqual({
      phone: "77011234567",
      channel: "sms",
      status: 1,
      messageId: started.messageId,
    });
  });
});

describe("threat model", () => {
  describe("brute force", () => {
    it("allows maxAttempts guesses per verification, then refuses even the right code", async () => {
      const v = make({ maxAttempts: 3 });
      await v.start("77011234567");
      const code = extractCode((await sb.waitForMessage({ phone: "77011234567" })).text);
      const guesses: CheckResult[] = [];
      for (let i = 0; i < 3; i++) guesses.push(await v.check("77011234567", wrong(code)));
      expect(guesses.map((g) => (g.status === "wrong-code" ? g.attemptsLeft : -1))).toEqual([2, 1, 0]);
      expect(await v.check("77011234567", code)).toEqual({ status: "too-many-attempts" });
    });

    it("gives no fresh guesses for a resend, and limits sends per phone", async () => {
      const v = make({
        maxAttempts: 2,
        resendAfterMs: 1000,
        limits: { phone: { limit: 3, windowMs: 3_600_000 } },
      });
      await v.start("77011234567");
      await v.check("77011234567", "000000");
      await v.check("77011234567", "000001");
      clock.advance(1000);
      await v.start("77011234567");
      const call = await sb.waitForMessage({ phone: "77011234567", match: /^\d{4}$/ });
      expect(await v.check("77011234567", call.text)).toEqual({ status: "too-many-attempts" });
      clock.advance(1000);
      expect((await v.start("77011234567")).status).toBe("sent");
      clock.advance(1000);
      expect(await v.start("77011234567")).toMatchObject({ status: "rate-limited", scope: "phone" });
      expect(sb.messages({ phone: "77011234567" })).toHaveLength(3);
    });

    it("expires codes after their time to live", async () => {
      const v = make({ ttlMs: 60_000 });
      await v.start("77011234567");
      const code = extractCode((await sb.waitForMessage({ phone: "77011234567" })).text);
      clock.advance(60_000);
      expect(await v.check("77011234567", code)).toEqual({ status: "expired" });
    });
  });

  describe("pumping", () => {
    it("sends nothing to a country outside the allow-list or to a blocked prefix", async () => {
      const v = make({ countries: ["KZ"], blockedPrefixes: ["7700"] });
      const events = record(v);
      expect(await v.start("+79161234567")).toEqual({ status: "blocked", reason: "country" });
      expect(await v.start("+998901234567")).toEqual({ status: "blocked", reason: "country" });
      expect(await v.start("+447911123456")).toEqual({ status: "blocked", reason: "country" });
      expect(await v.start("+77001234567")).toEqual({ status: "blocked", reason: "prefix" });
      expect(await v.start("not a phone")).toMatchObject({ status: "invalid-phone" });
      expect(sb.messages()).toHaveLength(0);
      expect(events.map((e) => (e.event as { reason: string }).reason)).toEqual([
        "blocked",
        "blocked",
        "blocked",
        "blocked",
        "invalid-phone",
      ]);
      expect((await v.start("+77011234567")).status).toBe("sent");
    });

    it("refuses a pumping run to the premium range +7 700 000 01 NN: no message, no debit", async () => {
      const v = make({ countries: ["KZ", "RU", "UZ"], blockedPrefixes: ["770000001"] });
      const events = record(v);
      // what each send would cost: the sandbox prices the range at 50 times the normal price
      const price = await smsc.cost({ phones: "77000000142", message: "Код: 123456. Никому не сообщайте." });
      expect(price.cost).toBe(500);
      const results = [];
      for (let i = 0; i < 100; i++) {
        const phone = `+7 700 000 01 ${String(i).padStart(2, "0")}`;
        // the bots rotate their IPs and alternate channels
        const channel = (["sms", "call", "inbound-call"] as const)[i % 3]!;
        results.push(await v.start(phone, { ip: `198.51.100.${i}`, channel }));
      }
      expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(
        new Set([JSON.stringify({ status: "blocked", reason: "prefix" })]),
      );
      expect(events.every((e) => e.name === "failed")).toBe(true);
      // the sandbox's inspection API: nothing sent, nothing asked, nothing debited
      expect((await api(sb.url, "GET", "/messages")).body.messages).toEqual([]);
      expect((await api(sb.url, "GET", "/wait-calls")).body.waitCalls).toEqual([]);
      const demo = (await api(sb.url, "GET", "/accounts")).body.accounts.find(
        (a: { login: string }) => a.login === "demo",
      );
      expect(demo.balance).toBe(1000);
      // and an ordinary number still gets its code
      expect((await v.start("+77011234567")).status).toBe("sent");
    });

    it("without the blocked prefix, only the range limit caps a pumping run (20 an hour per 7-digit range)", async () => {
      // money enough for the run: the point is what it costs
      await api(sb.url, "PUT", "/accounts/demo/balance", { balance: 100_000 });
      const v = make({ countries: ["KZ"] });
      const results: string[] = [];
      for (let i = 0; i < 30; i++)
        results.push(
          (await v.start(`+770000001${String(i).padStart(2, "0")}`, { ip: `198.51.100.${i}` })).status,
        );
      expect(results.filter((r) => r === "sent")).toHaveLength(20);
      expect(results.slice(20)).toEqual(Array(10).fill("rate-limited"));
      expect(sb.messages()).toHaveLength(20);
      // 20 premium SMS at 500 each: why the range belongs in blockedPrefixes
      const demo = (await api(sb.url, "GET", "/accounts")).body.accounts.find(
        (a: { login: string }) => a.login === "demo",
      );
      expect(demo.balance).toBe(100_000 - 20 * 500);
    });

    it("caps sends to one number range, whatever the numbers", async () => {
      const v = make({ limits: { prefix: { digits: 7, limit: 5, windowMs: 3_600_000 } } });
      const range = Array.from({ length: 6 }, (_, i) => `7701123${String(1000 + i)}`);
      const results = [];
      for (const p of range) results.push((await v.start(p)).status);
      expect(results).toEqual(["sent", "sent", "sent", "sent", "sent", "rate-limited"]);
      expect(await v.start("77021234567")).toMatchObject({ status: "sent" });
      expect(sb.messages()).toHaveLength(6);
    });

    it("caps sends per IP, counting an IPv6 /64 as one client", async () => {
      const v = make({ limits: { ip: { limit: 2, windowMs: 3_600_000 } } });
      expect((await v.start("77011110001", { ip: "2001:db8:1:2::1" })).status).toBe("sent");
      expect((await v.start("77011110002", { ip: "2001:db8:1:2:ffff::9" })).status).toBe("sent");
      expect(await v.start("77011110003", { ip: "2001:0db8:0001:0002:aaaa::3" })).toMatchObject({
        status: "rate-limited",
        scope: "ip",
      });
      expect((await v.start("77011110004", { ip: "2001:db8:1:3::1" })).status).toBe("sent");
      expect((await v.start("77011110005", { ip: "::ffff:203.0.113.7" })).status).toBe("sent");
      expect((await v.start("77011110006", { ip: "203.0.113.7" })).status).toBe("sent");
      expect(await v.start("77011110007", { ip: "203.0.113.7" })).toMatchObject({ scope: "ip" });
    });

    it("caps sends per country, with its own limit and one for the rest", async () => {
      const v = make({
        limits: {
          prefix: false,
          country: { RU: { limit: 1, windowMs: 3_600_000 }, "*": { limit: 2, windowMs: 3_600_000 } },
        },
      });
      expect((await v.start("79161234567")).status).toBe("sent");
      expect(await v.start("79161234568")).toMatchObject({ status: "rate-limited", scope: "country" });
      expect((await v.start("77011234567")).status).toBe("sent");
      expect((await v.start("77011234568")).status).toBe("sent");
      expect(await v.start("77011234569")).toMatchObject({ status: "rate-limited", scope: "country" });
    });
  });

  describe("replay", () => {
    it("approves a code once, never a replaced code, and never a code on another phone", async () => {
      const v = make({ resendAfterMs: 1000 });
      await v.start("77011234567");
      const a = extractCode((await sb.waitForMessage({ phone: "77011234567" })).text);
      await v.start("77017654321");
      const b = extractCode((await sb.waitForMessage({ phone: "77017654321" })).text);
      expect(await v.check("77017654321", a === b ? wrong(b) : a)).toMatchObject({ status: "wrong-code" });
      expect((await v.check("77011234567", a)).status).toBe("approved");
      expect(await v.check("77011234567", a)).toEqual({ status: "unknown" });
      // a second verification of the same phone: the first code means nothing to it
      clock.advance(1000);
      await v.start("77011234567");
      await sb.waitForMessage({ phone: "77011234567" });
      expect(await v.check("77011234567", a)).toMatchObject({ status: "wrong-code" });
    });

    it("approves only one of many concurrent checks of the right code", async () => {
      const v = make();
      await v.start("77011234567");
      const code = extractCode((await sb.waitForMessage({ phone: "77011234567" })).text);
      const results = await Promise.all(Array.from({ length: 50 }, () => v.check("77011234567", code)));
      expect(results.filter((r) => r.status === "approved")).toHaveLength(1);
    });
  });

  describe("enumeration", () => {
    it("does the same work for a phone with no code as for a wrong code: one counted attempt, one HMAC", async () => {
      const calls: string[] = [];
      const inner = memoryStore();
      const store: VerifyStore = new Proxy(inner, {
        get: (t, name: keyof VerifyStore) =>
          typeof t[name] === "function"
            ? (...args: never[]) => {
                calls.push(String(name));
                return (t[name] as (...a: never[]) => unknown)(...args);
              }
            : t[name],
      });
      const subtle = crypto.subtle;
      const counting = {
        importKey: subtle.importKey.bind(subtle),
        sign: (...args: Parameters<SubtleCrypto["sign"]>) => {
          calls.push("hmac");
          return subtle.sign(...args);
        },
      } as unknown as SubtleCrypto;
      const v = make({ store, subtle: counting });
      await v.start("77011234567");
      calls.length = 0;
      const unknown = await v.check("77019999999", "123456");
      const unknownCalls = calls.splice(0);
      const wrongOne = await v.check("77011234567", "123456");
      const wrongCalls = calls.splice(0);
      expect(unknown.status).toBe("unknown");
      expect(wrongOne.status).toBe("wrong-code");
      expect(unknownCalls).toEqual(["attempt", "hmac"]);
      expect(wrongCalls).toEqual(unknownCalls);
    });
  });

  describe("timing", () => {
    it("stores only an HMAC of the code, and compares digests reading every character wherever they differ", async () => {
      const store = memoryStore();
      const v = make({ store });
      await v.start("77011234567");
      const code = extractCode((await sb.waitForMessage({ phone: "77011234567" })).text);
      const saved = JSON.stringify(store.snapshot(clock.now()));
      expect(saved).not.toContain(code);
      expect(store.snapshot(clock.now()).records[0]!.digest).toMatch(/^[0-9a-f]{64}$/);

      const { digestsEqual } = await import("smsc/verify");
      const reads: number[] = [];
      const probe = (text: string) =>
        ({
          length: text.length,
          charCodeAt: (i: number) => {
            reads.push(i);
            return text.charCodeAt(i);
          },
        }) as unknown as string;
      const a = "f".repeat(64);
      for (const at of [0, 31, 63]) {
        reads.length = 0;
        const b = `${a.slice(0, at)}0${a.slice(at + 1)}`;
        expect(digestsEqual(probe(a), b)).toBe(false);
        expect(reads).toHaveLength(64);
      }
      expect(digestsEqual(a, a)).toBe(true);
    });
  });
});
