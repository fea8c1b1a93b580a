// `smsc verify start|check`: the built CLI as child processes against a real sandbox, its state in a file.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractCode, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt, smsc } from "./cli-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  sb = await startSandbox({ port: 0, rateLimits: false });
  dir = mkdtempSync(join(tmpdir(), "smsc-verify-cli-"));
  // the state goes beside the config by default
  env = {
    SMSC_CONFIG: join(dir, "config.json"),
    SMSC_BASE_URL: sb.url,
    SMSC_LOGIN: "demo",
    SMSC_PASSWORD: "demo",
  };
});
afterEach(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

const PHONE = "+77011234567";

describe("smsc verify", () => {
  it("sends a code by SMS and checks it: wrong, right, then used up; the state file keeps no code", async () => {
    const started = await smsc(["verify", "start", PHONE], env);
    expect(started.stderr).toBe("");
    expect(started.code).toBe(0);
    const r = JSON.parse(started.stdout);
    expect(r).toMatchObject({ status: "sent", to: PHONE, channel: "sms", sends: 1 });
    expect(new Date(r.expiresAt).toISOString()).toBe(r.expiresAt);
    const code = extractCode((await sb.waitForMessage({ phone: PHONE })).text);

    const state = join(dir, "verify-state.json");
    expect(statSync(state).mode & 0o777).toBe(0o600);
    expect(readFileSync(state, "utf8")).not.toContain(code);

    const bad = await smsc(["verify", "check", PHONE, code === "000000" ? "111111" : "000000"], env);
    expect(bad.code).toBe(9);
    expect(JSON.parse(bad.stdout)).toEqual({ status: "wrong-code", attemptsLeft: 4 });
    const good = await smsc(["verify", "check", PHONE, code], env);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ status: "approved", channel: "sms", attempts: 2 });
    const again = await smsc(["verify", "check", PHONE, code], env);
    expect([again.code, JSON.parse(again.stdout)]).toEqual([9, { status: "unknown" }]);
  });

  it("calls with --channel call, and refuses a resend inside the cooldown", async () => {
    const r = await smsc(["verify", "start", PHONE, "--channel", "call"], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "sent", channel: "call" });
    const call = await sb.waitForMessage({ phone: PHONE });
    expect(call.format).toBe("call");
    const early = await smsc(["verify", "start", PHONE], env);
    expect(early.code).toBe(9);
    expect(JSON.parse(early.stdout)).toMatchObject({ status: "rate-limited", scope: "cooldown" });
    expect(sb.messages({ phone: PHONE })).toHaveLength(1);
    const ok = await smsc(
      ["verify", "check", PHONE, call.text, "--state", join(dir, "verify-state.json")],
      env,
    );
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: "approved", channel: "call" });
  });

  it("prints the number to call with --channel inbound-call, and the sandbox waits for that call", async () => {
    const r = await smsc(["verify", "start", PHONE, "--channel", "inbound-call"], env);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: "sent", to: PHONE, channel: "inbound-call", sends: 1 });
    expect(out.callTo).toMatch(/^\+7700999000[1-3]$/);
    expect(sb.control.waitCalls.list()).toMatchObject([
      { phone: "77011234567", number: out.callTo.slice(1), state: "waiting" },
    ]);
    expect(sb.messages()).toHaveLength(0);
    // nothing typed approves it: the call does, through the waitcall callback
    const typed = await smsc(["verify", "check", PHONE, "0000"], env);
    expect([typed.code, JSON.parse(typed.stdout).status]).toEqual([9, "wrong-code"]);
    const help = await smsc(["verify", "--help"], env);
    expect(help.stdout).toContain("smsc verify start +77011234567 --channel inbound-call");
  });

  it("lets only one of several concurrent checks of the right code through (the state file is locked)", async () => {
    const secret = { ...env, SMSC_VERIFY_SECRET: "cli-test-secret-0123456789abcdef" };
    await smsc(["verify", "start", PHONE], secret);
    const code = extractCode((await sb.waitForMessage({ phone: PHONE })).text);
    expect(readFileSync(join(dir, "verify-state.json"), "utf8")).not.toContain('"secret"');
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => smsc(["verify", "check", PHONE, code], secret)),
    );
    const statuses = runs.map((x) => JSON.parse(x.stdout).status).sort();
    expect(statuses).toEqual(["approved", "unknown", "unknown", "unknown", "unknown"]);
  });

  it("refuses a bad command line with the usage exit code", async () => {
    expect((await smsc(["verify", "check", PHONE], env)).code).toBe(2);
    expect((await smsc(["verify", "start", PHONE, "--channel", "fax"], env)).code).toBe(2);
    expect((await smsc(["verify", "stop", PHONE], env)).code).toBe(2);
    const help = await smsc(["verify", "--help"], env);
    expect(help.stdout).toContain("smsc verify start +77011234567 --channel call");
  });
});
