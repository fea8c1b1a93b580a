// Waiting for a message: sandbox.waitForMessage, GET /api/v1/messages/wait, and extractCode.

import { Smsc } from "smsc";
import { extractCode, type Sandbox, startSandbox, WaitTimeoutError } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

let sb: Sandbox;
let smsc: Smsc;
beforeEach(async () => {
  sb = await startSandbox({ port: 0, rateLimits: false });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
});
afterEach(async () => {
  await sb.close();
});

const A = "77011234567";

describe("sandbox.waitForMessage", () => {
  it("resolves with a message that arrives while waiting", async () => {
    const waiting = sb.waitForMessage({ phone: "+7 701 123 45 67", match: /code \d+/ });
    await smsc.send({ phones: "77019999999", message: "code 1111 for someone else" });
    await smsc.send({ phones: A, message: "no digits here" });
    await smsc.send({ phones: A, message: "Your code 2222" });
    const m = await waiting;
    expect(m).toMatchObject({ phone: A, text: "Your code 2222" });
  });

  it("resolves at once with a message that arrived before, and hands each message out once", async () => {
    await smsc.send({ phones: A, message: "first 1234" });
    await smsc.send({ phones: A, message: "second 5678" });
    expect((await sb.waitForMessage({ phone: A })).text).toBe("first 1234");
    expect((await sb.waitForMessage({ phone: A })).text).toBe("second 5678");
    await expect(sb.waitForMessage({ phone: A, timeout: 50 })).rejects.toBeInstanceOf(WaitTimeoutError);
    sb.reset();
    await smsc.send({ phones: A, message: "after reset" });
    expect((await sb.waitForMessage({ phone: A, match: "reset" })).text).toBe("after reset");
  });

  it("rejects on timeout with an error that says what it waited for and what did arrive", async () => {
    await smsc.send({ phones: A, message: "Hello" });
    await sb.waitForMessage({ phone: A });
    const err = await sb.waitForMessage({ phone: A, match: "code", timeout: 30 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toBe(
      `no message to ${A} matching "code" arrived within 30 ms (the latest message to that number reads "Hello")`,
    );
  });

  it("stops waiting when its signal aborts", async () => {
    const abort = new AbortController();
    const waiting = sb.waitForMessage({ phone: A, signal: abort.signal });
    abort.abort(new Error("test over"));
    await expect(waiting).rejects.toThrow("test over");
  });
});

describe("GET /api/v1/messages/wait", () => {
  it("long-polls until a matching message arrives", async () => {
    const waiting = api(
      sb.url,
      "GET",
      `/messages/wait?phone=${A}&match=${encodeURIComponent("/\\d{6}/")}&timeout=5000`,
    );
    await new Promise((r) => setTimeout(r, 30));
    await smsc.send({ phones: A, message: "Code 123456" });
    const r = await waiting;
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ phone: A, text: "Code 123456" });
  });

  it("answers 408 with a JSON error on timeout, 400 for a bad pattern or timeout", async () => {
    const r = await api(sb.url, "GET", `/messages/wait?phone=${A}&timeout=20`);
    expect(r.status).toBe(408);
    expect(r.body.error).toMatch(/^no message to 77011234567 arrived within 20 ms/);
    expect((await api(sb.url, "GET", "/messages/wait?match=%2F(%2F")).status).toBe(400);
    expect((await api(sb.url, "GET", "/messages/wait?timeout=999999")).status).toBe(400);
  });

  it("with after, only considers newer messages", async () => {
    await smsc.send({ phones: A, message: "old" });
    const old = sb.latest(A)!;
    await smsc.send({ phones: A, message: "new" });
    const r = await api(sb.url, "GET", `/messages/wait?phone=${A}&after=${old.id}&timeout=1000`);
    expect(r.body.text).toBe("new");
  });
});

describe("sandbox.messages", () => {
  it("filters like the API, phone in any form", async () => {
    await smsc.send({ phones: [A, "77017654321"], message: "both" });
    expect(sb.messages({ phone: "8 701 123 45 67" }).map((m) => m.phone)).toEqual([A]);
    expect(sb.messages({ text: "BOTH" })).toHaveLength(2);
    expect(sb.messages({ limit: 1 })).toHaveLength(1);
  });
});

describe("extractCode", () => {
  it.each([
    ["Код: 1234", "1234"],
    ["code 123-456", "123456"],
    ["Your code is 987654", "987654"],
    ["Ваш код подтверждения 5521. Никому не сообщайте", "5521"],
    ["Order 20260 shipped. Your code: 4417", "4417"],
    ["G-12345678 is your Google verification", "12345678"],
    ["PIN 12 34 56", "123456"],
    ["Call +7 701 123 45 67 and use 8842", "8842"],
    ["Your OTP for 24.11.2026 is 330 221", "330221"],
  ])("finds the code in %j", (text, code) => {
    expect(extractCode(text)).toBe(code);
  });

  it("throws when there is no 4–8 digit code", () => {
    expect(() => extractCode("Hello 123")).toThrow('no 4–8 digit code in the text "Hello 123"');
    expect(() => extractCode("ref 123456789")).toThrow(/no 4–8 digit code/);
  });
});
