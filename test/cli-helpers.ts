// Runs the built `smsc` command (packages/smsc/dist/cli/main.js) as a child process, for the CLI tests.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const cli = join(root, "packages/smsc/dist/cli/main.js");

/** Builds the CLI only when dist is missing: a rebuild would wipe dist under tests running concurrently. */
export function ensureBuilt(): void {
  if (!existsSync(cli)) execFileSync("npm", ["run", "build", "-w", "smsc"], { cwd: root, stdio: "ignore" });
}

/** A finished CLI run. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment without any SMSC_* variable, HOME pointed away from the real config, without the colour switches
 * NO_COLOR and FORCE_COLOR (a runner's own would decide the colour tests), plus `env`.
 */
export function cleanEnv(env: Record<string, string> = {}): Record<string, string> {
  // CI=true (as .ci/run is run) makes node:tty report 2 colours, so a terminal test would see none
  const dropped = new Set(["XDG_CONFIG_HOME", "NO_COLOR", "FORCE_COLOR", "CI"]);
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("SMSC_") && !dropped.has(k)),
  ) as Record<string, string>;
  return { ...base, SMSC_CONFIG: join(root, "test", "no-such-smsc-config.json"), ...env };
}

/** Starts the CLI; `done` resolves with its exit code and output. */
export function startSmsc(
  args: string[],
  env: Record<string, string> = {},
  opts: { cwd?: string; input?: string } = {},
): { child: ChildProcess; done: Promise<Run>; stdout(): string; stderr(): string } {
  const child = spawn(process.execPath, [cli, ...args], {
    env: cleanEnv(env),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  child.stdin!.end(opts.input ?? "");
  const done = new Promise<Run>((ok) =>
    child.on("close", (code, signal) =>
      ok({ code: code ?? (signal === "SIGKILL" ? 137 : 1), stdout, stderr }),
    ),
  );
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}

/** Runs the CLI to its end. */
export function smsc(
  args: string[],
  env: Record<string, string> = {},
  opts: { cwd?: string; input?: string } = {},
): Promise<Run> {
  return startSmsc(args, env, opts).done;
}

/** Resolves once `check()` is true, polling; rejects after `ms`. */
export async function until(check: () => boolean, ms = 20_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What a terminal showed while the CLI ran on it (stdout and stderr together, with the line ends a tty writes). */
export interface TtyRun {
  code: number;
  output: string;
}

/**
 * Runs the built CLI on a pseudo-terminal (python3's pty module, test/pty-run.py): stdin, stdout and stderr are
 * all the terminal, as for a person typing. With `type`, waits until the output shows `expect`, then types it.
 */
export function smscOnTty(
  args: string[],
  env: Record<string, string> = {},
  opts: { expect?: string; type?: string } = {},
): Promise<TtyRun> {
  const spec = {
    argv: [process.execPath, cli, ...args],
    env: cleanEnv({ TERM: "xterm-256color", ...env }),
    ...(opts.type !== undefined ? { expect: opts.expect ?? "", type: opts.type } : {}),
  };
  return new Promise((ok, fail) => {
    const child = spawn("python3", [join(root, "test", "pty-run.py"), JSON.stringify(spec)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout!.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr!.setEncoding("utf8").on("data", (s: string) => (err += s));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code !== 0) return fail(new Error(`pty-run.py exited ${code}: ${err}`));
      ok(JSON.parse(out) as TtyRun);
    });
  });
}
