// The built `smsc-sandbox` bin as a child process (the server in its own process, as users run it): started on
// port 0, its URL and listener ports read from stdout, killed by pid when the test is done.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SANDBOX_BIN = fileURLToPath(new URL("../../packages/sandbox/dist/bin.js", import.meta.url));

/** A running bin. */
export interface SandboxProcess {
  child: ChildProcess;
  url: string;
  smtpPort?: number;
  smppPort?: number;
  /** Resolves with the exit code (null after a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every bin this module started that is still running: for afterEach/afterAll. */
export function killAll(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

/** Starts the bin with `args` (add `--port 0`) and resolves once it printed every listener it was asked for. */
export async function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  if (!existsSync(SANDBOX_BIN)) throw new Error(`${SANDBOX_BIN} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [SANDBOX_BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const wants = { smtp: args.includes("--smtp-port"), smpp: args.includes("--smpp-port") };
  const ready = await new Promise<{ url: string; smtpPort?: number; smppPort?: number }>(
    (resolve, reject) => {
      const check = () => {
        const url = /^smsc-sandbox listening on (http:\/\/\S+)$/m.exec(stdout)?.[1];
        const smtp = /^smtp listening on \S+:(\d+)$/m.exec(stdout)?.[1];
        const smpp = /^smpp listening on \S+:(\d+)$/m.exec(stdout)?.[1];
        if (!url || (wants.smtp && !smtp) || (wants.smpp && !smpp)) return;
        resolve({
          url,
          ...(smtp ? { smtpPort: Number(smtp) } : {}),
          ...(smpp ? { smppPort: Number(smpp) } : {}),
        });
      };
      child.stdout!.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        check();
      });
      exited.then((code) =>
        reject(new Error(`smsc-sandbox exited with ${code} before listening: ${stderr}`)),
      );
    },
  );
  return {
    child,
    ...ready,
    exited,
    stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    stderr: () => stderr,
  };
}
