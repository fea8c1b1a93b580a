// submit_sm per second through the sandbox (SmppClient → the sandbox's SMPP server → core → SQLite) at windows 1,
// 10 and 100, beside the npm `smpp` package's own client and server (which only answers submit_sm_resp) in the
// same run, same process, loopback. A third figure isolates the SMPP stack: SmppClient → the same SMPP server over
// a core that stores nothing, the like-for-like match of the npm pair. Bounded by time per figure. Imports the
// built packages (`npm run build`).
import { createRequire } from "node:module";
import { SmppClient } from "smsc/smpp";
import { createSmppServer, startSandbox } from "smsc-sandbox";
import { report } from "./lib.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WINDOWS = [1, 10, 100];
// a 28-character GSM-7 text, as in the notes' measurement of the npm package (smpp-smtp-notes §1.13)
const TEXT = "Your verification code: 4821";
const smpp = createRequire(import.meta.url)("smpp");

/** Runs `fn` from `workers` loops for SECONDS (after a 300 ms warm-up) and returns completed calls per second. */
async function throughput(fn, workers) {
  const run = async (until, count) => {
    let n = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (performance.now() < until) {
          await fn();
          n++;
        }
      }),
    );
    return count ? n : 0;
  };
  await run(performance.now() + 300, false);
  const start = performance.now();
  const n = await run(start + SECONDS * 1000, true);
  return (n * 1000) / (performance.now() - start);
}

async function measureClient(port, window) {
  const client = new SmppClient({
    host: "127.0.0.1",
    port,
    systemId: "bench",
    password: "bench",
    window,
    registeredDelivery: false,
  });
  await client.connect();
  let i = 0;
  const rate = await throughput(async () => {
    await client.submit({ to: `7701${String(1_000_000 + (i++ % 8_999_999))}`, text: TEXT });
  }, window);
  await client.close();
  return rate;
}

async function ours(window) {
  // statuses wait an hour so no status timer competes with the submits being measured
  const sandbox = await startSandbox({
    smppPort: 0,
    rateLimits: false,
    delays: { sentMs: 3_600_000 },
    accounts: [{ login: "bench", password: "bench", balance: 1e12 }],
  });
  const rate = await measureClient(sandbox.smppPort, window);
  await sandbox.close();
  return rate;
}

async function stackOnly(window) {
  let id = 0;
  const core = {
    authenticate: () => ({ id: 1, login: "bench" }),
    submit: () => ({ reply: { id: ++id }, messages: [] }),
    events: { on: () => () => {} },
  };
  const server = createSmppServer({ core });
  const { port } = await server.listen();
  const rate = await measureClient(port, window);
  await server.close();
  return rate;
}

async function baseline(window) {
  let id = 0;
  const server = smpp.createServer((session) => {
    session.on("error", () => {});
    session.on("bind_transceiver", (pdu) => session.send(pdu.response({ system_id: "BASE" })));
    session.on("submit_sm", (pdu) => session.send(pdu.response({ message_id: String(++id) })));
    session.on("enquire_link", (pdu) => session.send(pdu.response()));
    session.on("unbind", (pdu) => session.send(pdu.response()));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const session = smpp.connect({ host: "127.0.0.1", port: server.address().port });
  session.on("error", () => {});
  await new Promise((resolve, reject) =>
    session.bind_transceiver({ system_id: "bench", password: "bench", interface_version: 0x34 }, (pdu) =>
      pdu.command_status === 0 ? resolve() : reject(new Error(`bind ${pdu.command_status}`)),
    ),
  );
  let i = 0;
  const rate = await throughput(
    () =>
      new Promise((resolve, reject) =>
        session.submit_sm(
          { destination_addr: `7701${String(1_000_000 + (i++ % 8_999_999))}`, short_message: TEXT },
          (pdu) => (pdu.command_status === 0 ? resolve() : reject(new Error(`submit ${pdu.command_status}`))),
        ),
      ),
    window,
  );
  session.destroy();
  for (const s of server.sessions ?? []) s.destroy();
  await new Promise((r) => server.close(r));
  return rate;
}

for (const window of WINDOWS) {
  const a = await ours(window);
  const b = await stackOnly(window);
  const c = await baseline(window);
  const base = `npm smpp client+server, window ${window}`;
  report(`SmppClient → sandbox, window ${window}`, a, base, c, "submit/s");
  report(`SmppClient → SMPP server, no-op core, window ${window}`, b, base, c, "submit/s");
}
