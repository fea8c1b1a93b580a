// The docs/verify.md Hono recipe, tested against the sandbox: a code goes out by SMS, the "user" types it back,
// and every refusal looks the same from outside.
import { Smsc } from "smsc";
import { memoryStore, Verify } from "smsc/verify";
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
