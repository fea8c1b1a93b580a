// The built smsc/verify on Bun and Deno (the pinned binaries, installed on demand by the runtimes harness) against a real sandbox: Web Crypto HMAC,
// the SDK send and the memory store work there as on Node. Deno runs with no permission but --allow-net=127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, expect, it } from "vitest";
import { INSTALL_TIMEOUT_MS, killAll, requireBinary, requireBuilt, root, run } from "./runtimes/harness.js";

let sb: Sandbox;
let home: string;
let bun: string;
let deno: string;
beforeAll(async () => {
  requireBuilt();
  bun = await requireBinary("bun"); // installs the pinned runtimes on first use
  deno = await requireBinary("deno");
  sb = await startSandbox({ port: 0 });
  home = mkdtempSync(join(tmpdir(), "smsc-verify-runtimes-"));
}, INSTALL_TIMEOUT_MS);
afterAll(async () => {
  killAll();
  await sb?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

const probe = join(root, "test/verify-runtime-probe.mjs");
const expected = { started: "sent", wrong: "wrong-code", right: "approved" };

it("verifies a phone on Bun", async () => {
  const r = await run(bun, [probe, sb.url, "77010000401"], { cwd: home });
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout.trim().split("\n").at(-1)!)).toEqual(expected);
}, 30_000);

it("verifies a phone on Deno with only --allow-net=127.0.0.1", async () => {
  const args = ["run", "--no-config", "--no-remote", "--no-prompt", "--allow-net=127.0.0.1", probe, sb.url];
  const r = await run(deno, [...args, "77010000402"], {
    cwd: home,
    env: { DENO_DIR: join(home, "cache"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  });
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout.trim().split("\n").at(-1)!)).toEqual(expected);
}, 30_000);
