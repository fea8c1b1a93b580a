// The SDK's own cost: `send()` per second against a bare node:http server that answers like send.php fmt=3
// (bench/servers/fixed-http.mjs, its own process), beside a raw `fetch` of the same request (the same body bytes:
// login, psw, fmt, charset, cost=3, phones, mes, id) against the same server, in the same run, at concurrency 1
// and 32. The server does no work, so what differs is the client: option resolution, the id, the form encoding,
// decoding the reply, the failover bookkeeping. The two alternate (raw first and last, BENCH_ROUNDS rounds);
// the medians are compared.
import { Smsc } from "smsc";
import { encodeForm } from "smsc/protocol";
import { count, info, median, QUICK, report, seconds, spawnFixedHttp } from "./lib.mjs";

const SECONDS = seconds(3, 1);
const ROUNDS = count("BENCH_ROUNDS", 3, 1);
const WARMUP = QUICK ? 0.5 : 1;
const server = await spawnFixedHttp();
const smsc = new Smsc({ login: "bench", password: "bench", baseUrl: server.url, maxRetries: 0 });

let seq = 0;
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
  const res = await fetch(`${server.url}/sys/send.php`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const j = JSON.parse(await res.text());
  if (!j.id) throw new Error(`raw send failed: ${JSON.stringify(j)}`);
}

/** Runs `fn` from `concurrency` workers for `seconds` (after a 300 ms warm-up); returns completed calls per second. */
async function throughput(fn, concurrency, seconds = SECONDS) {
  const loop = async (until, counted) => {
    let n = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          await fn();
          n++;
        }
      }),
    );
    return counted ? n : 0;
  };
  await loop(performance.now() + 300, false);
  const start = performance.now();
  const n = await loop(start + seconds * 1000, true);
  return (n * 1000) / (performance.now() - start);
}

try {
  for (const c of [1, 32]) {
    // both paths warmed up first (a cold fetch is slower for a second or so), then alternated, raw first and last,
    // so neither side always gets the quieter moment of a shared machine
    await throughput(rawSend, c, WARMUP);
    await throughput(sdkSend, c, WARMUP);
    const raw = [await throughput(rawSend, c)];
    const sdk = [];
    for (let r = 0; r < ROUNDS; r++) {
      sdk.push(await throughput(sdkSend, c));
      raw.push(await throughput(rawSend, c));
    }
    const list = (xs) => xs.map(Math.round).join(", ");
    info(
      `concurrency ${c}: raw fetch ${list(raw)}; SDK ${list(sdk)} (sends/s, in the order run; medians below)`,
    );
    report(`SDK send(), concurrency ${c}`, median(sdk), "raw fetch, same server", median(raw), "sends/s", {
      target: { on: "ratio", op: ">=", limit: 0.95 },
    });
  }
} finally {
  await server.stop();
}
