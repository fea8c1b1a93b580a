// The service's request limits (error 9) and the per-IP block (error 4), on an injected clock.

import { SERVICE_LIMITS as LIMITS } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callSys, DEMO } from "./sandbox-helpers.js";

let now = Date.UTC(2026, 0, 15, 9, 0, 0);
let sandbox: Sandbox;

beforeEach(async () => {
  now = Date.UTC(2026, 0, 15, 9, 0, 0);
  sandbox = await startSandbox({ clock: () => now });
});
afterEach(() => sandbox.close());

const send = (extra: Array<[string, string]> = []) =>
  callSys(sandbox.url, "send", [
    ...DEMO,
    ["phones", "+77011234567"],
    ["mes", "same"],
    ["fmt", "1"],
    ...extra,
  ]);

describe("error 9", () => {
  it("refuses an identical send within a minute, and only that", async () => {
    expect((await send()).text).toMatch(/^\d+,1$/);
    // the reply shape and credentials do not make a send different
    expect(
      (
        await send([
          ["fmt", "3"],
          ["cost", "3"],
        ])
      ).text,
    ).toBe('{"error":"duplicate request, wait a minute","error_code":9}');
    expect(
      (
        await callSys(sandbox.url, "send", [
          ["apikey", "demo-apikey"],
          ["phones", "+77011234567"],
          ["mes", "same"],
        ])
      ).text,
    ).toBe("ERROR = 9 (duplicate request, wait a minute)");
    expect((await send([["sender", "Other"]])).text).toMatch(/^\d+,1$/);
    expect(sandbox.control.messages()).toHaveLength(2);
    now += LIMITS.windowMs;
    expect((await send()).text).toMatch(/^\d+,1$/);
  });

  it("allows five identical cost requests a minute", async () => {
    const replies: string[] = [];
    for (let i = 0; i < 6; i++) replies.push((await send([["cost", "1"]])).text);
    expect(replies).toEqual([...Array(5).fill("10.00,1"), "0,-9"]);
    now += LIMITS.windowMs;
    expect((await send([["cost", "1"]])).text).toBe("10.00,1");
  });

  it("allows ten balance requests a minute", async () => {
    const replies: string[] = [];
    for (let i = 0; i < 11; i++)
      replies.push((await callSys(sandbox.url, "balance", [...DEMO, ["fmt", "1"]])).text);
    expect(replies).toEqual([...Array(10).fill("1000.00"), "0,-9"]);
  });

  it("allows five status requests for one message a minute", async () => {
    const id = (await send()).text.split(",")[0]!;
    const ask = (msg: string) =>
      callSys(sandbox.url, "status", [...DEMO, ["phone", "+77011234567"], ["id", msg], ["fmt", "1"]]);
    const replies: string[] = [];
    for (let i = 0; i < 6; i++) replies.push((await ask(id)).text);
    expect(replies.slice(0, 5).every((r) => r.startsWith("-1,"))).toBe(true);
    expect(replies[5]).toBe("0,-9");
    expect((await ask("other")).text).toBe("-3,0,0");
  });

  it("is off with rateLimits: false", async () => {
    const free = await startSandbox({ clock: () => now, rateLimits: false });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await callSys(free.url, "send", [
          ...DEMO,
          ["phones", "+77011234567"],
          ["mes", "same"],
          ["fmt", "1"],
        ]);
        expect(r.text).toMatch(/^\d+,1$/);
      }
    } finally {
      await free.close();
    }
  });
});

describe("error 4", () => {
  it("blocks an IP for 30 minutes after five authorisation errors in 30 minutes", async () => {
    const wrong: Array<[string, string]> = [
      ["login", "demo"],
      ["psw", "wrong"],
    ];
    for (let i = 0; i < LIMITS.authErrors; i++) {
      expect((await callSys(sandbox.url, "balance", wrong)).text).toBe("ERROR = 2 (authorise error)");
      now += 60_000;
    }
    expect((await callSys(sandbox.url, "balance", DEMO)).text).toBe("ERROR = 4 (ip is blocked)");
    expect((await send()).text).toBe("0,-4");
    expect(sandbox.control.messages()).toHaveLength(0);
    now += LIMITS.blockMs;
    expect((await callSys(sandbox.url, "balance", DEMO)).text).toBe("1000.00");
  });

  it("forgets errors older than 30 minutes", async () => {
    const wrong: Array<[string, string]> = [
      ["login", "demo"],
      ["psw", "wrong"],
    ];
    for (let i = 0; i < LIMITS.authErrors - 1; i++) await callSys(sandbox.url, "balance", wrong);
    now += LIMITS.authWindowMs;
    await callSys(sandbox.url, "balance", wrong);
    expect((await callSys(sandbox.url, "balance", DEMO)).text).toBe("1000.00");
  });
});
