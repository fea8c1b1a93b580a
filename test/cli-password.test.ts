// Passwords without the command line: a prompt that does not echo (on a pseudo-terminal, as a person types) and
// --password-stdin (from a pipe), for the commands and for `smsc config set password`. The built CLI against a
// real sandbox.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, smsc, smscOnTty } from "./cli-helpers.js";

const SECRET = "Hidden-Pw-42";
let sb: Sandbox;
let dir: string;
beforeAll(async () => {
  ensureBuilt();
  sb = await startSandbox({ port: 0, accounts: [{ login: "shop", password: SECRET, balance: 321 }] });
  dir = mkdtempSync(join(tmpdir(), "smsc-password-"));
}, 180_000);
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = () => ["--base-url", sb.url, "--login", "shop"];
const errorOf = (stderr: string) => JSON.parse(stderr).error as { name: string; message: string };

describe("password prompt", () => {
  it("asks on a terminal when a login has no password, without echoing what is typed", async () => {
    const r = await smscOnTty(
      ["balance", ...target()],
      { NO_COLOR: "1" },
      { expect: "password for shop: ", type: `${SECRET}\r` },
    );
    expect(r).toEqual({ code: 0, output: "password for shop: \r\n321 KZT\r\n" });
    // backspace edits what was typed; still nothing shown
    const edited = await smscOnTty(
      ["balance", ...target(), "--json"],
      {},
      { expect: "password for shop: ", type: `${SECRET.slice(0, -1)}X\x7f${SECRET.at(-1)}\r` },
    );
    expect(edited.code).toBe(0);
    expect(edited.output).not.toContain(SECRET);
    expect(JSON.parse(edited.output.slice(edited.output.indexOf("{")))).toEqual({
      balance: 321,
      currency: "KZT",
    });
  });

  it("takes the login from the environment too; a wrong password is the service's error 2", async () => {
    const env = { SMSC_LOGIN: "shop", SMSC_BASE_URL: sb.url, NO_COLOR: "1" };
    const fromEnv = await smscOnTty(["balance"], env, { expect: "password for shop: ", type: `${SECRET}\r` });
    expect(fromEnv).toEqual({ code: 0, output: "password for shop: \r\n321 KZT\r\n" });
    const wrong = await smscOnTty(["balance"], env, { expect: "password for shop: ", type: "not-it\r" });
    expect(wrong.code).toBe(12);
    expect(wrong.output).toBe("password for shop: \r\nerror 2 (authorise error)\r\n");
  });

  it("Ctrl-C at the prompt exits 130 and sends nothing", async () => {
    const before = sb.control.messages().length;
    const r = await smscOnTty(
      ["send", "77011234567", "hi", ...target()],
      { NO_COLOR: "1" },
      { expect: "password for shop: ", type: "Hid\x03" },
    );
    expect(r.code).toBe(130);
    expect(r.output).toBe("password for shop: \r\nerror: interrupted\r\n");
    expect(sb.control.messages()).toHaveLength(before);
  });

  it("never asks when stdin is not a terminal, or when the password or an API key is there", async () => {
    const piped = await smsc(["balance", ...target()]);
    expect(piped.code).toBe(2);
    expect(errorOf(piped.stderr).message).toContain('option "password" is required');
    const tty = await smscOnTty(["balance", ...target(), "--password", SECRET, "--no-color"]);
    expect(tty).toEqual({ code: 0, output: "321 KZT\r\n" });
    const envPassword = await smscOnTty(["balance", ...target()], { SMSC_PASSWORD: SECRET, NO_COLOR: "1" });
    expect(envPassword).toEqual({ code: 0, output: "321 KZT\r\n" });
    const apiKey = await smscOnTty(["balance", "--base-url", sb.url, "--api-key", "not-a-key"], {
      NO_COLOR: "1",
    });
    expect(apiKey).toEqual({ code: 12, output: "error 2 (authorise error)\r\n" });
    // offline commands never need one
    expect((await smscOnTty(["segments", "hi", "--login", "shop", "--json"])).code).toBe(0);
  }, 60_000);
});

