// Confirmation by call (wait_call.php, spec §6.13): the sandbox hands out a number from its pool, the inspection API
// plays the subscriber's call, the account's handler gets the signed `waitcall` callback, and the SDK verifies it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AuthError,
  createCallbackHandler,
  ParametersError,
  RateLimitError,
  Smsc,
  verifyCallback,
  type WaitCallCallback,
} from "smsc";
import { decodeWaitCallReply, encodeForm, type Fmt } from "smsc/protocol";
import { type CallbackReceiver, type Sandbox, startCallbackReceiver, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

const POOL = ["77009990001", "77009990002", "77009990003"];
const FMTS: Fmt[] = [0, 1, 2, 3];

let sb: Sandbox | undefined;
let receiver: CallbackReceiver | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await sb?.close();
  await receiver?.close();
  sb = undefined;
  receiver = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Calls wait_call.php over real HTTP, by GET or by an urlencoded POST. */
async function waitCallPhp(base: string, fields: Array<[string, string]>, method: "GET" | "POST" = "GET") {
  const body = encodeForm([["login", "demo"], ["psw", "demo"], ...fields], "utf-8");
  const res =
    method === "GET"
      ? await fetch(`${base}/sys/wait_call.php?${body}`)
      : await fetch(`${base}/sys/wait_call.php`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body,
        });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

const demo = (s: Sandbox) => new Smsc({ login: "demo", password: "demo", baseUrl: s.url });

describe("wait_call.php on the wire", () => {
  it("answers the number to call and all_phones in each of the four formats, by GET and by POST", async () => {
    sb = await startSandbox();
    const shapes = [
      /^phone = 7700999000\d, all_phones = 77009990001,77009990002,77009990003$/,
      /^7700999000\d,77009990001,77009990002,77009990003$/,
      /^<result>\n<phone>7700999000\d<\/phone>\n<all_phones><item>77009990001<\/item><item>77009990002<\/item><item>77009990003<\/item><\/all_phones>\n<\/result>$/,
      /^\{"phone":"7700999000\d","all_phones":\["77009990001","77009990002","77009990003"\]\}$/,
    ];
    for (const fmt of FMTS)
      for (const method of ["GET", "POST"] as const) {
        const r = await waitCallPhp(
          sb.url,
          [
            ["phone", `+7701123450${fmt}`],
            ["fmt", String(fmt)],
          ],
          method,
        );
        expect(r.status).toBe(200);
        expect(r.text).toMatch(shapes[fmt]!);
        expect(r.type).toMatch(
          fmt === 3 ? /^application\/json/ : fmt === 2 ? /^application\/xml/ : /^text\/plain/,
        );
      }
    // the default format is fmt=0, as for every script
    expect((await waitCallPhp(sb.url, [["phone", "77011234599"]])).text).toMatch(/^phone = /);
  });

  it("hands the pool out in turn, gives a waiting number again on a repeated request, and a new one once called", async () => {
    sb = await startSandbox();
    const ask = async (phone: string) =>
      JSON.parse(
        (
          await waitCallPhp(sb!.url, [
            ["phone", phone],
            ["fmt", "3"],
          ])
        ).text,
      ).phone as string;
    expect([await ask("77011230001"), await ask("77011230002"), await ask("77011230003")]).toEqual(POOL);
    expect(await ask("77011230004")).toBe(POOL[0]);
    expect(await ask("+7 701 123-00-02")).toBe(POOL[1]);
    await api(sb.url, "POST", "/wait-calls/77011230002/call");
    expect(await ask("77011230002")).toBe(POOL[1]);
    const list = (await api(sb.url, "GET", "/wait-calls?phone=77011230002")).body.waitCalls;
    expect(list.map((w: { state: string }) => w.state)).toEqual(["waiting", "confirmed"]);
  });

  it("uses the pool it is given", async () => {
    sb = await startSandbox({ callNumbers: ["+7 (747) 000-11-22"] });
    const r = await demo(sb).waitCall({ phone: "77011234567" });
    expect(r).toEqual({ phone: "77470001122", allPhones: ["77470001122"] });
  });

  it("answers error 1 for a missing or bad number and error 2 for bad credentials, in every format", async () => {
    sb = await startSandbox();
    const errors = [
      /^ERROR = 1 \(parameters error\)$/,
      /^0,-1$/,
      /^<result>\n<error>parameters error<\/error>\n<error_code>1<\/error_code>\n<\/result>$/,
      /^\{"error":"parameters error","error_code":1\}$/,
    ];
    for (const fmt of FMTS) {
      expect((await waitCallPhp(sb.url, [["fmt", String(fmt)]])).text).toMatch(errors[fmt]!);
      expect(
        (
          await waitCallPhp(sb.url, [
            ["phone", "12"],
            ["fmt", String(fmt)],
          ])
        ).text,
      ).toMatch(errors[fmt]!);
    }
    const bad = await fetch(`${sb.url}/sys/wait_call.php?login=demo&psw=nope&phone=77011234567&fmt=3`);
    expect(await bad.json()).toEqual({ error: "authorise error", error_code: 2 });
    expect(sb.control.waitCalls.list()).toEqual([]);
    await expect(demo(sb).waitCall({ phone: "not a phone" })).rejects.toBeInstanceOf(ParametersError);
    await expect(
      new Smsc({ login: "demo", password: "wrong", baseUrl: sb.url }).waitCall({ phone: "77011234567" }),
    ).rejects.toBeInstanceOf(AuthError);
  });

  it("answers error 9 to the fourth identical request within a minute, and not with the limits off", async () => {
    sb = await startSandbox();
    const smsc = demo(sb);
    for (let i = 0; i < 3; i++) await smsc.waitCall({ phone: "77011234567" });
    const err = await smsc.waitCall({ phone: "77011234567" }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ code: 9, endpoint: "waitCall" });
    // another number is another request
    await expect(smsc.waitCall({ phone: "77011234568" })).resolves.toMatchObject({ phone: POOL[1] });
    await sb.close();
    sb = await startSandbox({ rateLimits: false });
    for (let i = 0; i < 5; i++) await demo(sb).waitCall({ phone: "77011234567" });
  });

  it("keeps requests and the pool's turn across a restart on the same database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wait-call-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    sb = await startSandbox({ db });
    expect((await demo(sb).waitCall({ phone: "77011234567" })).phone).toBe(POOL[0]);
    await sb.close();
    sb = await startSandbox({ db });
    expect((await demo(sb).waitCall({ phone: "77011234568" })).phone).toBe(POOL[1]);
    const r = await api(sb.url, "POST", "/wait-calls/77011234567/call");
    expect(r.status).toBe(200);
    expect(r.body.calls).toMatchObject([
      { phone: "77011234567", number: POOL[0], state: "confirmed", calls: 1 },
    ]);
  });
});

