// Load: 200 keep-alive connections to the bin (in its own process, rate limits on) for a fixed time, each sending
// unique sends, identical sends, cost, status and balance requests. Every reply must be a normal one or the
// documented error 9 (identical send, over ten balance requests a minute…); no other error, no HTTP error, no reset.
import { Agent, request } from "node:http";
import type { Socket } from "node:net";
import { decodeError } from "smsc/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { killAll, startSandboxProcess } from "./sandbox-process.js";
import { report, SCALE, SEED, seededRandom, timeLimit } from "./scale.js";

afterAll(() => killAll());

type Kind = "ok" | "error9" | "otherError" | "httpError" | "networkError";

function get(
  agent: Agent,
  base: URL,
  path: string,
  sockets: Set<Socket>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, agent, timeout: 30_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("socket", (s: Socket) => sockets.add(s));
    req.on("timeout", () => req.destroy(new Error("no reply within 30 s")));
    req.on("error", reject);
    req.end();
  });
}

describe(`load: ${SCALE.loadConnections} connections for ${SCALE.loadSeconds} s`, () => {
  it("answers only normal replies and the documented error 9", {
    timeout: timeLimit(60_000) + SCALE.loadSeconds * 1000,
  }, async () => {
    const sb = await startSandboxProcess(["--port", "0", "--account", "load:load-pw:100000000"]);
    const base = new URL(sb.url);
    const agent = new Agent({ keepAlive: true, maxSockets: SCALE.loadConnections });
    const sockets = new Set<Socket>();
    const random = seededRandom(SEED);
    const counts: Record<Kind, number> = { ok: 0, error9: 0, otherError: 0, httpError: 0, networkError: 0 };
    const byOp: Record<string, Record<string, number>> = {};
    const problems: string[] = [];
    const auth = "login=load&psw=load-pw&fmt=1";
    let unique = 0;
    const ops: Array<[string, () => string]> = [
      [
        "send",
        () =>
          `/sys/send.php?${auth}&phones=7703${String(1_000_000 + unique++).padStart(7, "0")}&mes=load+${unique}`,
      ],
      ["identical send", () => `/sys/send.php?${auth}&phones=77030000000&mes=the+same+text`],
      [
        "cost",
        () => `/sys/send.php?${auth}&cost=1&phones=77030000001&mes=price+${Math.floor(random() * 20)}`,
      ],
      ["status", () => `/sys/status.php?${auth}&phone=77030000000&id=${1 + Math.floor(random() * 5)}`],
      ["balance", () => `/sys/balance.php?${auth}`],
    ];
    const deadline = Date.now() + SCALE.loadSeconds * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        const [op, path] = ops[Math.floor(random() * ops.length)]!;
        const tally = byOp[op] ?? {};
        byOp[op] = tally;
        let kind: Kind;
        try {
          const r = await get(agent, base, path(), sockets);
          const error = decodeError(r.body, 1);
          kind = r.status !== 200 ? "httpError" : !error ? "ok" : error.code === 9 ? "error9" : "otherError";
          if (kind === "httpError" || kind === "otherError")
            problems.push(`${op}: HTTP ${r.status} ${r.body.slice(0, 80)}`);
        } catch (e) {
          kind = "networkError";
          problems.push(`${op}: ${(e as Error).message}`);
        }
        counts[kind]++;
        tally[kind] = (tally[kind] ?? 0) + 1;
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: SCALE.loadConnections }, worker));
    const elapsedMs = Date.now() - started;
    agent.destroy();
    const health = await fetch(`${sb.url}/api/v1/accounts`);
    expect(health.status).toBe(200);
    expect(await sb.stop("SIGTERM")).toBe(0);
    const requests = Object.values(counts).reduce((a, b) => a + b, 0);
    report("load", {
      connections: sockets.size,
      seconds: SCALE.loadSeconds,
      requests,
      perSecond: Math.round((requests / elapsedMs) * 1000),
      ...counts,
      byOp,
    });
    expect(problems.slice(0, 10)).toEqual([]);
    expect(sockets.size).toBeGreaterThanOrEqual(SCALE.loadConnections);
    // the run met the limits it is about: identical sends and balance requests got error 9
    expect(byOp["identical send"]?.error9 ?? 0).toBeGreaterThan(0);
    expect(counts.ok).toBeGreaterThan(0);
  });
});
