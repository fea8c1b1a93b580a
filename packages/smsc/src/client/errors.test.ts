import { describe, expect, it } from "vitest";
import { SEND_ERRORS, STATUS_ERRORS } from "../protocol/index.js";
import {
  ApiError,
  AuthError,
  ConnectionError,
  DeleteFailedError,
  InvalidDateError,
  InvalidPhoneError,
  isSmscError,
  ParametersError,
  RateLimitError,
  SendOutcomeUnknownError,
  SmscError,
  TimeoutError,
} from "./errors.js";

describe("ApiError.from", () => {
  it("builds one subclass per code of the protocol tables", () => {
    for (const code of Object.keys(SEND_ERRORS).map(Number)) {
      const e = ApiError.from({ error: "x", code }, "send", "body");
      expect(e).toBeInstanceOf(ApiError);
      expect(e.constructor).not.toBe(ApiError);
      expect(e.code).toBe(code);
      expect(e.name).toBe(e.constructor.name);
    }
    expect(ApiError.from({ error: "", code: 1 }, "send", "")).toBeInstanceOf(ParametersError);
    expect(ApiError.from({ error: "", code: 2 }, "balance", "")).toBeInstanceOf(AuthError);
    expect(ApiError.from({ error: "", code: 7, id: 5 }, "send", "")).toBeInstanceOf(InvalidPhoneError);
    expect(ApiError.from({ error: "", code: 9 }, "status", "")).toBeInstanceOf(RateLimitError);
  });

  it("reads code 5 through the endpoint's own table", () => {
    expect(ApiError.from({ error: "", code: 5 }, "send", "")).toBeInstanceOf(InvalidDateError);
    expect(ApiError.from({ error: "", code: 5 }, "status", "")).toBeInstanceOf(DeleteFailedError);
  });

  it("carries code, description, endpoint, body and id; fills a missing description from the table", () => {
    const e = ApiError.from({ error: "", code: 7, id: 541 }, "send", "541,-7");
    expect(e).toMatchObject({
      code: 7,
      description: "invalid number",
      endpoint: "send",
      body: "541,-7",
      id: 541,
    });
    expect(e.message).toBe("SMSC send error 7: invalid number (id 541)");
    expect(ApiError.from({ error: "", code: 5 }, "status", "").description).toBe(STATUS_ERRORS[5].server);
  });

  it("keeps unknown codes as plain ApiError", () => {
    const e = ApiError.from({ error: "unexpected response: x", code: 0 }, "balance", "x");
    expect(e.constructor).toBe(ApiError);
  });
});

describe("isSmscError", () => {
  it("recognises every class of the tree, and copies by their brand", () => {
    const all = [
      new SmscError("x"),
      ApiError.from({ error: "", code: 2 }, "send", ""),
      new ConnectionError("x", { host: "h", maybeSent: false }),
      new TimeoutError("h", 5),
      new SendOutcomeUnknownError("id", ["1"]),
    ];
    for (const e of all) expect(isSmscError(e)).toBe(true);
    expect(isSmscError(new Error("x"))).toBe(false);
    expect(isSmscError({ [Symbol.for("smsc.error")]: true })).toBe(true);
    expect(new TimeoutError("h", 5)).toBeInstanceOf(ConnectionError);
  });
});