describe("the subscriber's call", () => {
  it("runs end to end: request, simulated call, signed waitcall callback, SDK verification", async () => {
    receiver = await startCallbackReceiver();
    sb = await startSandbox({ callbacks: { demo: `${receiver.url}?md5=call-secret` } });
    const smsc = demo(sb);
    const { phone: callTo, allPhones } = await smsc.waitCall({ phone: "+7 701 123 45 67" });
    expect(allPhones).toContain(callTo);
    expect(receiver.received).toEqual([]);
    const r = await api(sb.url, "POST", "/wait-calls/+77011234567/call", { to: callTo });
    expect(r).toMatchObject({
      status: 200,
      body: { calls: [{ phone: "77011234567", number: callTo, calls: 1 }] },
    });
    const got = await receiver.waitFor({ kind: "waitcall", phone: "77011234567" });
    const cb = got.callback as WaitCallCallback;
    expect(cb).toMatchObject({ kind: "waitcall", phone: "77011234567", waitcall: "1" });
    expect(Math.abs(cb.ts! - Date.now() / 1000)).toBeLessThan(60);
    expect(got.path).toBe("/callback");
    expect(verifyCallback(cb, "call-secret")).toBe(true);
    expect(verifyCallback(cb, "another secret")).toBe(false);
    // the log shows the attempt under its own event, the secret redacted
    const log = (await api(sb.url, "GET", "/callbacks")).body.callbacks;
    expect(log[0]).toMatchObject({
      event: "waitcall",
      ref: "77011234567",
      ok: true,
      url: expect.stringContaining("md5=***"),
    });
  });

  it("reaches an SDK callback handler that checks the signature, in JSON when the handler URL asks for fmt=3", async () => {
    const seen: WaitCallCallback[] = [];
    const { createServer } = await import("node:http");
    const server = createServer(
      createCallbackHandler({ secret: "s", onWaitCall: (cb) => void seen.push(cb) }),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      sb = await startSandbox({ callbacks: { demo: `http://127.0.0.1:${port}/smsc?fmt=3&md5=s` } });
      await demo(sb).waitCall({ phone: "77011234567" });
      await api(sb.url, "POST", "/wait-calls/77011234567/call");
      await sb.callbacks.idle();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ phone: "77011234567", waitcall: "1" });
      expect((await api(sb.url, "GET", "/callbacks")).body.callbacks[0]).toMatchObject({
        ok: true,
        httpStatus: 200,
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("refuses a call nobody waits for (404), to another number (409) and after the request expired (410)", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    receiver = await startCallbackReceiver();
    sb = await startSandbox({ clock: () => now, callbacks: { demo: receiver.url }, waitCallTtlMs: 60_000 });
    expect((await api(sb.url, "POST", "/wait-calls/77011234567/call")).status).toBe(404);
    const { phone } = await demo(sb).waitCall({ phone: "77011234567" });
    const other = POOL.find((p) => p !== phone)!;
    const wrong = await api(sb.url, "POST", "/wait-calls/77011234567/call", { to: other });
    expect(wrong).toMatchObject({
      status: 409,
      body: { error: `77011234567 was not told to call ${other}` },
    });
    now += 61_000;
    expect((await api(sb.url, "POST", "/wait-calls/77011234567/call")).status).toBe(410);
    expect((await api(sb.url, "GET", "/wait-calls")).body.waitCalls[0]).toMatchObject({
      state: "expired",
      calls: 0,
    });
    expect((await api(sb.url, "POST", "/wait-calls/not-a-phone/call")).status).toBe(400);
    await sb.callbacks.idle();
    expect(receiver.received).toEqual([]);
  });

  it("confirms each account's request, and only that account's with login", async () => {
    receiver = await startCallbackReceiver();
    sb = await startSandbox({
      accounts: [{ login: "shop", password: "pw" }],
      callbacks: { demo: receiver.url, shop: `${receiver.url}?login=shop` },
    });
    await demo(sb).waitCall({ phone: "77011234567" });
    await new Smsc({ login: "shop", password: "pw", baseUrl: sb.url }).waitCall({ phone: "77011234567" });
    const r = await api(sb.url, "POST", "/wait-calls/77011234567/call", { login: "shop" });
    expect(r.body.calls.map((c: { login: string }) => c.login)).toEqual(["shop"]);
    const both = await api(sb.url, "POST", "/wait-calls/77011234567/call", { to: "" });
    expect(both.body.calls.map((c: { login: string }) => c.login).sort()).toEqual(["demo", "shop"]);
    await receiver.waitFor({ kind: "waitcall" });
    await receiver.waitFor({ kind: "waitcall" });
    await receiver.waitFor({ kind: "waitcall" });
    expect(receiver.received.filter((x) => x.path.includes("login=shop"))).toHaveLength(2);
  });

  it("announces requests and calls on the live stream", async () => {
    sb = await startSandbox();
    const { openEvents } = await import("./api-helpers.js");
    const events = await openEvents(sb.url);
    try {
      await demo(sb).waitCall({ phone: "77011234567" });
      expect((await events.next("waitcall")).data).toMatchObject({
        reason: "requested",
        phone: "77011234567",
      });
      await api(sb.url, "POST", "/wait-calls/77011234567/call");
      expect((await events.next("waitcall")).data).toMatchObject({ reason: "called", state: "confirmed" });
    } finally {
      events.close();
    }
  });
});

describe("the SDK's waitCall", () => {
  it("decodes the default JSON reply, keeps unknown fields, and never retries after a reply that may have been made", async () => {
    sb = await startSandbox();
    const calls: string[] = [];
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.url],
      fetch: async (input, init) => {
        calls.push(String(input));
        if (calls.length === 1)
          throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
        return fetch(input, init);
      },
    });
    await expect(smsc.waitCall({ phone: "77011234567" })).rejects.toMatchObject({ name: "ConnectionError" });
    expect(calls).toHaveLength(1);
    expect(decodeWaitCallReply('{"phone":"7","all_phones":["7"],"valid":600}', 3)).toMatchObject({
      extra: { valid: 600 },
    });
  });

  it("refuses a missing phone before any request", async () => {
    sb = await startSandbox();
    // @ts-expect-error the phone is required
    await expect(demo(sb).waitCall({})).rejects.toMatchObject({
      name: "InvalidOptionError",
      option: "waitCall.phone",
    });
    expect(sb.control.waitCalls.list()).toEqual([]);
  });
});
