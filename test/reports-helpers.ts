// Helpers of the tests of the reading scripts (get.php history/stat/price, info.php, ping.php).
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { decodeText, encodeForm } from "smsc/protocol";

/** The built sandbox bin. */
export const SANDBOX_BIN = fileURLToPath(new URL("../packages/sandbox/dist/bin.js", import.meta.url));

/**
 * Calls `/sys/<script>.php` as demo (or `login`) over real HTTP with the fields in the query, charset utf-8 unless
 * the fields name one, and returns the body decoded in that charset.
 */
export async function sys(
  base: string,
  script: string,
  fields: Array<[string, string]>,
  login: [string, string] = ["demo", "demo"],
): Promise<string> {
  const charset = fields.find(([k]) => k === "charset") ? [] : [["charset", "utf-8"] as [string, string]];
  const all: Array<[string, string]> = [["login", login[0]], ["psw", login[1]], ...charset, ...fields];
  const res = await fetch(`${base}/sys/${script}.php?${encodeForm(all, "utf-8")}`);
  return decodeText(new Uint8Array(await res.arrayBuffer()), "utf-8");
}

/** A running bin: its URL, how to stop it, and how it ended. */
export interface RunningBin {
  url: string;
  child: ChildProcess;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs the bin with `args`; resolves with the run (its URL once it listens, or its exit when it fails). */
export function runBin(args: string[]): {
  child: ChildProcess;
  exit: RunningBin["exit"];
  url: Promise<string>;
} {
  const child = spawn(process.execPath, [SANDBOX_BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /^smsc-sandbox listening on (http:\/\/\S+)\n/.exec(stdout);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on("data", check);
    exit.then((e) => reject(new Error(`bin exited with ${e.code}: ${e.stderr}`)));
  });
  // a run that is expected to fail is awaited through `exit` only
  url.catch(() => undefined);
  return { child, exit, url };
}

/** Phone numbers 7701 000 0000 + i: Kcell numbers, none of them a magic number. */
export function kcell(i: number): string {
  return `7701${String(1_000_000 + i).padStart(7, "0")}`;
}
