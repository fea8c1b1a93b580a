// Bad input gets the service's documented code as a typed error, and nothing is stored or charged.

import {
  ApiError,
  AuthError,
  InvalidDateError,
  InvalidOptionError,
  InvalidPhoneError,
  isSmscError,
  ParametersError,
  RateLimitError,
  Smsc,
} from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let sb: Sandbox;
let smsc: Smsc;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
});
afterEach(async () => {
  await sb.close();
});

async function expectNothingStored() {
  expect(sb.control.messages()).toEqual([]);
  expect((await smsc.balance()).balance).toBe(1000);
}

describe("errors", () => {
  it("no phones → ParametersError, code 1", async () => {
    const e = await smsc.send({ message: "hi" }).catch((x) => x);
    expect(e).toBeInstanceOf(ParametersError);
    expect(e).toMatchObject({ code: 1, endpoint: "send", description: "parameters error" });
    const empty = await smsc.send({ phones: [], message: "hi" }).catch((x) => x);
    expect(empty).toBeInstanceOf(ParametersError);
    await expectNothingStored();
  });

  it("a bad phone → InvalidPhoneError, code 7, with the id", async () => {
    const e = await smsc.send({ phones: "12", message: "hi", id: "bad-phone" }).catch((x) => x);
    expect(e).toBeInstanceOf(InvalidPhoneError);
    expect(e).toMatchObject({ code: 7, id: "bad-phone", description: "invalid number" });
    expect(e.message).toBe("SMSC send error 7: invalid number (id bad-phone)");
    await expectNothingStored();
  });

  it("a bad date → InvalidDateError, code 5", async () => {
    for (const time of ["3113301200", "tomorrow", "25-30"]) {
      const e = await smsc.send({ phones: "77011234567", message: `t${time}`, time }).catch((x) => x);
      expect(e, time).toBeInstanceOf(InvalidDateError);
      expect(e.code).toBe(5);
    }
    await expectNothingStored();
  });

  it("a wrong password → AuthError, code 2, without the password anywhere in the error", async () => {
    const bad = new Smsc({ login: "demo", password: "wrong-Secret-1", baseUrl: sb.url });
    const e = await bad.send({ phones: "77011234567", message: "hi" }).catch((x) => x);
    expect(e).toBeInstanceOf(AuthError);
    expect(e.code).toBe(2);
    expect(isSmscError(e)).toBe(true);
    for (const text of [e.message, e.stack, JSON.stringify(e), e.body])
      expect(text).not.toContain("wrong-Secret-1");
    await expect(bad.balance()).rejects.toBeInstanceOf(AuthError);
    await expect(bad.status({ id: 1, phone: "77011234567" })).rejects.toBeInstanceOf(AuthError);
    await expectNothingStored();
  });

  it("an identical cost request more than five times a minute → RateLimitError, code 9 (not retried)", async () => {
    let calls = 0;
    const counting: typeof fetch = (i, init) => {
      calls++;
      return fetch(i, init);
    };
    const c = smsc.withOptions({ fetch: counting });
    for (let i = 0; i < 5; i++) await c.cost({ phones: "77011234567", message: "same" });
    const e = await c.cost({ phones: "77011234567", message: "same" }).catch((x) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.code).toBe(9);
    expect(calls).toBe(6);
  });

  it("invalid options are refused before any request, naming the option", async () => {
    let calls = 0;
    const c = smsc.withOptions({ fetch: () => Promise.reject(new Error(`should not be called ${++calls}`)) });
    await expect(c.send({ phones: "7", message: "m", translit: 5 as never })).rejects.toThrow(
      /send.translit/,
    );
    await expect(c.send({ phones: "7", message: "m", id: "has space" })).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
    await expect(c.send({ phones: "7", message: "m", extra: "psw=x" })).rejects.toThrow(/send.extra/);
    await expect(c.status({ id: 1, phone: "7", all: 3 as never })).rejects.toThrow(/status.all/);
    await expect(c.status({ ids: [1, 2], phones: ["7"] })).rejects.toThrow(/status.phones/);
    expect(calls).toBe(0);
    expect(new ApiError({ code: 0, description: "x", endpoint: "send", body: "" })).toBeInstanceOf(Error);
  });
});
