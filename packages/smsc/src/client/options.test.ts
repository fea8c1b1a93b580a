import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidOptionError } from "./errors.js";
import { resolveOptions } from "./options.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

const creds = { login: "demo", password: "demo" };

describe("resolveOptions", () => {
  it("defaults to https smsc.kz and its mirrors, utf-8, 30 s, 2 retries", () => {
    const o = resolveOptions(creds);
    expect(o.baseUrls).toEqual([
      "https://smsc.kz",
      "https://www2.smsc.kz",
      "https://www3.smsc.kz",
      "https://www4.smsc.kz",
      "https://www5.smsc.kz",
    ]);
    expect(o.charset).toBe("utf-8");
    expect(o.timeout).toBe(30_000);
    expect(o.maxRetries).toBe(2);
    expect(o.auth).toEqual([
      ["login", "demo"],
      ["psw", "demo"],
    ]);
  });

  it("takes another domain, plain http and a failover list of base URLs", () => {
    expect(resolveOptions({ ...creds, domain: "smscentre.com", https: false }).baseUrls[1]).toBe(
      "http://www2.smscentre.com",
    );
    expect(resolveOptions({ ...creds, baseUrl: ["http://127.0.0.1:1/", "http://h/api/"] }).baseUrls).toEqual([
      "http://127.0.0.1:1",
      "http://h/api",
    ]);
  });

  it("reads credentials and base URL from the environment, explicit options winning", () => {
    vi.stubEnv("SMSC_LOGIN", "envlogin");
    vi.stubEnv("SMSC_PASSWORD", "envpsw");
    vi.stubEnv("SMSC_BASE_URL", "http://a:1,http://b:2");
    const o = resolveOptions({});
    expect(o.auth).toEqual([
      ["login", "envlogin"],
      ["psw", "envpsw"],
    ]);
    expect(o.baseUrls).toEqual(["http://a:1", "http://b:2"]);
    expect(resolveOptions({ login: "x", password: "y", domain: "smsc.ru" }).baseUrls[0]).toBe(
      "https://smsc.ru",
    );
    vi.stubEnv("SMSC_API_KEY", "KEY");
    expect(resolveOptions({}).auth).toEqual([["apikey", "KEY"]]);
    // explicit login/password beat an API key from the environment
    expect(resolveOptions({ login: "x", password: "y" }).auth[0]).toEqual(["login", "x"]);
  });

  it("validates eagerly and names the bad option", () => {
    vi.stubEnv("SMSC_LOGIN", "");
    vi.stubEnv("SMSC_PASSWORD", "");
    vi.stubEnv("SMSC_API_KEY", "");
    const cases: Array<[object, string]> = [
      [{}, "login"],
      [{ login: "a" }, "password"],
      [{ apiKey: "" }, "apiKey"],
      [{ ...creds, timeout: 0 }, "timeout"],
      [{ ...creds, timeout: "5" }, "timeout"],
      [{ ...creds, maxRetries: -1 }, "maxRetries"],
      [{ ...creds, maxRetries: 1.5 }, "maxRetries"],
      [{ ...creds, charset: "latin1" }, "charset"],
      [{ ...creds, domain: "smsc.com" }, "domain"],
      [{ ...creds, baseUrl: "not a url" }, "baseUrl"],
      [{ ...creds, baseUrl: "ftp://x" }, "baseUrl"],
      [{ ...creds, baseUrl: "http://user:secret@host" }, "baseUrl"],
      [{ ...creds, baseUrl: [] }, "baseUrl"],
    ];
    for (const [options, name] of cases) {
      let caught: unknown;
      try {
        resolveOptions(options as never);
      } catch (e) {
        caught = e;
      }
      expect(caught, name).toBeInstanceOf(InvalidOptionError);
      expect((caught as InvalidOptionError).option).toBe(name);
      expect((caught as Error).message).not.toContain("secret");
    }
  });

  it("normalises charset spellings", () => {
    expect(resolveOptions({ ...creds, charset: "cp1251" as never }).charset).toBe("windows-1251");
    expect(resolveOptions({ ...creds, charset: "KOI8-R" as never }).charset).toBe("koi8-r");
  });
});
