// The built SDK on Deno (the pinned `deno` package's binary, installed on demand into .tmp/runtimes): test/runtimes/deno-main.mjs imports the dist ESM
// files by path and runs with no permission but --allow-net=127.0.0.1, no config file and no remote imports.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectProbe,
  INSTALL_TIMEOUT_MS,
  killAll,
  probeOutput,
  requireBinary,
  requireBuilt,
  run,
  runtimesDir,
} from "./runtimes/harness.js";

let sb: Sandbox;
let deno: string;
let home: string;

beforeAll(async () => {
  requireBuilt();
  deno = await requireBinary("deno"); // installs the pinned runtimes on first use
  sb = await startSandbox({ port: 0 });
  home = mkdtempSync(join(tmpdir(), "smsc-deno-"));
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  killAll();
  await sb?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe("the built SDK on Deno", () => {
  it("sends, reads status and balance, and works through compat, with only --allow-net=127.0.0.1", async () => {
    const phone = "77010000301";
    const args = ["run", "--no-config", "--no-remote", "--no-prompt", "--allow-net=127.0.0.1"];
    const r = probeOutput(
      await run(deno, [...args, join(runtimesDir, "deno-main.mjs"), sb.url, phone], {
        // a scratch cache and working directory: nothing is written to the repository or the user's cache
        cwd: home,
        env: { DENO_DIR: join(home, "cache"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      }),
    );
    expect(r.runtime.version).toMatch(/^\d+\.\d+\.\d+/);
    expectProbe(r, sb, "deno", phone);
  }, 30_000);
});
