// The sandbox's HTTP API under load: send.php, status.php and balance.php at 32 connections, each beside a bare
// node:http server returning a fixed reply of the same shape (bench/servers/fixed-http.mjs), same load generator
// (autocannon in this process), same requests. Both servers run in their own process; the sandbox is the built bin
// with default settings, fresh for each endpoint, plus an account with a large balance. Every send is a real,
// distinct send (own phone, text and id). status.php asks for a different stored message each time (the service's
// rule allows five status requests per message a minute); balance.php runs with --no-rate-limits, the only way to
// ask for a balance more than ten times a minute without error 9. The two servers are measured in BENCH_ROUNDS
// pairs of short runs, the order flipped every pair, so a change in the shared machine's load hits both alike; the
// medians are compared (the same method as sdk-send.bench.mjs).
import {
  count,
  httpLoad,
  info,
  median,
  medianCpu,
  report,
  seconds,
  serverCostFor,
  spawnFixedHttp,
  spawnSandbox,
} from "./lib.mjs";

/** Seconds of one run of one server. */
const SECONDS = seconds(3, 1);
const ROUNDS = count("BENCH_ROUNDS", 5, 2);
const CONNECTIONS = 32;
// the service allows five status requests per message a minute: enough messages that the ~20 s of status.php load
// asks about each one three times at most, even at 30,000 requests a second
const STATUS_MESSAGES = count("BENCH_STATUS_MESSAGES", 200_000, 40_000);
const AUTH = "login=bench&psw=bench&fmt=3&charset=utf-8";
const ACCOUNT = ["--account", "bench:bench:10000000000"];
const phone = (n) => `7701${String(n % 10_000_000).padStart(7, "0")}`;
const noError = (b) => !b.includes('"error"');

let seq = 0;
// the SDK's send request: cost=3, a client id; phone, text and id differ every time
const sendBody = () => {
  const n = seq++;
  return `${AUTH}&cost=3&phones=${phone(n)}&mes=Your+code+is+${n}&id=b${n}`;
};
const sendOk = (b) => b.includes('"id"') && noError(b);

// status.php walks the stored messages (send `s<k>` to the 100 phones from k*100) in a scattered order
let statusSeq = 0;
const statusBody = () => {
  const m = (statusSeq++ * 7919) % STATUS_MESSAGES;
  return `${AUTH}&phone=${phone(m)}&id=s${Math.floor(m / 100)}`;
};
const statusOk = (b) => b.includes('"status"') && noError(b);
const balanceBody = () => AUTH;
const balanceOk = (b) => b.includes('"balance"') && noError(b);

/** Stores `n` messages: sends of 100 recipients each, 4 at a time; returns seconds taken. */
async function prefill(url, n) {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next * 100 < n) {
        const k = next++;
        const phones = Array.from({ length: 100 }, (_, j) => phone(k * 100 + j)).join(",");
        const res = await fetch(`${url}/sys/send.php`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
          body: `${AUTH}&phones=${phones}&mes=Status+bench+${k}&id=s${k}`,
        });
        const r = await res.json();
        if (r.cnt !== 100) throw new Error(`prefill: ${JSON.stringify(r)}`);
      }
    }),
  );
  return (performance.now() - start) / 1000;
}

