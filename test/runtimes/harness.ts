// Shared by the runtime tests (test/runtime-*.test.ts): where the built SDK is, the runtime binaries (installed on
// demand), a child process runner that always kills what it started, and the checks every runtime's probe result must pass.

import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sandbox } from "smsc-sandbox";
import { expect } from "vitest";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const runtimesDir = join(root, "test/runtimes");
export const dist = join(root, "packages/smsc/dist");

/** Limit of one runtime's run, below the tests' own 30 s. */
export const RUN_TIMEOUT_MS = 25_000;

/** Throws a clear error when the SDK is not built: these tests run dist, never the sources. */
export function requireBuilt(): void {
  for (const f of ["index.js", "index.cjs", "compat.js", "compat.cjs", "protocol.js", "protocol.cjs"]) {
    if (!existsSync(join(dist, f)))
      throw new Error(
        `${join(dist, f)} is missing: build the SDK first (npm run build -w smsc; npm test does it)`,
      );
  }
}

/** Where the runtime binaries are installed on demand: a cache folder, kept between runs, outside git. */
export const runtimesPrefix = join(root, ".tmp/runtimes");
/** The pinned versions (package.json) and their exact tarballs (package-lock.json). */
const pinned = join(runtimesDir, "install");
/** Long enough for a first install on a cold npm cache (three tarballs, 141 MB); for the tests' beforeAll. */
export const INSTALL_TIMEOUT_MS = 600_000;

/**
 * The path of a runtime binary, installing the pinned runtimes first if the cache does not hold exactly them.
 * They are not devDependencies of the repository (353 MB that only these tests use): the first runtime test to
 * run installs all three with `npm ci --prefix .tmp/runtimes` from test/runtimes/install, under a lock, so the
 * test files running in parallel install once; later runs find them in place. A failed install fails the test.
 */
export async function requireBinary(name: "bun" | "deno" | "workerd"): Promise<string> {
  await installRuntimes();
  const bin = join(runtimesPrefix, "node_modules/.bin", name);
  if (!existsSync(bin))
    throw new Error(`${name} is missing at ${bin} after installing test/runtimes/install`);
  return bin;
}

const stamp = join(runtimesPrefix, "installed-from.json");
const lockDir = `${runtimesPrefix}.lock`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function installed(): boolean {
  const want = readFileSync(join(pinned, "package-lock.json"), "utf8");
  return existsSync(stamp) && readFileSync(stamp, "utf8") === want;
}

async function installRuntimes(): Promise<void> {
  if (installed()) return;
  mkdirSync(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (!lockHolderAlive()) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir} (another install)`);
      else await sleep(250);
    }
  }
  try {
    writeFileSync(join(lockDir, "pid"), String(process.pid));
    if (installed()) return;
    rmSync(runtimesPrefix, { recursive: true, force: true });
    mkdirSync(runtimesPrefix, { recursive: true });
    for (const f of ["package.json", "package-lock.json"])
      copyFileSync(join(pinned, f), join(runtimesPrefix, f));
    const npm = start("npm", ["ci", "--prefix", runtimesPrefix, "--no-audit", "--no-fund"], {
      cwd: runtimesPrefix,
    });
    const r = await npm.done;
    if (r.code !== 0)
      throw new Error(`npm ci --prefix ${runtimesPrefix} failed (${r.code ?? r.signal}):\n${npm.output()}`);
    copyFileSync(join(pinned, "package-lock.json"), stamp);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Whether the process that took the install lock is still running (a killed run leaves the lock behind). */
function lockHolderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, "pid"), "utf8"));
  } catch {
    // the holder has made the folder but not yet written its pid: alive, unless the folder is old
    try {
      return Date.now() - statSync(lockDir).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A free TCP port on 127.0.0.1 (for runtimes that cannot report the port they bound). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** A finished child process. */
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();

/** Kills a child and everything it started (each child leads its own process group). */
export function kill(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  children.delete(child);
}

/** Kills every child these helpers started and that is still running; for afterAll. */
export function killAll(): void {
  for (const c of [...children]) kill(c);
}

/** Starts a child in its own process group, collecting its output. */
export function start(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined> } = {},
): { child: ChildProcess; done: Promise<Run>; output(): string } {
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? root,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const done = new Promise<Run>((ok, fail) => {
    child.once("error", fail);
    child.once("close", (code, signal) => {
      children.delete(child);
      ok({ code, signal, stdout, stderr });
    });
  });
  return { child, done, output: () => `${stdout}${stderr}` };
}

/** Runs a command to its end, killed after `limitMs` (RUN_TIMEOUT_MS by default). */
export async function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; limitMs?: number } = {},
): Promise<Run> {
  const { child, done } = start(cmd, args, opts);
  const timer = setTimeout(() => kill(child), opts.limitMs ?? RUN_TIMEOUT_MS);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
    kill(child);
  }
}

/** What test/runtimes/probe.mjs returns. */
export interface ProbeResult {
  runtime: { name: string; version: string };
  message: string;
  compatMessage: string;
  sent: { id: string; cnt: number; cost: number; balance: number; recovered: boolean };
  status: { status: number; phone: string; message: string; senderId: string; statusName: string };
  statusKnown: boolean;
  balance: { balance: number; currency: string };
  compatSend: string[];
  compatBalance: string | false;
  encoding: string;
  error: { name: string; code: number; isInvalidPhone: boolean; isApiError: boolean } | null;
  /** Only from the CommonJS probe: the file require("smsc") resolved to. */
  loadedFrom?: string;
}

/** The probe's JSON line from a finished run; a failed run throws with its whole output. */
export function probeOutput(r: Run): ProbeResult {
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  if (r.code !== 0 || !last.startsWith("{"))
    throw new Error(
      `the probe failed (exit ${r.code ?? r.signal}${r.signal === "SIGKILL" ? ", killed after the time limit" : ""}):\n${r.stdout}\n${r.stderr}`,
    );
  return JSON.parse(last) as ProbeResult;
}

/**
 * Checks a probe result against the sandbox it talked to: both sends are stored for `phone` with their exact
 * text, the replies add up, status and balance came back, and a service error arrived as its class.
 */
export function expectProbe(result: ProbeResult, sandbox: Sandbox, runtime: string, phone: string): void {
  expect(result.runtime.name).toBe(runtime);
  expect(result.message).toBe(`Hello from ${runtime}: Сәлем 👋`);

  const stored = sandbox.control.messages().filter((m) => m.phone === phone);
  expect(stored.map((m) => m.text).sort()).toEqual([result.compatMessage, result.message].sort());
  const sdkMessage = stored.find((m) => m.text === result.message)!;
  expect(sdkMessage).toMatchObject({ id: result.sent.id, sender: "Probe", parts: 1, cost: 10 });

  expect(result.sent).toMatchObject({ cnt: 1, cost: 10, recovered: false });
  expect(result.encoding).toBe("ucs2");
  expect(result.status).toMatchObject({ phone, message: result.message, senderId: "Probe" });
  expect(result.statusKnown).toBe(true);
  expect(result.status.statusName).not.toBe("");
  expect(result.balance).toEqual({ balance: result.sent.balance, currency: "KZT" });

  const compatMessage = stored.find((m) => m.text === result.compatMessage)!;
  const after = (result.sent.balance - 10).toFixed(2);
  expect(result.compatSend).toEqual([String(compatMessage.id), "1", "10.00", after]);
  expect(result.compatBalance).toBe(after);

  expect(result.error).toEqual({
    name: "InvalidPhoneError",
    code: 7,
    isInvalidPhone: true,
    isApiError: true,
  });
}
