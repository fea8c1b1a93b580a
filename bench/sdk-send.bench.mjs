// The SDK's own cost: `send()` per second against a bare node:http server that answers like send.php fmt=3
// (bench/servers/fixed-http.mjs, its own process), beside a raw `fetch` of the same request (the same body bytes:
// login, psw, fmt, charset, cost=3, phones, mes, id) against the same server, in the same run, at concurrency 1
// and 32. The server does no work, so what differs is the client: option resolution, the id, the form encoding,
// decoding the reply, the failover bookkeeping, and the request init the SDK passes to fetch (a timeout signal, and
// `redirect: "error"` with no window, which spares Node's fetch a copy of the body). A second baseline is a fetch
// with that same init, so the SDK's own code shows apart from how it calls fetch. The three run in BENCH_ROUNDS
// rounds of short runs (1 s each), the order rotated every round; the medians are compared.
import { Smsc } from "smsc";
import { encodeForm } from "smsc/protocol";
import { count, info, median, QUICK, report, seconds, spawnFixedHttp } from "./lib.mjs";

const SECONDS = seconds(1, 0.5);
const ROUNDS = count("BENCH_ROUNDS", 20, 2);
const WARMUP = QUICK ? 0.5 : 1;
const server = await spawnFixedHttp();
const smsc = new Smsc({ login: "bench", password: "bench", baseUrl: server.url, maxRetries: 0 });

let seq = 0;
const nextPhone = () => `+7701${String(1_000_000 + (seq++ % 8_999_999)).padStart(7, "0")}`;

async function sdkSend() {
  const r = await smsc.send({ phones: nextPhone(), message: `Your code: ${seq}` });
  if (!r.id) throw new Error("no id");
}

/**
 * A plain `fetch` of the send, as anyone would write it; with `asSdk`, with the init the SDK passes too (a timeout
 * signal, no redirects, no window), so the difference is the SDK's own code.
 */
async function rawFetch(asSdk) {
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
    ...(asSdk ? { signal: AbortSignal.timeout(30_000), redirect: "error", window: null } : {}),
  });
  const j = JSON.parse(await res.text());
  if (!j.id) throw new Error(`raw send failed: ${JSON.stringify(j)}`);
}

const rawSend = () => rawFetch(false);
const rawAsSdk = () => rawFetch(true);

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
    // all three warmed up first (a cold fetch is slower for a second or so), then short runs in rounds, the order
    // rotated every round, so a change in the shared machine's load hits every side alike
    const sides = [
      { fn: rawSend, runs: [] },
      { fn: sdkSend, runs: [] },
      { fn: rawAsSdk, runs: [] },
    ];
    for (const s of sides) await throughput(s.fn, c, WARMUP);
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < sides.length; k++) {
        const s = sides[(r + k) % sides.length];
        s.runs.push(await throughput(s.fn, c));
      }
    }
    const [raw, sdk, asSdk] = sides.map((s) => s.runs);
    const list = (xs) => xs.map(Math.round).join(", ");
    info(
      `concurrency ${c}: raw fetch ${list(raw)}; SDK ${list(sdk)}; fetch with the SDK's init ${list(asSdk)}`,
    );
    info(
      `concurrency ${c}: median of the ${ROUNDS} round ratios SDK ÷ raw fetch ${median(sdk.map((x, i) => x / raw[i])).toFixed(2)}`,
    );
    report(`SDK send(), concurrency ${c}`, median(sdk), "raw fetch, same server", median(raw), "sends/s", {
      target: { on: "ratio", op: ">=", limit: 0.95 },
    });
    report(
      `SDK send(), concurrency ${c}, its own code`,
      median(sdk),
      "fetch with the SDK's init (timeout signal, redirect: error)",
      median(asSdk),
      "sends/s",
    );
  }
} finally {
  await server.stop();
}