describe("--password-stdin", () => {
  it("reads the first line of stdin, never printing it, not even with --verbose", async () => {
    const r = await smsc(["balance", ...target(), "--password-stdin", "-v"], {}, { input: `${SECRET}\n` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ balance: 321, currency: "KZT" });
    expect(r.stderr).toContain('"psw":"***"');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    const crlf = await smsc(
      ["balance", ...target(), "--password-stdin"],
      {},
      { input: `${SECRET}\r\nrest\n` },
    );
    expect(crlf.code).toBe(0);
    const noNewline = await smsc(["balance", ...target(), "--password-stdin"], {}, { input: SECRET });
    expect(noNewline.code).toBe(0);
  });

  it("refuses an empty stdin, a --password beside it, and no login", async () => {
    const empty = await smsc(["balance", ...target(), "--password-stdin"], {}, { input: "" });
    expect(empty.code).toBe(2);
    expect(errorOf(empty.stderr).message).toBe("--password-stdin: stdin gave an empty password");
    const both = await smsc(
      ["balance", ...target(), "--password", "x", "--password-stdin"],
      {},
      { input: SECRET },
    );
    expect(both.code).toBe(2);
    expect(errorOf(both.stderr).message).toContain("keep one");
    const noLogin = await smsc(["balance", "--base-url", sb.url, "--password-stdin"], {}, { input: SECRET });
    expect(noLogin.code).toBe(2);
    expect(errorOf(noLogin.stderr).message).toContain("--password-stdin needs a login");
  });

  it("on a terminal it asks, without echo", async () => {
    const r = await smscOnTty(
      ["balance", ...target(), "--password-stdin", "--no-color"],
      {},
      { expect: "password for shop: ", type: `${SECRET}\r` },
    );
    expect(r).toEqual({ code: 0, output: "password for shop: \r\n321 KZT\r\n" });
  });
});

describe("config set password", () => {
  it("asks on a terminal, reads --password-stdin from a pipe, and refuses a missing value otherwise", async () => {
    const SMSC_CONFIG = join(dir, "config.json");
    const env = { SMSC_CONFIG, NO_COLOR: "1" };
    expect((await smsc(["config", "set", "login", "shop", "--profile", "p"], env)).code).toBe(0);
    expect((await smsc(["config", "set", "baseUrl", sb.url, "--profile", "p"], env)).code).toBe(0);
    const asked = await smscOnTty(["config", "set", "password", "--profile", "p"], env, {
      expect: "password: ",
      type: `${SECRET}\r`,
    });
    expect(asked.code).toBe(0);
    expect(asked.output).not.toContain(SECRET);
    expect(JSON.parse(readFileSync(SMSC_CONFIG, "utf8")).profiles.p.password).toBe(SECRET);
    expect(JSON.parse((await smsc(["balance"], env)).stdout).balance).toBe(321);

    const piped = await smsc(["config", "set", "password", "--password-stdin", "--profile", "q"], env, {
      input: "other-pw\n",
    });
    expect(piped.code).toBe(0);
    expect(piped.stdout + piped.stderr).not.toContain("other-pw");
    expect(JSON.parse(readFileSync(SMSC_CONFIG, "utf8")).profiles.q.password).toBe("other-pw");

    const missing = await smsc(["config", "set", "password", "--profile", "r"], env);
    expect(missing.code).toBe(2);
    expect(errorOf(missing.stderr).message).toBe(
      "config set password needs a value: run it in a terminal to be asked, or pipe it with --password-stdin",
    );
    expect((await smsc(["config", "set", "apiKey", "--password-stdin"], env, { input: "k\n" })).code).toBe(2);
    expect((await smsc(["config", "set", "login"], env)).code).toBe(2);
    expect(JSON.parse(readFileSync(SMSC_CONFIG, "utf8")).profiles.r).toBeUndefined();
  }, 60_000);
});
