// Cold start: from spawn() of the built sandbox bin (default settings, a fresh --db file in a temp dir, a port picked
// free beforehand) to its first successful HTTP reply, found by polling balance.php for the demo account every
// 5 ms. Baseline: a bare node:http server (bench/servers/fixed-http.mjs) spawned and polled the same way, so Node's
// own start-up is in both. The two alternate; BENCH_COLD_RUNS runs each, median reported.
import { request } from "node:http";
import { join } from "node:path";
import {
  count,
  freePort,
  info,
  median,
  report,
  root,
  sandboxBin,
  spawnNode,
  stopChild,
  tempDir,
} from "./lib.mjs";

const RUNS = count("BENCH_COLD_RUNS", 15, 3);
const dir = tempDir();
const PATH = "/sys/balance.php?login=demo&psw=demo&fmt=3";

/** One GET; resolves with the body of a 200 reply, or undefined on any failure (not listening yet). */
function tryGet(port) {
  return new Promise((ok) => {
    const req = request({ host: "127.0.0.1", port, path: PATH, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (s) => (body += s));
      res.on("end", () => ok(res.statusCode === 200 ? body : undefined));
      res.on("error", () => ok(undefined));
    });
    req.on("error", () => ok(undefined));
    req.end();
  });
}

/** Milliseconds from spawn to the first reply carrying a balance. */
async function coldStart(args) {
  const port = await freePort();
  const start = performance.now();
  const { child, exit, exited } = spawnNode([...args, "--port", String(port)]);
  child.stdout.resume();
  child.stderr.resume();
  try {
    for (;;) {
      if (exited()) throw new Error(`${args[0]} exited before replying`);
      const body = await tryGet(port);
      if (body?.includes('"balance"')) return performance.now() - start;
      if (performance.now() - start > 60_000) throw new Error(`${args[0]}: no reply in 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stopChild(child, exit, exited);
  }
}

const sandbox = [];
const bare = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(await coldStart([join(root, "bench/servers/fixed-http.mjs")]));
  sandbox.push(await coldStart([sandboxBin, "--db", join(dir, `cold-${i}.db`)]));
}
const ms = (xs) => xs.map(Math.round).join(", ");
info(`sandbox runs (ms): ${ms(sandbox)}`);
info(`bare node:http runs (ms): ${ms(bare)}`);
report(
  "sandbox bin cold start, spawn → first reply",
  median(sandbox),
  "bare node:http spawned alike",
  median(bare),
  "ms",
  {
    target: { on: "value", op: "<=", limit: 300 },
  },
);
