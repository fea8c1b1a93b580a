// The `smsc-sandbox` bin as package.json names it (the committed launcher, which runs the built dist/bin.js; run
// `npm run build` first, the root `npm test` does): it prints its URL, serves, keeps its --db across restarts, and
// exits cleanly on SIGTERM and SIGINT.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { callSys } from "./sandbox-helpers.js";

const PKG = fileURLToPath(new URL("../packages/sandbox/", import.meta.url));
const BIN = join(PKG, JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).bin["smsc-sandbox"]);
const BUILT = join(PKG, "dist/bin.js");
const children: ChildProcess[] = [];
const dirs: string[] = [];

beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run "npm run build" first`);
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d) => {
    stdout += d;
  });
  child.stderr!.setEncoding("utf8").on("data", (d) => {
    stderr += d;
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  /** Resolves once stdout so far matches. */
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve) => {
      const check = () => {
        if (!re.test(stdout)) return false;
        child.stdout!.off("data", check);
        resolve(stdout);
        return true;
      };
      if (!check()) child.stdout!.on("data", check);
    });
  return { child, exit, waitFor };
}

/** Starts the bin and resolves with its URL, read from the first line of stdout. */
async function startBin(args: string[]) {
  const proc = run(args);
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    proc.child.stdout!.on("data", (d: string) => {
      buf += d;
      const line = buf.split("\n")[0]!;
      if (buf.includes("\n")) {
        const m = /^smsc-sandbox listening on (http:\/\/\S+)$/.exec(line);
        if (m) resolve(m[1]!);
        else reject(new Error(`unexpected first line: ${line}`));
      }
    });
    proc.exit.then((e) => reject(new Error(`bin exited with ${e.code}: ${e.stderr}`)));
  });
  return { ...proc, url };
}

describe("smsc-sandbox bin", () => {
  it("prints its URL, serves the accounts it was given, and exits 0 on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-bin-"));
    dirs.push(dir);
    const db = join(dir, "bin.db");
    const args = ["--port", "0", "--db", db, "--account", "alice:secret:50:RUB:alice-key", "--price", "2.5"];
    const a = await startBin(args);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const sent = await callSys(a.url, "send", [
      ["apikey", "alice-key"],
      ["phones", "+77011234567"],
      ["mes", "hi"],
      ["fmt", "1"],
      ["cost", "3"],
    ]);
    expect(sent.text).toMatch(/^\d+,1,2\.50,47\.50$/);
    expect(
      (
        await callSys(a.url, "balance", [
          ["login", "demo"],
          ["psw", "demo"],
          ["cur", "1"],
        ])
      ).text,
    ).toBe("1000.00,KZT");
    a.child.kill("SIGTERM");
    expect((await a.exit).code).toBe(0);

    const b = await startBin(args);
    expect(
      (
        await callSys(b.url, "balance", [
          ["login", "alice"],
          ["psw", "secret"],
          ["cur", "1"],
        ])
      ).text,
    ).toBe("47.50,RUB");
    b.child.kill("SIGINT");
    expect((await b.exit).code).toBe(0);
  });

  it("keeps every acknowledged send when the process is killed with SIGKILL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-kill-"));
    dirs.push(dir);
    const args = ["--port", "0", "--db", join(dir, "kill.db"), "--no-rate-limits"];
    const a = await startBin(args);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const sent = await callSys(a.url, "send", [
        ["login", "demo"],
        ["psw", "demo"],
        ["phones", `+7701000${String(1000 + i)}`],
        ["mes", `kill test ${i}`],
        ["fmt", "1"],
      ]);
      ids.push(sent.text.split(",")[0]!);
    }
    a.child.kill("SIGKILL");
    expect((await a.exit).code).toBeNull();

    const b = await startBin(args);
    for (const [i, id] of ids.entries()) {
      const st = await callSys(b.url, "status", [
        ["login", "demo"],
        ["psw", "demo"],
        ["phone", `7701000${String(1000 + i)}`],
        ["id", id],
        ["all", "1"],
        ["fmt", "3"],
        ["charset", "utf-8"],
      ]);
      expect(JSON.parse(st.text)).toMatchObject({ message: `kill test ${i}` });
    }
    const balance = await callSys(b.url, "balance", [
      ["login", "demo"],
      ["psw", "demo"],
    ]);
    expect(balance.text).toBe("800.00");
    b.child.kill("SIGTERM");
    expect((await b.exit).code).toBe(0);
  });

  it("prints the SMTP and SMPP ports on the lines after the URL", async () => {
    const c = await startBin(["--port", "0", "--smtp-port", "0", "--smpp-port", "0"]);
    const [, smtp, smpp] = (await c.waitFor(/smpp listening.*\n/)).split("\n");
    expect(smtp).toMatch(/^smtp listening on 127\.0\.0\.1:\d+$/);
    expect(smpp).toMatch(/^smpp listening on 127\.0\.0\.1:\d+$/);
    c.child.kill("SIGTERM");
    expect((await c.exit).code).toBe(0);
  });

  it("prints help, and refuses a bad flag with exit code 2", async () => {
    const help = await run(["--help"]).exit;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--delay-delivered MS");
    const bad = await run(["--port", "many"]).exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--port must be a non-negative integer");
    const unknown = await run(["--frobnicate"]).exit;
    expect(unknown.code).toBe(2);
  });
});
