// A complete OTP flow tested against the sandbox: the app sends a one-time code through the SDK, the test reads
// the SMS the "phone" got, types the code back, and the app accepts it (and nothing else).
// Run it with `npx vitest run examples/otp-flow.test.ts`.

import { Smsc } from "smsc";
import { extractCode, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

/** The app under test: a tiny sign-in service that confirms phone numbers with a code by SMS. */
function createSignIn(smsc: Smsc, random: () => number = Math.random) {
  const pending = new Map<string, string>();
  return {
    async requestCode(phone: string): Promise<void> {
      const code = String(Math.floor(100_000 + random() * 900_000));
      pending.set(phone, code);
      await smsc.send({ phones: phone, message: `Your code is ${code}. Do not share it.`, sender: "MyApp" });
    },
    verify(phone: string, code: string): boolean {
      const ok = pending.get(phone) === code;
      if (ok) pending.delete(phone);
      return ok;
    },
  };
}

let sandbox: Sandbox;
let app: ReturnType<typeof createSignIn>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // in production the same Smsc takes real credentials and no baseUrl
  app = createSignIn(new Smsc({ login: "demo", password: "demo", baseUrl: sandbox.url }));
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

it("signs in with the code from the SMS", async () => {
  const phone = "+7 701 123 45 67";
  await app.requestCode(phone);

  const sms = await sandbox.waitForMessage({ phone, match: /code is/, timeout: 5000 });
  expect(sms.sender).toBe("MyApp");
  const code = extractCode(sms.text);

  expect(app.verify(phone, "000000")).toBe(false);
  expect(app.verify(phone, code)).toBe(true);
  expect(app.verify(phone, code)).toBe(false); // a code works once
});

it("a second request sends a fresh code, and only that one is accepted", async () => {
  const draws = [0.1, 0.9];
  const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sandbox.url });
  const app = createSignIn(smsc, () => draws.shift()!);
  const phone = "+7 701 765 43 21";
  await app.requestCode(phone);
  const first = extractCode((await sandbox.waitForMessage({ phone })).text);
  await app.requestCode(phone);
  const second = extractCode((await sandbox.waitForMessage({ phone })).text);
  expect([first, second]).toEqual(["190000", "910000"]);
  expect(app.verify(phone, first)).toBe(false);
  expect(app.verify(phone, second)).toBe(true);
  expect(sandbox.messages({ phone })).toHaveLength(2);
});
