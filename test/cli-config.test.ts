// Configuration of the built CLI: flags > environment > config profile, and `smsc config`.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, smsc } from "./cli-helpers.js";

let a: Sandbox;
let b: Sandbox;
let dir: string;
beforeAll(async () => {
  ensureBuilt();
  // two sandboxes told apart by their accounts' balances
  a = await startSandbox({ port: 0, accounts: [{ login: "alice", password: "alice-pw", balance: 111 }] });
  b = await startSandbox({
    port: 0,
    accounts: [{ login: "bob", password: "bob-pw", balance: 222, apikey: "bob-key" }],
  });
  dir = mkdtempSync(join(tmpdir(), "smsc-config-"));
}, 180_000);
afterAll(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(config: unknown): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const balanceOf = async (args: string[], env: Record<string, string>) => {
  const r = await smsc(["balance", ...args], env);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout).balance as number;
};

describe("configuration", () => {
  it("uses the default profile, --profile and SMSC_PROFILE", async () => {
    const SMSC_CONFIG = writeConfig({
      default: "a",
      profiles: {
        a: { login: "alice", password: "alice-pw", baseUrl: a.url },
        b: { apiKey: "bob-key", baseUrl: [b.url] },
      },
    });
    expect(await balanceOf([], { SMSC_CONFIG })).toBe(111);
    expect(await balanceOf(["--profile", "b"], { SMSC_CONFIG })).toBe(222);
    expect(await balanceOf([], { SMSC_CONFIG, SMSC_PROFILE: "b" })).toBe(222);
    const missing = await smsc(["balance", "--profile", "c"], { SMSC_CONFIG });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error.message).toContain('no profile "c"');
  });

  it("flags win over the environment, which wins over the profile (credentials and target each as a group)", async () => {
    const SMSC_CONFIG = writeConfig({
      default: "a",
      profiles: { a: { login: "alice", password: "alice-pw", baseUrl: a.url } },
    });
    // env target + env credentials beat the profile
    expect(
      await balanceOf([], { SMSC_CONFIG, SMSC_BASE_URL: b.url, SMSC_LOGIN: "bob", SMSC_PASSWORD: "bob-pw" }),
    ).toBe(222);
    // env API key beats the profile's login; the profile still gives the target
    const envKeyOnProfileTarget = await smsc(["balance"], { SMSC_CONFIG, SMSC_API_KEY: "bob-key" });
    expect(envKeyOnProfileTarget.code).toBe(12); // bob's key is unknown to sandbox a
    // flags beat the environment: --login/--password are used, not the env API key
    expect(
      await balanceOf(["--base-url", a.url, "--login", "alice", "--password", "alice-pw"], {
        SMSC_CONFIG,
        SMSC_API_KEY: "bob-key",
        SMSC_BASE_URL: b.url,
      }),
    ).toBe(111);
    // a flag target beats the env one
    expect(
      await balanceOf(["--base-url", b.url, "--api-key", "bob-key"], { SMSC_CONFIG, SMSC_BASE_URL: a.url }),
    ).toBe(222);
  });

  it("refuses a broken config file or an unknown key, naming it", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    const r = await smsc(["balance"], { SMSC_CONFIG: broken });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error.message).toContain("is not JSON");
    const typo = writeConfig({ profiles: { p: { pasword: "x" } } });
    const t = await smsc(["balance"], { SMSC_CONFIG: typo });
    expect(t.code).toBe(2);
    expect(JSON.parse(t.stderr).error.message).toContain('unknown key "pasword"');
  });

  it("config set/get/list/use write a private file and never print secrets", async () => {
    const SMSC_CONFIG = join(dir, "sub", "written.json");
    const env = { SMSC_CONFIG };
    expect((await smsc(["config", "set", "login", "alice", "--profile", "a"], env)).code).toBe(0);
    expect((await smsc(["config", "set", "password", "alice-pw", "--profile", "a"], env)).code).toBe(0);
    expect((await smsc(["config", "set", "baseUrl", a.url, "--profile", "a"], env)).code).toBe(0);
    expect((await smsc(["config", "set", "timeout", "5000", "--profile", "a"], env)).code).toBe(0);
    expect((await smsc(["config", "set", "apiKey", "bob-key", "--profile", "b"], env)).code).toBe(0);
    expect((await smsc(["config", "set", "baseUrl", b.url, "--profile", "b"], env)).code).toBe(0);
    expect(statSync(SMSC_CONFIG).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(SMSC_CONFIG, "utf8"))).toMatchObject({
      default: "a",
      profiles: { a: { login: "alice", timeout: 5000 }, b: { apiKey: "bob-key" } },
    });
    expect(await balanceOf([], env)).toBe(111);
    const list = await smsc(["config", "list"], env);
    expect(list.stdout).not.toContain("alice-pw");
    expect(list.stdout).not.toContain("bob-key");
    expect(JSON.parse(list.stdout).profiles.a).toEqual({
      login: "alice",
      password: "***",
      baseUrl: a.url,
      timeout: 5000,
    });
    expect(JSON.parse((await smsc(["config", "get", "password"], env)).stdout).value).toBe("***");
    expect(JSON.parse((await smsc(["config", "get", "login"], env)).stdout).value).toBe("alice");
    expect((await smsc(["config", "use", "b"], env)).code).toBe(0);
    expect(await balanceOf([], env)).toBe(222);
    expect((await smsc(["config", "set", "colour", "red"], env)).code).toBe(2);
    expect((await smsc(["config", "set", "timeout", "soon"], env)).code).toBe(2);
  });

  it("takes the other SDK options as flags and checks them", async () => {
    const auth = ["--base-url", a.url, "--login", "alice", "--password", "alice-pw"];
    expect(
      await balanceOf([...auth, "--charset", "windows-1251", "--timeout", "5000", "--max-retries", "0"], {}),
    ).toBe(111);
    expect((await smsc(["balance", ...auth, "--charset", "latin-9"])).code).toBe(2);
    expect((await smsc(["balance", ...auth, "--max-retries", "11"])).code).toBe(2);
    expect((await smsc(["balance", ...auth, "--timeout", "soon"])).code).toBe(2);
    // two base URLs: the first is down, failover reaches the second
    const down = await startSandbox({ port: 0 });
    await down.close();
    expect(
      await balanceOf(
        ["--base-url", down.url, "--base-url", a.url, "--login", "alice", "--password", "alice-pw"],
        {},
      ),
    ).toBe(111);
    // a domain outside the protocol's list is refused before any request
    const bad = await smsc([
      "balance",
      "--domain",
      "example.com",
      "--no-https",
      "--login",
      "x",
      "--password",
      "y",
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain("domain");
  });
});
