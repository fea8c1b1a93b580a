import { describe, expect, it } from "vitest";
import { DEFAULT_BIN_PORT, parseCliArgs, UsageError } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("defaults to port 8400 on 127.0.0.1 with nothing else set", () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { port: DEFAULT_BIN_PORT, host: "127.0.0.1" } });
  });

  it("reads every flag", () => {
    const r = parseCliArgs([
      "--port=0",
      "--host",
      "0.0.0.0",
      "--db",
      "/tmp/x.db",
      "--account",
      "a:b",
      "--account",
      "c:d:12.50:RUB:key",
      "--price",
      "1.4",
      "--delay-sent",
      "10",
      "--delay-delivered",
      "20",
      "--no-rate-limits",
    ]);
    expect(r).toEqual({
      help: false,
      options: {
        port: 0,
        host: "0.0.0.0",
        db: "/tmp/x.db",
        accounts: [
          { login: "a", password: "b" },
          { login: "c", password: "d", balance: 12.5, currency: "RUB", apikey: "key" },
        ],
        pricePerPart: 1.4,
        delays: { sentMs: 10, deliveredMs: 20 },
        rateLimits: false,
      },
    });
  });

  it("reads --cors and --allowed-host, repeatable, as browsers spell them", () => {
    const r = parseCliArgs([
      "--cors",
      "http://LOCALHOST:5173/",
      "--cors=https://app.example.test:443",
      "--allowed-host",
      "Sandbox",
      "--allowed-host",
      ".dev.test",
    ]);
    expect(r).toMatchObject({
      options: {
        cors: ["http://localhost:5173", "https://app.example.test"],
        allowedHosts: ["sandbox", ".dev.test"],
      },
    });
    expect(parseCliArgs(["--cors", "*"])).toMatchObject({ options: { cors: ["*"] } });
  });

  it.each([
    [["--cors", "localhost:5173"], "--cors"],
    [["--cors", "http://localhost:5173/app"], "--cors"],
    [["--cors", "null"], "--cors"],
    [["--cors", "file:///tmp/page.html"], "--cors"],
    [["--allowed-host", "evil.test:8400"], "--allowed-host"],
    [["--allowed-host", "http://evil.test"], "--allowed-host"],
    [["--allowed-host", ""], "--allowed-host"],
  ])("refuses %j naming %s", (argv, flag) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(`${flag}: `);
  });

  it("answers help", () => {
    expect(parseCliArgs(["-h"])).toEqual({ help: true });
  });

  it.each([
    [["--port", "-1"], "--port"],
    [["--port", "70000"], "--port"],
    [["--price", "ten"], "--price"],
    [["--delay-sent", "1.5"], "--delay-sent"],
    [["--account", "nopassword"], "--account"],
    [["--account", "a:b:lots"], "--account balance"],
    [["--what"], "what"],
    [["positional"], "positional"],
  ])("refuses %j naming %s", (argv, flag) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(flag);
  });
});

describe("wait_call flags", () => {
  it("reads the pool of call numbers and the request lifetime", () => {
    const r = parseCliArgs(["--call-numbers", "+7 700 111 22 33, 77004445566", "--wait-call-minutes", "1.5"]);
    expect(r).toMatchObject({
      options: { callNumbers: ["+7 700 111 22 33", "77004445566"], waitCallTtlMs: 90_000 },
    });
  });

  it("refuses numbers that are not phones and a lifetime of 0", () => {
    expect(() => parseCliArgs(["--call-numbers", "77001112233,nope"])).toThrow(/--call-numbers/);
    expect(() => parseCliArgs(["--wait-call-minutes", "0"])).toThrow(/--wait-call-minutes/);
  });
});
