// submit_sm per second on one SMPP connection, `window` submits kept in flight (that many workers, each awaiting
// its answer), from two clients in this process to two servers in their own processes:
//   servers: the sandbox (the built bin, default settings plus --smpp-port 0 and an account; it stores each
//            submit: validation, pricing, balance debit, a message row, status changes at the default delays),
//            fresh for each figure; and the npm `smpp` package's own server that only answers (no-op,
//            bench/servers/noop-smpp.mjs).
//   clients: the npm `smpp` package's client, and ours (`smsc/smpp` SmppClient).
// The headline figure is the npm client → sandbox beside the npm client → no-op npm server at window 100: what
// storing costs over a server that does nothing, same client. Our client is measured against both servers too.
// Each submit goes to a distinct number with a distinct 28-character GSM-7 text, no receipts requested.
import { createRequire } from "node:module";
import { SmppClient } from "smsc/smpp";
import {
  count,
  cpuMeter,
  info,
  median,
  medianCpu,
  report,
  seconds,
  serverCostFor,
  spawnNoopSmpp,
  spawnSandbox,
} from "./lib.mjs";

const SECONDS = seconds(5, 1);
const ROUNDS = count("BENCH_ROUNDS", 2, 1);
const WINDOWS = [1, 10, 100];
const smpp = createRequire(import.meta.url)("smpp");

let seq = 0;
const next = () => {
  const n = seq++;
  // a 28-character text, as in the notes' measurement of the npm package (smpp-smtp-notes §1.13)
  return {
    to: `7701${String(n % 10_000_000).padStart(7, "0")}`,
    text: `Your verification code: ${String(n % 10_000).padStart(4, "0")}`,
  };
};

/**
 * Runs `fn` from `workers` loops for SECONDS (after a 300 ms warm-up). Returns completed calls per second (`rate`)
 * and the CPU µs per call of the client (this process) and the server at `serverPid` (see cpuMeter).
 */
async function throughput(fn, workers, serverPid) {
  const run = async (until, counted) => {
    let n = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (performance.now() < until) {
          await fn();
          n++;
        }
      }),
    );
    return counted ? n : 0;
  };
  await run(performance.now() + 300, false);
  const cpu = cpuMeter(serverPid);
  const start = performance.now();
  const n = await run(start + SECONDS * 1000, true);
  const elapsed = performance.now() - start;
  return { rate: (n * 1000) / elapsed, ...cpu.perCall(n) };
}

const clients = {
  async ours(port, window, pid) {
    const client = new SmppClient({
      host: "127.0.0.1",
      port,
      systemId: "bench",
      password: "bench",
      window,
      registeredDelivery: false,
    });
    await client.connect();
    try {
      return await throughput(() => client.submit(next()), window, pid);
    } finally {
      await client.close();
    }
  },
  async npm(port, window, pid) {
    const session = smpp.connect({ host: "127.0.0.1", port });
    session.on("error", () => {});
    try {
      await new Promise((resolve, reject) =>
        session.bind_transceiver({ system_id: "bench", password: "bench", interface_version: 0x34 }, (pdu) =>
          pdu.command_status === 0 ? resolve() : reject(new Error(`bind ${pdu.command_status}`)),
        ),
      );
      return await throughput(
        () => {
          const m = next();
          return new Promise((resolve, reject) =>
            session.submit_sm({ destination_addr: m.to, short_message: m.text }, (pdu) =>
              pdu.command_status === 0 ? resolve() : reject(new Error(`submit_sm ${pdu.command_status}`)),
            ),
          );
        },
        window,
        pid,
      );
    } finally {
      session.destroy();
    }
  },
};

/** One figure against a fresh sandbox, stopped after. */
async function viaSandbox(client, window) {
  const sandbox = await spawnSandbox({ smpp: true, args: ["--account", "bench:bench:10000000000"] });
  try {
    return await clients[client](sandbox.smppPort, window, sandbox.pid);
  } finally {
    await sandbox.stop();
  }
}

/**
 * Prints the CPU each side spent per submit (npm client, window 100) and what reaching the no-op figure would take
 * on this machine: each process runs on one thread, so a pair goes no faster than its busier side on one core, nor
 * than the machine's cores divided by the two sides' sum.
 */
function explainBound(baselineRate, sandboxRuns, noopRuns) {
  const sb = medianCpu(sandboxRuns);
  const no = medianCpu(noopRuns);
  if (!Number.isFinite(sb.serverUs) || !Number.isFinite(no.serverUs)) return;
  const allowed = serverCostFor(baselineRate, sb.clientUs);
  const us = (x) => `${x.toFixed(1)} µs`;
  info(
    `window 100, npm client, CPU per submit: sandbox ${us(sb.serverUs)} (its client ${us(sb.clientUs)}); ` +
      `no-op npm server ${us(no.serverUs)} (its client ${us(no.clientUs)})`,
  );
  info(
    `1.0× on this machine needs the sandbox at ≤${us(allowed)} of CPU per submit: ` +
      `${us(allowed - no.serverUs)} above what the no-op npm server spends doing nothing`,
  );
}

const noop = await spawnNoopSmpp();
try {
  for (const window of WINDOWS) {
    const r = { npmSandbox: [], npmNoop: [], oursSandbox: [], oursNoop: [] };
    for (let i = 0; i < ROUNDS; i++) {
      r.npmNoop.push(await clients.npm(noop.port, window, noop.pid));
      r.npmSandbox.push(await viaSandbox("npm", window));
      r.oursNoop.push(await clients.ours(noop.port, window, noop.pid));
      r.oursSandbox.push(await viaSandbox("ours", window));
    }
    const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v.map((x) => x.rate))]));
    const target = window === 100 ? { target: { on: "ratio", op: ">=", limit: 1 } } : {};
    report(
      `npm smpp client → sandbox, window ${window}`,
      m.npmSandbox,
      "npm client → no-op npm server",
      m.npmNoop,
      "submit/s",
      target,
    );
    if (window === 100) explainBound(m.npmNoop, r.npmSandbox, r.npmNoop);
    report(
      `SmppClient → sandbox, window ${window}`,
      m.oursSandbox,
      "SmppClient → no-op npm server",
      m.oursNoop,
      "submit/s",
    );
    report(
      `SmppClient → no-op npm server, window ${window}`,
      m.oursNoop,
      "npm client → no-op npm server",
      m.npmNoop,
      "submit/s",
    );
  }
  info("no-op npm server: the npm smpp package's createServer answering submit_sm_resp, storing nothing");
} finally {
  await noop.stop();
}
