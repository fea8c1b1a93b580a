// SDK sends per second against the sandbox at concurrency 1 and 32, beside a raw fetch of the same request
// (same body bytes, same decoding work skipped) in the same run. Loopback only; bounded by time.
import { Smsc } from "smsc";
import { encodeForm } from "smsc/protocol";
import { startSandbox } from "smsc-sandbox";
import { report } from "./lib.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const sandbox = await startSandbox({
  port: 0,
  rateLimits: false,
  accounts: [{ login: "bench", password: "bench", balance: 1e12 }],
});
const smsc = new Smsc({ login: "bench", password: "bench", baseUrl: sandbox.url, maxRetries: 0 });

let seq = 0;
// every request differs (phone and text), so the service's duplicate rule (error 9) never applies
const nextPhone = () => `+7701${String(1_000_000 + (seq++ % 8_999_999)).padStart(7, "0")}`;

async function sdkSend() {
  const r = await smsc.send({ phones: nextPhone(), message: `Your code: ${seq}` });
  if (!r.id) throw new Error("no id");
}

async function rawSend() {
  const n = seq;
  const body = encodeForm(
    [
      ["login", "bench"],
      ["psw", "bench"],
      ["fmt", "3"],
      ["charset", "utf-8"],
      ["cost", "3"],
      ["phones", nextPhone()],
      ["mes", `Your code: ${n}`],
      ["id", `raw-${n}`],
    ],
    "utf-8",
  );
  const res = await fetch(`${sandbox.url}/sys/send.php`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const j = JSON.parse(await res.text());
  if (!j.id) throw new Error(`raw send failed: ${JSON.stringify(j)}`);
}

/** Runs `fn` from `concurrency` workers for SECONDS and returns completed calls per second. */
async function throughput(fn, concurrency) {
  const warmEnd = performance.now() + 300;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < warmEnd) await fn();
    }),
  );
  let done = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await fn();
        done++;
      }
    }),
  );
  return (done * 1000) / (performance.now() - start);
}

try {
  for (const c of [1, 32]) {
    // alternate the two so neither always runs on a warmer process
    const raw1 = await throughput(rawSend, c);
    const sdk = await throughput(sdkSend, c);
    const raw2 = await throughput(rawSend, c);
    report(`SDK send(), concurrency ${c}`, sdk, "raw fetch", (raw1 + raw2) / 2, "sends/s");
  }
} finally {
  await sandbox.close();
}
