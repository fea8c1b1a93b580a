// kill -9 under load: the bin serves SDK sends over HTTP and submits over SMPP; once enough are acknowledged it is
// killed with SIGKILL mid-stream, the database file passes `PRAGMA integrity_check`, and a restart on the same --db
// has every acknowledged send exactly once. Repeated for several cycles on one file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SendOutcomeUnknownError, Smsc } from "smsc";
import { SmppClient } from "smsc/smpp";
import { afterAll, describe, expect, it } from "vitest";
import { killAll, type SandboxProcess, startSandboxProcess } from "./sandbox-process.js";
import { report, SCALE, SEED, timeLimit } from "./scale.js";
import { allMessages, countByKey, sendKey } from "./stored-messages.js";

const INTEGRITY = fileURLToPath(new URL("./integrity-check.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "smsc-kill-"));
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

function integrityCheck(db: string): string[] {
  return JSON.parse(execFileSync(process.execPath, [INTEGRITY, db], { encoding: "utf8" })) as string[];
}

interface Load {
  /** Resolves once `n` sends of this load were acknowledged. */
  acked(n: number): Promise<void>;
  /** Issues no more sends; those in flight go on (and fail when the server dies under them). */
  halt(): void;
  /** Waits for the sends in flight to settle. */
  settled(): Promise<void>;
}

/** HTTP sends through the SDK and SMPP submits, each with a unique number, until stopped. */
function startLoad(sb: SandboxProcess, cycle: number, acks: Map<string, string>, unknown: Set<string>): Load {
  let stopping = false;
  let count = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const ack = (key: string, via: string) => {
    acks.set(key, via);
    count++;
    for (const w of waiters.filter((x) => count >= x.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  let seq = 0;
  const phone = () => `7702${String(cycle).padStart(2, "0")}${String(10_000 + seq++).padStart(5, "0")}`;
  const http = new Smsc({
    login: "soak",
    password: "soak-pw",
    baseUrl: sb.url,
    timeout: 5_000,
    maxRetries: 0,
  });
  const httpWorker = async () => {
    while (!stopping) {
      const to = phone();
      const id = `k${cycle}-${to}`;
      try {
        const r = await http.send({ phones: to, message: `kill cycle ${cycle}`, id });
        ack(sendKey(r.id, to), "http");
      } catch (e) {
        if (e instanceof SendOutcomeUnknownError) unknown.add(sendKey(id, to));
        if (!stopping) throw e;
      }
    }
  };
  const smpp = new SmppClient({
    systemId: "soak",
    password: "soak-pw",
    host: "127.0.0.1",
    port: sb.smppPort!,
    reconnect: false,
    registeredDelivery: false,
    window: 8,
  });
  const smppWorker = async () => {
    while (!stopping) {
      const to = phone();
      try {
        const r = await smpp.submit({ to, text: `kill cycle ${cycle} over smpp` });
        ack(sendKey(r.messageId, to), "smpp");
      } catch (e) {
        if (!stopping) throw e;
      }
    }
  };
  const workers = [
    ...Array.from({ length: 3 }, httpWorker),
    ...Array.from({ length: 4 }, () => smpp.connect().then(smppWorker)),
  ].map((w) => w.catch((e: unknown) => e));
  return {
    acked: (n) =>
      new Promise<void>((resolve, reject) => {
        if (count >= n) return resolve();
        waiters.push({ n, resolve });
        // a worker that fails before the kill fails the test instead of leaving it waiting
        Promise.race(workers).then((e) => e instanceof Error && !stopping && reject(e));
      }),
    halt() {
      stopping = true;
    },
    async settled() {
      await Promise.all(workers);
      await smpp.close().catch(() => undefined);
    },
  };
}

describe(`kill -9 under HTTP and SMPP load, ${SCALE.killCycles} cycles`, () => {
  it("keeps every acknowledged send, and the database passes integrity_check", {
    timeout: timeLimit(120_000),
  }, async () => {
    const db = join(dir, "kill.db");
    const args = [
      "--port",
      "0",
      "--smpp-port",
      "0",
      "--db",
      db,
      "--no-rate-limits",
      "--account",
      "soak:soak-pw:100000000",
      "--delay-sent",
      "3600000",
    ];
    const acks = new Map<string, string>();
    const unknown = new Set<string>();
    const checks: string[][] = [];
    const missingAfter: number[] = [];
    const started = Date.now();
    const verify = async (sb: SandboxProcess) => {
      const counts = countByKey(await allMessages(sb.url));
      const missing = [...acks.keys()].filter((k) => counts.get(k) !== 1);
      const twice = [...counts].filter(([, n]) => n > 1);
      missingAfter.push(missing.length);
      expect(missing.slice(0, 5)).toEqual([]);
      expect(twice.slice(0, 5)).toEqual([]);
    };
    for (let cycle = 0; cycle < SCALE.killCycles; cycle++) {
      const sb = await startSandboxProcess(args);
      if (cycle > 0) await verify(sb);
      const load = startLoad(sb, cycle, acks, unknown);
      await load.acked(SCALE.acksPerCycle);
      // sends are in flight on every worker when the process dies
      load.halt();
      sb.child.kill("SIGKILL");
      expect(await sb.exited).toBeNull();
      await load.settled();
      const check = integrityCheck(db);
      checks.push(check);
      expect(check).toEqual(["ok"]);
    }
    const last = await startSandboxProcess(args);
    await verify(last);
    expect(await last.stop("SIGTERM")).toBe(0);
    expect(integrityCheck(db)).toEqual(["ok"]);
    const via = [...acks.values()];
    report("kill-restart", {
      cycles: SCALE.killCycles,
      acknowledged: acks.size,
      http: via.filter((v) => v === "http").length,
      smpp: via.filter((v) => v === "smpp").length,
      unknownAtKill: unknown.size,
      missingAfterRestart: missingAfter.reduce((a, b) => a + b, 0),
      integrityChecks: `${checks.filter((c) => c.length === 1 && c[0] === "ok").length + 1} ok`,
      elapsedMs: Date.now() - started,
      seed: SEED,
    });
    expect(via.filter((v) => v === "http").length).toBeGreaterThan(0);
    expect(via.filter((v) => v === "smpp").length).toBeGreaterThan(0);
  });
});
