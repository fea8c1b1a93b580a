// The built SDK on Cloudflare Workers' runtime (the pinned `workerd` package's binary, installed on demand). The worker
// (test/runtimes/workerd-worker.mjs) imports dist/index.js and dist/compat.js as they are published: every
// platform-neutral dist file is a module of the worker, no bundler in between. workerd listens on 127.0.0.1 and
// may reach only local addresses (a network service with allow = ["local"] as the worker's globalOutbound); the
// sandbox's URL is a text binding. The test asks the worker to run the probe, then checks the sandbox.

import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dist,
  expectProbe,
  freePort,
  INSTALL_TIMEOUT_MS,
  kill,
  killAll,
  type ProbeResult,
  RUN_TIMEOUT_MS,
  requireBinary,
  requireBuilt,
  runtimesDir,
  start,
} from "./runtimes/harness.js";

let sb: Sandbox;
let workerd: string;
let dir: string;

beforeAll(async () => {
  requireBuilt();
  workerd = await requireBinary("workerd"); // installs the pinned runtimes on first use
  sb = await startSandbox({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), "smsc-workerd-"));
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  killAll();
  await sb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The dist ESM files a worker can load: all but the Node-only ones (smsc/mail, smsc/smpp and their chunks, which
 * import net/tls). index.js and compat.js must not need those, or their import fails inside workerd.
 */
function neutralDistFiles(): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith(".js"))
    .filter(
      (f) =>
        !/^\s*import\s[^;]*?from\s*["'](node:)?(net|tls|dns|fs)["']/m.test(
          readFileSync(join(dist, f), "utf8"),
        ),
    );
}

/** workerd's config: the worker and its modules, one socket on 127.0.0.1:port, outbound to local addresses only. */
function config(port: number, modules: string[]): string {
  const mod = (name: string, file: string) => `    (name = "${name}", esModule = embed "${file}"),`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
${mod("worker.mjs", "worker.mjs")}
${mod("probe.mjs", "probe.mjs")}
${modules.map((f) => mod(`dist/${f}`, `dist/${f}`)).join("\n")}
  ],
  compatibilityDate = "2025-01-01",
  bindings = [ (name = "SANDBOX_URL", text = "${sb.url}") ],
  globalOutbound = "loopback",
);
`;
}

/** GETs the worker until it answers (workerd has no ready signal), within the run's time limit. */
async function askWorker(url: string, output: () => string): Promise<Response> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    try {
      return await fetch(url, { signal: AbortSignal.timeout(15_000) });
    } catch (e) {
      const refused = (e as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
      if (!refused || Date.now() > deadline)
        throw new Error(`workerd did not answer: ${String(e)}\n${output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe("the built SDK on workerd (Cloudflare Workers)", () => {
  it("sends, reads status and balance, and works through compat, from a worker", async () => {
    const modules = neutralDistFiles();
    expect(modules).toEqual(expect.arrayContaining(["index.js", "compat.js", "protocol.js"]));
    mkdirSync(join(dir, "dist"));
    for (const f of modules) copyFileSync(join(dist, f), join(dir, "dist", f));
    copyFileSync(join(runtimesDir, "workerd-worker.mjs"), join(dir, "worker.mjs"));
    copyFileSync(join(runtimesDir, "probe.mjs"), join(dir, "probe.mjs"));
    const port = await freePort();
    writeFileSync(join(dir, "config.capnp"), config(port, modules));

    const server = start(workerd, ["serve", "config.capnp", "config"], { cwd: dir });
    try {
      const phone = "77010000401";
      const res = await askWorker(`http://127.0.0.1:${port}/?phone=${phone}`, server.output);
      const body = await res.text();
      if (res.status !== 200)
        throw new Error(`the worker failed (${res.status}):\n${body}\n${server.output()}`);
      const r = JSON.parse(body) as ProbeResult;
      expectProbe(r, sb, "workerd", phone);
    } finally {
      kill(server.child);
    }
  }, 30_000);
});
