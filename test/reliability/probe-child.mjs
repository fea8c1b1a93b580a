// A sandbox in its own process (node --expose-gc), built from dist, that answers probes over IPC: its memory (after
// a full GC on request) and how long its event loop was blocked (monitorEventLoopDelay) between two probes. Started
// by probe-sandbox.ts; exits when its parent goes away.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startSandbox } from "../../packages/sandbox/dist/index.js";

const options = JSON.parse(process.argv[2] ?? "{}");
const sandbox = await startSandbox(options);
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

function memory() {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

process.on("message", async (msg) => {
  switch (msg.op) {
    case "memory":
      if (msg.gc) {
        // twice, with a turn in between: weak callbacks and finalizers of the first pass free more in the second
        globalThis.gc();
        await new Promise((r) => setImmediate(r));
        globalThis.gc();
      }
      return process.send({ id: msg.id, ...memory() });
    case "delay-reset":
      delay.reset();
      return process.send({ id: msg.id });
    case "delay":
      return process.send({
        id: msg.id,
        maxMs: delay.max / 1e6,
        p99Ms: delay.percentile(99) / 1e6,
        meanMs: delay.mean / 1e6,
      });
    case "close":
      await sandbox.close();
      process.send({ id: msg.id });
      return process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true, url: sandbox.url, smtpPort: sandbox.smtpPort, smppPort: sandbox.smppPort });
