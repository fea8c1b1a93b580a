// The docs/verify.md Hono recipe, tested against the sandbox: a code goes out by SMS, the "user" types it back,
// every refusal looks the same from outside, and an inbound-call sign-in is approved by the sandbox's signed
// waitcall callback to the app's callback route served over real HTTP.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Smsc } from "smsc";
import { memoryStore, Verify, type VerifyEvents } from "smsc/verify";
import { extractCode, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { verifyApp } from "./verify-hono.js";

let sandbox: Sandbox;
let app: ReturnType<typeof verifyApp>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimits: false });
  const verify = new Verify({
    smsc: new Smsc({ login: "demo", password: "demo", baseUrl: sandbox.url }),
    store: memoryStore(),
    secret: "example-secret-from-your-secret-manager",
    limits: { ip: { limit: 3, windowMs: 3_600_000 } },
  });
  app = verifyApp(verify, (req) => req.headers.get("x-real-ip") ?? undefined);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

const post = (path: string, body: unknown, ip = "198.51.100.1") =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-real-ip": ip },
    body: JSON.stringify(body),
  });

it("verifies a phone with the code from the SMS, once", async () => {
  const phone = "+7 701 123 45 67";
  const started = await post("/verify/start", { phone });
  expect(started.status).toBe(202);
  expect(await started.json()).toMatchObject({ sent: true, channel: "sms" });
  const code = extractCode((await sandbox.waitForMessage({ phone })).text);
  const ok = await post("/verify/check", { phone, code });
  expect([ok.status, await ok.json()]).toEqual([200, { verified: true }]);
  const replay = await post("/verify/check", { phone, code });
  expect(replay.status).toBe(400);
});

it("answers a wrong code, an unknown phone and a missing code with the same bytes", async () => {
  await post("/verify/start", { phone: "77017654321" });
  await sandbox.waitForMessage({ phone: "77017654321" });
  const answers = [];
  for (const body of [
    { phone: "77017654321", code: "000000" },
    { phone: "77010000000", code: "000000" },
    { phone: "77017654321" },
  ]) {
    const r = await post("/verify/check", body);
    answers.push([r.status, r.headers.get("content-type"), await r.text()]);
  }
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
});

it("answers 429 with Retry-After when the cooldown or the per-IP limit refuses", async () => {
  expect((await post("/verify/start", { phone: "77011110001" }, "192.0.2.7")).status).toBe(202);
  const again = await post("/verify/start", { phone: "77011110001" }, "192.0.2.7");
  expect(again.status).toBe(429);
  expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await post("/verify/start", { phone: "77011110002" }, "192.0.2.7")).status).toBe(202);
  // the refused resend counted nothing: this IP's third code still goes out, its fourth does not
  expect((await post("/verify/start", { phone: "77011110003" }, "192.0.2.7")).status).toBe(202);
  expect((await post("/verify/start", { phone: "77011110004" }, "192.0.2.7")).status).toBe(429);
  expect(sandbox.messages()).toHaveLength(3);
});

it("signs in by the user's call: start gives the number, the signed waitcall callback to /smsc/callback approves", async () => {
  const secret = "handler-url-secret";
  const verify = new Verify({
    smsc: new Smsc({ login: "demo", password: "demo", baseUrl: sandbox.url }),
    store: memoryStore(),
    secret: "example-secret-from-your-secret-manager",
  });
  const approved: Array<VerifyEvents["approved"]> = [];
  verify.on("approved", (e) => approved.push(e));
  const callApp = verifyApp(verify, () => undefined, { callbackSecret: secret });
  // the app over real HTTP, as the service reaches it: Node's server in front of Hono's fetch handler
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const r = await callApp.fetch(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method!,
        headers: req.headers as Record<string, string>,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      }),
    );
    res.writeHead(r.status, Object.fromEntries(r.headers)).end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/smsc/callback`;
    sandbox.callbacks.setUrl(sandbox.store.accountByLogin("demo")!.id, `${url}?md5=${secret}`);
    const started = await callApp.request("/verify/start", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "+77011234567", channel: "inbound-call" }),
    });
    const body = (await started.json()) as { channel: string; callTo: string };
    expect(body).toMatchObject({
      sent: true,
      channel: "inbound-call",
      callTo: expect.stringMatching(/^\+7/),
    });
    // a forged callback is refused before it reaches verify
    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `phone=77011234567&ts=${Math.floor(Date.now() / 1000)}&waitcall=1&md5=0123456789abcdef0123456789abcdef`,
    });
    expect(forged.status).toBe(403);
    expect(approved).toEqual([]);
    // the user calls the number; the sandbox signs the callback and posts it to the app
    const call = await fetch(`${sandbox.url}/api/v1/wait-calls/77011234567/call`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: body.callTo }),
    });
    expect(call.status).toBe(200);
    await sandbox.callbacks.idle();
    expect(approved).toMatchObject([{ phone: "77011234567", channel: "inbound-call" }]);
  } finally {
    sandbox.callbacks.setUrl(sandbox.store.accountByLogin("demo")!.id, null);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