/** Waits until no stored message is still waiting for a status change (default delays: about 2 s). */
async function settle(url) {
  const until = performance.now() + 600_000;
  while (performance.now() < until) {
    const r = await (await fetch(`${url}/api/v1/messages?status=-1,0&limit=1`)).json();
    if (r.messages.length === 0) return;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error("statuses did not settle within 10 minutes");
}

/**
 * Prints the CPU each side spent per reply and, for a figure with a target, what the target takes on this machine:
 * the sandbox and the bare server each run on one thread, and the load generator (this process) on another, so
 * the sandbox goes no faster than one core allows, nor than the cores divided by its and the generator's sum.
 */
function explainBound(e, ours, base) {
  const sb = medianCpu(ours);
  const bare = medianCpu(base);
  if (!Number.isFinite(sb.serverUs) || !Number.isFinite(bare.serverUs)) return;
  const us = (x) => `${x.toFixed(1)} µs`;
  info(
    `${e.name}, CPU per reply: sandbox ${us(sb.serverUs)} (load generator ${us(sb.clientUs)}); ` +
      `bare node:http ${us(bare.serverUs)} (load generator ${us(bare.clientUs)})`,
  );
  if (!e.target) return;
  const allowed = serverCostFor(e.target * median(base.map((x) => x.rps)), sb.clientUs);
  info(`${e.name}: ${e.target}× on this machine needs the sandbox at ≤${us(allowed)} of CPU per reply`);
}

const fixed = await spawnFixedHttp();
try {
  const endpoints = [
    { name: "send.php", path: "/sys/send.php", body: sendBody, ok: sendOk, target: 0.5, args: [] },
    { name: "status.php", path: "/sys/status.php", body: statusBody, ok: statusOk, target: 0.7, args: [] },
    // the same messages after a restart: nothing is remembered, so every read is the database's
    {
      name: "status.php after a restart",
      path: "/sys/status.php",
      body: statusBody,
      ok: statusOk,
      args: [],
      restart: true,
    },
    {
      name: "balance.php",
      path: "/sys/balance.php",
      body: balanceBody,
      ok: balanceOk,
      target: 0.7,
      args: ["--no-rate-limits"],
    },
  ];
  for (const e of endpoints) {
    const load = (url, serverPid) =>
      httpLoad({
        url,
        path: e.path,
        body: e.body,
        ok: e.ok,
        connections: CONNECTIONS,
        duration: SECONDS,
        serverPid,
      });
    let sandbox = await spawnSandbox({ args: [...ACCOUNT, ...e.args] });
    const ours = [];
    const base = [];
    try {
      if (e.path === "/sys/status.php") {
        const s = await prefill(sandbox.url, STATUS_MESSAGES);
        await settle(sandbox.url);
        info(`${e.name}: ${STATUS_MESSAGES} messages stored first (${s.toFixed(1)} s), statuses settled`);
      }
      if (e.restart) {
        await sandbox.stop();
        sandbox = await spawnSandbox({ args: [...ACCOUNT, ...e.args], db: sandbox.dbPath });
      }
      for (let r = 0; r < ROUNDS; r++) {
        // each run warms its connections up first (a fresh autocannon run is slower for its first moments)
        const order = r % 2 ? [sandbox.url, fixed.url] : [fixed.url, sandbox.url];
        for (const url of order)
          if (url === sandbox.url) ours.push(await load(url, sandbox.pid));
          else base.push(await load(url, fixed.pid));
      }
    } finally {
      await sandbox.stop();
    }
    const rps = (xs) => xs.map((x) => Math.round(x.rps)).join(", ");
    const worst = (xs) => Math.max(...xs.map((x) => x.p99));
    const failed = ours.reduce((n, x) => n + x.failed, 0);
    info(
      `${e.name} sandbox, run by run: ${rps(ours)} req/s, p50 ${median(ours.map((x) => x.p50))} ms, ` +
        `worst p99 ${worst(ours)} ms${failed ? `, ${failed} FAILED (first: ${ours.find((x) => x.failed)?.firstBad})` : ""}`,
    );
    info(`${e.name} node:http fixed reply, run by run: ${rps(base)} req/s, worst p99 ${worst(base)} ms`);
    info(
      `${e.name}: median of the ${ROUNDS} pair ratios ${median(ours.map((x, i) => x.rps / base[i].rps)).toFixed(2)}`,
    );
    explainBound(e, ours, base);
    report(
      `${e.name}, ${CONNECTIONS} connections${failed ? " (FAILED replies)" : ""}`,
      median(ours.map((x) => x.rps)),
      "node:http fixed reply",
      median(base.map((x) => x.rps)),
      "req/s",
      e.target ? { target: { on: "ratio", op: ">=", limit: e.target } } : {},
    );
  }
} finally {
  await fixed.stop();
}
