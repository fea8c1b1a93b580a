// The sandbox calls each account's handler URL for status changes and incoming SMS, signed, in the URL's charset
// and fmt, retries a failing handler with backoff, and logs every attempt. Handlers are real loopback servers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Callback, createCallbackHandler, type IncomingCallback, type StatusCallback } from "smsc";
import { type CallbackLogEntry, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseCliArgs } from "../packages/sandbox/src/cli-args.js";

let sb: Sandbox | undefined;
let handler: Server | undefined;
afterEach(async () => {
  await sb?.close();
  if (handler) await new Promise((r) => handler!.close(r));
  sb = undefined;
  handler = undefined;
});

/** A handler server; `fail(n)` makes the next n requests answer 500. Returns its base URL and what it saw. */
async function startHandler(secret?: string) {
  const seen: Callback[] = [];
  const raw: Array<{ contentType: string; url: string }> = [];
  let failures = 0;
  const ok = createCallbackHandler({
    ...(secret !== undefined ? { secret } : {}),
    onStatus: (cb) => void seen.push(cb),
    onIncoming: (cb) => void seen.push(cb),
  });
  handler = createServer((req, res) => {
    raw.push({ contentType: String(req.headers["content-type"]), url: req.url ?? "" });
    if (failures > 0) {
      failures--;
      res.statusCode = 500;
      res.end("down");
      return;
    }
    ok(req, res);
  });
  await new Promise<void>((r) => handler!.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(handler.address() as AddressInfo).port}/smsc`,
    seen,
    raw,
    fail(n: number) {
      failures = n;
    },
  };
}

const sendVia = (s: Sandbox, phone: string, mes = "hello") =>
  fetch(`${s.url}/sys/send.php?login=demo&psw=demo&phones=${phone}&mes=${mes}&fmt=3`).then(
    (r) => r.json() as Promise<{ id: number }>,
  );
const log = async (s: Sandbox, q = "") =>
  ((await (await fetch(`${s.url}/api/v1/callbacks${q}`)).json()) as { callbacks: CallbackLogEntry[] })
    .callbacks;

describe("status callbacks", () => {
  it("POST every status change, signed with md5(id:phone:status:secret), and log each attempt without the secret", async () => {
    const h = await startHandler("s3cret");
    sb = await startSandbox({
      delays: { sentMs: 0, deliveredMs: 0 },
      callbacks: { demo: `${h.url}?md5=s3cret` },
    });
    const events: CallbackLogEntry[] = [];
    sb.callbacks.onAttempt((e) => void events.push(e));
    const { id } = await sendVia(sb, "77000000020");
    await vi.waitFor(() => expect(h.seen).toHaveLength(2));
    const [sent, final] = h.seen as StatusCallback[];
    expect(sent).toMatchObject({ kind: "status", id: String(id), phone: "77000000020", status: 0, err: 0 });
    expect(final).toMatchObject({ status: 20, err: 1, cnt: 1, cost: 10, sender: "SMSC.KZ" });
    expect(final!.signature?.algorithm).toBe("md5");
    expect(h.raw[0]!.url).toBe("/smsc");
    expect(h.raw[0]!.contentType).toBe("application/x-www-form-urlencoded; charset=windows-1251");
    await vi.waitFor(async () => expect(await log(sb!)).toHaveLength(2));
    const entries = await log(sb);
    expect(entries[0]).toMatchObject({
      login: "demo",
      event: "status",
      ref: String(id),
      attempt: 1,
      ok: true,
      final: true,
      httpStatus: 200,
    });
    expect(entries[0]!.url).toBe(`${h.url}?md5=***`);
    expect(JSON.stringify(entries)).not.toContain("s3cret");
    expect(events.map((e) => e.ok)).toEqual([true, true]);
  });

  it("send JSON or XML in the URL's charset when it asks for fmt=3 / fmt=2", async () => {
    const h = await startHandler("k");
    sb = await startSandbox({ delays: { sentMs: 0, deliveredMs: 0 } });
    const put = await fetch(`${sb.url}/api/v1/accounts/demo/callback`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: `${h.url}?fmt=3&charset=utf-8&sha1=k` }),
    });
    expect(await put.json()).toEqual({ login: "demo", url: `${h.url}?fmt=3&charset=utf-8&sha1=***` });
    await sendVia(sb, "77011234567", "json");
    await vi.waitFor(() => expect(h.seen).toHaveLength(2));
    expect(h.raw[0]!.contentType).toBe("application/json; charset=utf-8");
    expect(h.seen[1]).toMatchObject({ status: 1, signature: { algorithm: "sha1" } });
    await fetch(`${sb.url}/api/v1/accounts/demo/callback`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: `${h.url}?fmt=2&crc32=k` }),
    });
    await sendVia(sb, "77011234567", "xml");
    await vi.waitFor(() => expect(h.seen).toHaveLength(4));
    expect(h.raw[2]!.contentType).toBe("application/xml; charset=windows-1251");
    expect(h.seen[3]).toMatchObject({ status: 1, signature: { algorithm: "crc32" } });
  });

  it("are refused by a handler with another secret (403), retried, and logged as failed", async () => {
    const h = await startHandler("right");
    sb = await startSandbox({
      delays: { sentMs: 0, deliveredMs: 60_000 },
      callbacks: { demo: `${h.url}?md5=wrong` },
      callbackRetry: { attempts: 3, baseDelayMs: 1 },
    });
    await sendVia(sb, "77011234567");
    await vi.waitFor(async () => expect(await log(sb!)).toHaveLength(3));
    const entries = (await log(sb)).reverse();
    expect(entries.map((e) => [e.attempt, e.httpStatus, e.ok, e.final])).toEqual([
      [1, 403, false, false],
      [2, 403, false, false],
      [3, 403, false, true],
    ]);
    expect(entries[0]!.error).toBe("HTTP 403");
    expect(h.seen).toHaveLength(0);
  });
});

describe("retries", () => {
  it("back off after a 500 and succeed on a later attempt", async () => {
    const h = await startHandler();
    h.fail(2);
    sb = await startSandbox({
      delays: { sentMs: 0, deliveredMs: 60_000 },
      callbacks: { demo: h.url },
      callbackRetry: { attempts: 5, baseDelayMs: 1 },
      random: () => 0,
    });
    await sendVia(sb, "77011234567");
    await vi.waitFor(() => expect(h.seen).toHaveLength(1));
    await sb.callbacks.idle();
    const entries = (await log(sb)).reverse();
    expect(entries.map((e) => [e.attempt, e.httpStatus, e.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
  });

  it("log a network error when the handler is gone, and stop after the last attempt", async () => {
    const h = await startHandler();
    await new Promise((r) => handler!.close(r));
    handler = undefined;
    sb = await startSandbox({
      delays: { sentMs: 0, deliveredMs: 60_000 },
      callbacks: { demo: h.url },
      callbackRetry: { attempts: 2, baseDelayMs: 1 },
    });
    await sendVia(sb, "77011234567");
    await vi.waitFor(async () => expect(await log(sb!)).toHaveLength(2));
    await sb.callbacks.idle();
    const entries = await log(sb);
    expect(entries[0]).toMatchObject({ attempt: 2, ok: false, final: true, error: "ECONNREFUSED" });
    expect(entries[0]!.httpStatus).toBeUndefined();
  });
});

describe("incoming callbacks", () => {
  it("POST an incoming SMS with md5(phone:mes:to:secret), its text in the URL's charset", async () => {
    const h = await startHandler("in");
    sb = await startSandbox({ callbacks: { demo: `${h.url}?charset=koi8-r&md5=in` } });
    const r = await fetch(`${sb.url}/api/v1/incoming`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone: "+77017654321", to: "77000000000", text: "Да, ёж" }),
    });
    expect(r.status).toBe(200);
    await vi.waitFor(() => expect(h.seen).toHaveLength(1));
    expect(h.seen[0] as IncomingCallback).toMatchObject({
      kind: "incoming",
      phone: "77017654321",
      to: "77000000000",
      mes: "Да, ёж",
      charset: "koi8-r",
    });
    expect(await log(sb, "?login=demo")).toMatchObject([{ event: "incoming", ok: true }]);
  });
});

describe("handler URL settings", () => {
  it("are per account: another account's changes reach only its own URL", async () => {
    const h = await startHandler();
    sb = await startSandbox({
      delays: { sentMs: 0, deliveredMs: 0 },
      accounts: [{ login: "other", password: "pw" }],
      callbacks: { other: h.url },
    });
    await sendVia(sb, "77011234567");
    await fetch(`${sb.url}/sys/send.php?login=other&psw=pw&phones=77011234568&mes=mine`);
    await vi.waitFor(() => expect(h.seen).toHaveLength(2));
    expect(h.seen.map((c) => (c as StatusCallback).phone)).toEqual(["77011234568", "77011234568"]);
  });

  it("refuse a bad URL or an unknown account, and can be removed", async () => {
    sb = await startSandbox();
    const put = (login: string, url: unknown) =>
      fetch(`${sb!.url}/api/v1/accounts/${login}/callback`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ url }),
      });
    expect((await put("demo", "ftp://x/cb")).status).toBe(400);
    expect((await put("demo", "http://x/cb?charset=latin1")).status).toBe(400);
    expect((await put("nobody", "http://x/cb")).status).toBe(404);
    expect(await (await put("demo", "http://127.0.0.1:1/cb")).json()).toEqual({
      login: "demo",
      url: "http://127.0.0.1:1/cb",
    });
    const del = await fetch(`${sb.url}/api/v1/accounts/demo/callback`, { method: "DELETE" });
    expect(await del.json()).toEqual({ login: "demo", url: null });
    // the inspection API's other account routes still answer
    expect((await fetch(`${sb.url}/api/v1/accounts`)).status).toBe(200);
  });

  it("make startSandbox reject an unknown login or an unusable URL", async () => {
    await expect(startSandbox({ callbacks: { nobody: "http://127.0.0.1:1/cb" } })).rejects.toThrow(/nobody/);
    await expect(startSandbox({ callbacks: { demo: "http://127.0.0.1:1/cb?fmt=9" } })).rejects.toThrow(/fmt/);
  });

  it("come from --callback LOGIN=URL", () => {
    expect(parseCliArgs(["--callback", "demo=http://127.0.0.1:9000/cb?md5=x"])).toMatchObject({
      options: { callbacks: { demo: "http://127.0.0.1:9000/cb?md5=x" } },
    });
    expect(() => parseCliArgs(["--callback", "http://x"])).toThrow(/LOGIN=URL/);
    expect(() => parseCliArgs(["--callback", "demo=x"])).toThrow(/http/);
  });
});
