// The built SDK on Bun (the pinned `bun` package's binary, installed on demand into .tmp/runtimes): test/runtimes/esm-main.mjs imports "smsc" and
// "smsc/compat" by package name, resolved by Bun through the exports map, and talks to a real sandbox.

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
let bun: string;

beforeAll(async () => {
  requireBuilt();
  bun = await requireBinary("bun"); // installs the pinned runtimes on first use
  sb = await startSandbox({ port: 0 });
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  killAll();
  await sb?.close();
});

describe("the built SDK on Bun", () => {
  it("sends, reads status and balance, and works through compat", async () => {
    const phone = "77010000201";
    const r = probeOutput(
      await run(bun, [join(runtimesDir, "esm-main.mjs"), sb.url, phone], {
        env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0", DO_NOT_TRACK: "1" },
      }),
    );
    expect(r.runtime.version).toMatch(/^\d+\.\d+\.\d+/);
    expectProbe(r, sb, "bun", phone);
  }, 30_000);
});
