// Shared helpers for benchmarks: run settings (quick mode), servers spawned as child processes that never outlive
// the benchmark, an HTTP load generator (autocannon, in the benchmark's own process), the machine's description,
// and printing each figure beside its baseline as a ratio.
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon");

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The built sandbox bin: every benchmark of the sandbox runs it in its own process. */
export const sandboxBin = join(root, "packages/sandbox/dist/bin.js");
const fixedHttp = join(root, "bench/servers/fixed-http.mjs");
const noopSmpp = join(root, "bench/servers/noop-smpp.mjs");

/** BENCH_QUICK=1: a smoke run (short figures, small counts). */
export const QUICK = process.env.BENCH_QUICK === "1";

/** Seconds per figure: BENCH_SECONDS when set, else `full` (or `quick` in quick mode). */
export function seconds(full, quick = 1) {
  const s = process.env.BENCH_SECONDS;
  return s ? Number(s) : QUICK ? quick : full;
}

/** A count: the environment variable `name` when set, else `full` (or `quick` in quick mode). */
export function count(name, full, quick) {
  const s = process.env[name];
  return s ? Number(s) : QUICK ? quick : full;
}

// Everything a benchmark starts is tracked here and removed when its process ends, however it ends (error,
// Ctrl-C, SIGTERM from bench/run.mjs): children get SIGKILL, temp dirs are deleted. The handlers go in with the
// first thing tracked, so a process that only imports helpers (bench/run.mjs) keeps its own signal handling.
const children = new Set();
const dirs = new Set();
let guarded = false;
function guard() {
  if (guarded) return;
  guarded = true;
  const cleanup = () => {
    for (const c of children) c.kill("SIGKILL");
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  };
  process.on("exit", cleanup);
  for (const [signal, n] of [
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
  ])
    process.on(signal, () => {
      cleanup();
      process.exit(128 + n);
    });
}

/** A fresh directory under os.tmpdir(), deleted when the benchmark ends. */
export function tempDir(prefix = "smsc-bench-") {
  guard();
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.add(d);
  return d;
}

/**
 * Spawns `node ...args` and waits until its stdout has matched every regular expression in `ready`. Resolves with
 * the child, its pid, the matches and `stop()` (SIGTERM, then SIGKILL after 10 s). stdin is a pipe, so the
 * benchmark's own servers can exit when it closes.
 */
