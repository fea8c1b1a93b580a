// The built SDK on Node, in a child process of the Node running the tests (.ci/run runs the suite on Node 20 and
// again on Node 24, so both are covered): once through ESM (import "smsc") and once through CommonJS
// (require("smsc")), each sending to a real sandbox and reading status and balance back.

import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dist,
  expectProbe,
  killAll,
  probeOutput,
  requireBuilt,
  run,
  runtimesDir,
} from "./runtimes/harness.js";

let sb: Sandbox;

beforeAll(async () => {
  requireBuilt();
  sb = await startSandbox({ port: 0 });
});

afterAll(async () => {
  killAll();
  await sb?.close();
});

describe(`the built SDK on Node ${process.version}`, () => {
  it("works imported as ESM (exports map 'import': dist/index.js, dist/compat.js)", async () => {
    const phone = "77010000101";
    const r = probeOutput(await run(process.execPath, [join(runtimesDir, "esm-main.mjs"), sb.url, phone]));
    expect(r.runtime.version).toBe(process.version);
    expectProbe(r, sb, "node", phone);
  }, 30_000);

  it("works required as CommonJS (exports map 'require': dist/index.cjs, dist/compat.cjs)", async () => {
    const phone = "77010000102";
    const r = probeOutput(await run(process.execPath, [join(runtimesDir, "cjs-main.cjs"), sb.url, phone]));
    expect(r.runtime.version).toBe(process.version);
    expect(r.loadedFrom).toBe(join(dist, "index.cjs"));
    expectProbe(r, sb, "node", phone);
  }, 30_000);
});
