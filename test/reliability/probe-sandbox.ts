// A sandbox (the built package) in its own process started with --expose-gc, which answers probes over IPC: its
// memory, after a full GC on request, and its event loop's delay. The server runs alone in its process, as users run it, so what a test
// measures of it is not mixed with the test's own work. Killed by pid when the test is done.
import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SandboxOptions } from "smsc-sandbox";

const CHILD = fileURLToPath(new URL("./probe-child.mjs", import.meta.url));
const DIST = fileURLToPath(new URL("../../packages/sandbox/dist/index.js", import.meta.url));

/** Memory of the sandbox's process, bytes. */
export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A probed sandbox. */
export interface ProbedSandbox {
  url: string;
  smtpPort?: number;
  smppPort?: number;
  child: ChildProcess;
  /** The process's memory now; with `gc`, after two full collections. */
  memory(gc?: boolean): Promise<Memory>;
  /** Starts measuring the event loop's delay afresh (monitorEventLoopDelay in the sandbox's process). */
  resetDelay(): Promise<void>;
  /** The event loop's delay since the last reset, ms: a figure to report, never to assert on. */
  delay(): Promise<{ maxMs: number; p99Ms: number; meanMs: number }>;
  /** Closes the sandbox and waits for the process to exit. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every probed sandbox still running: for afterAll. */
export function killProbed(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

/** Starts the probed sandbox with JSON-serialisable options. */
export async function startProbedSandbox(options: SandboxOptions): Promise<ProbedSandbox> {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run "npm run build" first`);
  const child = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  running.add(child);
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) =>
    child.on("exit", () => {
      running.delete(child);
      resolve();
    }),
  );
  let next = 1;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  const ready = new Promise<{ url: string; smtpPort?: number; smppPort?: number }>((resolve, reject) => {
    child.on("message", (m: Record<string, unknown>) => {
      if (m.ready) resolve(m as { url: string; smtpPort?: number; smppPort?: number });
      else {
        waiting.get(m.id as number)?.(m);
        waiting.delete(m.id as number);
      }
    });
    exited.then(() => reject(new Error(`the probed sandbox exited before it was ready: ${stderr}`)));
  });
  const ask = (op: string, extra: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = next++;
      waiting.set(id, resolve);
      child.send({ op, id, ...extra }, (err) => err && reject(err));
    });
  const info = await ready;
  return {
    ...info,
    child,
    memory: async (gc = false) => (await ask("memory", { gc })) as unknown as Memory,
    resetDelay: async () => {
      await ask("delay-reset");
    },
    delay: async () => (await ask("delay")) as unknown as { maxMs: number; p99Ms: number; meanMs: number },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await Promise.race([ask("close"), exited]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      await exited;
    },
  };
}