export async function spawnServer(args, { ready, timeoutMs = 60_000 } = {}) {
  const started = performance.now();
  const { child, exit, exited } = spawnNode(args);
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (s) => {
    err = (err + s).slice(-4000);
  });
  let out = "";
  const matches = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${basename(args[0])} did not start: ${err}`)), timeoutMs);
    const check = () => {
      const ms = ready.map((r) => r.exec(out));
      if (ms.every(Boolean)) {
        clearTimeout(timer);
        ok(ms);
      }
    };
    child.stdout.setEncoding("utf8").on("data", (s) => {
      out += s;
      check();
    });
    exit.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`${basename(args[0])} exited (${code ?? signal}) before it was ready: ${err}`));
    });
  });
  return {
    child,
    pid: child.pid,
    matches,
    startMs: performance.now() - started,
    stderr: () => err,
    stop: () => stopChild(child, exit, exited),
  };
}

/**
 * CPU seconds (user + system) a process has used so far, from `/proc/<pid>/stat`; undefined where there is no
 * procfs (not Linux). Clock ticks are taken as 100 per second, as on every Linux this runs on.
 */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Starts counting CPU: this process's (the load generator's) and the server's at `serverPid`. `perCall(n)` gives
 * each one's µs per call for the n calls made since; the server's is NaN without its pid or procfs.
 */
export function cpuMeter(serverPid) {
  const server0 = serverPid === undefined ? undefined : cpuSecondsOf(serverPid);
  const client0 = process.cpuUsage();
  return {
    perCall(n) {
      const client = process.cpuUsage(client0);
      const server = serverPid === undefined ? undefined : cpuSecondsOf(serverPid);
      return {
        serverUs: server === undefined || server0 === undefined ? Number.NaN : ((server - server0) * 1e6) / n,
        clientUs: (client.user + client.system) / n,
      };
    },
  };
}

/** The median server and load-generator CPU of runs that each carry `serverUs` and `clientUs` (see cpuMeter). */
export function medianCpu(runs) {
  return {
    serverUs: median(runs.map((r) => r.serverUs)),
    clientUs: median(runs.map((r) => r.clientUs)),
  };
}

/**
 * The most CPU a server may spend per request to answer `rate` requests a second on this machine, beside a load
 * generator spending `generatorUs` per request: each works on one thread, so the server answers no faster than one
 * core allows, nor faster than the machine's cores allow the two together.
 */
export function serverCostFor(rate, generatorUs) {
  return Math.min(1e6 / rate, (availableParallelism() * 1e6) / rate - generatorUs);
}

/**
 * Spawns `node ...args` (stdio piped), tracked so it is killed when the benchmark ends. Returns the child, a
 * promise of its exit and `exited()`.
 */
export function spawnNode(args) {
  guard();
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
  children.add(child);
  let done = false;
  const exit = new Promise((ok) =>
    child.on("exit", (code, signal) => {
      done = true;
      children.delete(child);
      ok({ code, signal });
    }),
  );
  return { child, exit, exited: () => done };
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the child has exited. */
export async function stopChild(child, exit, exited) {
  if (exited()) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exit;
  clearTimeout(timer);
}

/**
 * The built sandbox bin in its own process, default settings plus `args`. Always `--port 0` (the machine is
 * shared: a fixed port could be taken) and a `--db` file in a temp dir of ours (the bin's default is a temp file
 * too; ours is deleted even if the sandbox is killed). `smpp: true` adds `--smpp-port 0`.
 */
export async function spawnSandbox({ args = [], smpp = false, db } = {}) {
  const dbPath = db ?? join(tempDir("smsc-bench-db-"), "sandbox.db");
  const ready = [/listening on (http\S+)/];
  if (smpp) ready.push(/smpp listening on [\d.]+:(\d+)/);
  const s = await spawnServer(
    [sandboxBin, "--port", "0", "--db", dbPath, ...(smpp ? ["--smpp-port", "0"] : []), ...args],
    { ready },
  );
  return { ...s, url: s.matches[0][1], smppPort: smpp ? Number(s.matches[1][1]) : undefined, dbPath };
}

/** The bare node:http server (bench/servers/fixed-http.mjs) in its own process: one fixed reply per path. */
export async function spawnFixedHttp(args = []) {
  const s = await spawnServer([fixedHttp, ...args], { ready: [/listening on (http\S+)/] });
  return { ...s, url: s.matches[0][1] };
}

/** The npm `smpp` package's server that only answers (bench/servers/noop-smpp.mjs), in its own process. */
export async function spawnNoopSmpp() {
  const s = await spawnServer([noopSmpp], { ready: [/smpp listening on [\d.]+:(\d+)/] });
  return { ...s, port: Number(s.matches[0][1]) };
}

/** A TCP port free at the moment of asking, on loopback. */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Resident memory of a process in MiB, from /proc/<pid>/status (VmRSS). */
export function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

/**
 * HTTP load from this process with autocannon: `connections` keep-alive connections for `duration` seconds
 * (after a short warm-up run). `body()` builds each request's urlencoded body (so every request can differ);
 * `ok(body)` checks each reply. Returns good replies per second, latency percentiles (ms, all replies), the count
 * of failed replies (HTTP status other than 200, a body `ok` refused, socket errors, timeouts) with the first
 * failure, and `good`: good replies including the warm-up's (what the server stored, for a send).
 */
export async function httpLoad({
  url,
  path,
  body,
  ok,
  connections = 32,
  duration,
  warmup = QUICK ? 0.3 : 1,
  serverPid,
}) {
  let bad = 0;
  let good = 0;
  let firstBad;
  const request = {
    method: "POST",
    path,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    setupRequest: (r) => {
      r.body = body();
      return r;
    },
    onResponse: (status, b) => {
      if (status === 200 && ok(b)) {
        good++;
        return;
      }
      bad++;
      firstBad ??= `${status} ${b}`.slice(0, 300);
    },
  };
  const run = (d) => autocannon({ url, connections, duration: d, requests: [request] });
  if (warmup > 0) await run(warmup);
  bad = 0;
  firstBad = undefined;
  const before = good;
  const cpu = cpuMeter(serverPid);
  const r = await run(duration);
  const n = good - before;
  return {
    rps: n / r.duration,
    // CPU µs per good reply: the server's (serverUs) and the load generator's, this process (clientUs)
    ...cpu.perCall(n),
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed: bad + r.errors + r.timeouts,
    firstBad: firstBad ?? (r.errors + r.timeouts ? `${r.errors} socket errors, ${r.timeouts} timeouts` : ""),
    good,
  };
}

/** Median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The p-th percentile (0–100) of numbers, nearest rank. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** The machine, for the record: CPUs, their model, RAM, Node, load average. */
export function machine() {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "?";
  const [l1, l5, l15] = loadavg().map((n) => n.toFixed(2));
  return {
    nproc: cpus().length,
    model,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    load: `${l1} ${l5} ${l15}`,
  };
}

/** Runs fn until `ms` elapse (after a warm-up) and returns operations per second. */
export async function opsPerSecond(fn, { ms = 1000, warmup = 200 } = {}) {
  const until = (t) => performance.now() < t;
  let t = performance.now() + warmup;
  while (until(t)) await fn();
  let n = 0;
  const start = performance.now();
  t = start + ms;
  while (until(t)) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

let header = false;
function printHeader() {
  if (header) return;
  header = true;
  console.log(
    `${"figure".padEnd(52)} ${"value".padStart(16)}   ${"baseline".padEnd(50)} ${"ratio".padStart(7)}   target`,
  );
}

/** Prints a context line in the table (what was measured, counts, failures). */
export function info(line) {
  printHeader();
  console.log(`  · ${line}`);
}

/**
 * Prints one row of the table: the figure, its baseline and the ratio figure/baseline, and the target when there
 * is one: `{ on: "ratio" | "value", op: ">=" | "<=", limit }`. With BENCH_RESULTS set, also appends the row as a
 * JSON line to that file (bench/run.mjs prints them all as one table at the end).
 */
export function report(name, value, baselineName, baseline, unit = "ops/s", { target, note } = {}) {
  const ratio = baseline > 0 ? value / baseline : Number.NaN;
  let met;
  let targetText = "";
  if (target) {
    const x = target.on === "ratio" ? ratio : value;
    met = target.op === ">=" ? x >= target.limit : x <= target.limit;
    const sign = target.op === ">=" ? "≥" : "≤";
    targetText = `${sign}${fmt(target.limit)}${target.on === "ratio" ? "×" : ` ${unit}`} ${met ? "met" : "NOT met"}`;
  }
  printHeader();
  const base = `${baselineName}: ${fmt(baseline)} ${unit}`;
  console.log(
    `${name.padEnd(52)} ${`${fmt(value)} ${unit}`.padStart(16)}   ${base.padEnd(50)} ${ratio.toFixed(2).padStart(7)}   ${targetText}`,
  );
  if (process.env.BENCH_RESULTS) {
    const row = { bench: basename(process.argv[1] ?? ""), name, value, unit, baselineName, baseline, ratio };
    appendFileSync(
      process.env.BENCH_RESULTS,
      `${JSON.stringify({ ...row, target: targetText || undefined, met, note })}\n`,
    );
  }
}

/** A number for a table: thousands separators from 100 up, two decimals below. */
export function fmt(n) {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}
