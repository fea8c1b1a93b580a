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

/** The environment without any SMSC_* variable, HOME pointed away from the real config, plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("SMSC_") && k !== "XDG_CONFIG_HOME"),
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
