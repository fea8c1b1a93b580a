// Real database servers for the verify tests and benchmark: Debian's redis-server and PostgreSQL, each started
// on a free 127.0.0.1 port with a temporary data directory, and stopped (directory removed) by `stop()`.
// PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user (spawn uid/gid).
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const running = new Set();
// a crashed test must not leave servers behind
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A free TCP port on 127.0.0.1 (listen on 0, note it, close). */
export async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Spawns a server and resolves once a line matching `ready` appears on its output; rejects if it exits first. */
function launch(cmd, args, { ready, uid, gid, cwd, timeoutMs = 60_000 }) {
  const child = spawn(cmd, args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    ...(uid !== undefined ? { uid, gid } : {}),
  });
  running.add(child);
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${cmd} did not start in ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    );
    const onData = (d) => {
      log += d;
      if (ready.test(log)) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stderr.off("data", onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve(child);
      }
    };
    const fail = (err) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(err);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      running.delete(child);
      fail(
        Object.assign(new Error(`${cmd} exited (${code ?? signal}) before it was ready:\n${log}`), { log }),
      );
    });
    child.once("error", fail);
  });
}

async function stopChild(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

/** Tries `start(port)` on fresh free ports, in case another process took the port in between. */
async function onFreePort(start) {
  for (let i = 0; ; i++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (err) {
      if (i >= 2 || !/in use|Address already/i.test(String(err.log ?? err.message))) throw err;
    }
  }
}

/**
 * Starts redis-server on 127.0.0.1. `persistence: false` (tests) turns off RDB snapshots; the benchmark keeps the
 * server's defaults.
 */
export async function startRedis({ persistence = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "smsc-redis-"));
  try {
    const { port, child } = await onFreePort(async (port) => {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "no"];
      if (!persistence) args.push("--save", "");
      return {
        port,
        child: await launch("redis-server", args, { ready: /Ready to accept connections/, cwd: dir }),
      };
    });
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      async stop() {
        await stopChild(child, "SIGTERM");
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The folder of PostgreSQL's programs: Debian's newest /usr/lib/postgresql/<n>/bin, else PATH. */
function postgresBin() {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? join(base, versions[0], "bin") : "";
}

/** uid and gid of the `postgres` user when running as root (PostgreSQL refuses root), else undefined. */
function postgresUser() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "running as root, PostgreSQL needs the 'postgres' user (apt-get install postgresql creates it)",
    );
  }
}

/**
 * Starts PostgreSQL on 127.0.0.1 with a fresh cluster (superuser "postgres", trust auth on loopback).
 * `durable: false` (tests) turns off fsync and synchronous commit; the benchmark keeps the defaults.
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = postgresBin();
  const exe = (name) => (bin ? join(bin, name) : name);
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), "smsc-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  try {
    execFileSync(exe("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], {
      cwd: dir,
      stdio: "pipe",
      ...(user ?? {}),
    });
    const { port, child } = await onFreePort(async (port) => {
      const args = ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"];
      if (!durable)
        args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
      const child = await launch(exe("postgres"), args, {
        ready: /ready to accept connections/,
        cwd: dir,
        ...(user ?? {}),
      });
      return { port, child };
    });
    return {
      port,
      connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        // SIGINT: "fast" shutdown, ends open sessions
        await stopChild(child, "SIGINT");
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
