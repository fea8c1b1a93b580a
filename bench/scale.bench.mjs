// The sandbox holding many messages, against an empty one. Each sandbox is the built bin in its own process, default
// settings plus an account with a large balance and a --db file in a temp dir.
//   1. empty sandbox: 20 q= searches, then send.php load at 32 connections (the http bench's load), RSS sampled;
//   2. a second sandbox is filled to BENCH_MESSAGES (default 1,000,000; 10,000 in quick mode) with send.php
//      requests of 100 recipients (`phones`) and a ~60-character text, 4 at a time; once every status has settled
//      (default delays) it is stopped (it checkpoints and closes its database), and the bytes on disk (the file and
//      any WAL left) per message are compared with a bare SQLite table holding the same numbers and texts;
//   3. the filled database in a restarted sandbox: the same searches, then the same load.
// RSS is VmRSS from /proc/<pid>/status every 200 ms, in MB (10⁶ bytes); the figure is the peak over the filled
// sandbox's two processes (filling, and restarted on the full database). Searches are GET /api/v1/messages?q=…
// (default limit 50), one at a time, each query different: 5 city names that are in texts, 5 that are in none,
// 5 order numbers that are in texts, 5 ten-digit strings that match nothing (a digit query also searches numbers).
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  count,
  httpLoad,
  info,
  median,
  percentile,
  report,
  rssMiB,
  seconds,
  spawnSandbox,
  tempDir,
} from "./lib.mjs";

const MESSAGES = count("BENCH_MESSAGES", 1_000_000, 10_000);
const SECONDS = seconds(10, 1.5);
const AUTH = "login=bench&psw=bench&fmt=3&charset=utf-8";
const CITIES = [
  "Almaty",
  "Astana",
  "Shymkent",
  "Karaganda",
  "Aktobe",
  "Taraz",
  "Pavlodar",
  "Semey",
  "Oskemen",
  "Atyrau",
  "Kostanay",
  "Kyzylorda",
  "Oral",
  "Petropavl",
  "Aktau",
  "Temirtau",
  "Turkistan",
  "Kokshetau",
  "Taldykorgan",
  "Ekibastuz",
];
const QUERIES = [
  ...["Almaty", "Semey", "Aktau", "Oral", "Taraz"],
  ...["Bishkek", "Tashkent", "Dushanbe", "Yerevan", "Tbilisi"],
  ...[0.1, 0.3, 0.5, 0.7, 0.9].map((f) => String(100_000 + Math.floor((f * MESSAGES) / 100))),
  ...[0, 1, 2, 3, 4].map((i) => `880055535${i}`),
];
const phone = (n) => `7701${String(n % 10_000_000).padStart(7, "0")}`;
/** The text of fill send k: about 60 characters, a city and an order number that search can find. */
const textOf = (k) =>
  `Order ${100_000 + k} for ${CITIES[k % CITIES.length]}: pickup code ${String((k * 7) % 10_000).padStart(4, "0")}, open until 18:00.`;
const mb = (pid) => (rssMiB(pid) * 2 ** 20) / 1e6;

let seq = 0;
const sendBody = () => {
  const n = seq++;
  // numbers from 5,000,000 up: none of the fill's
  return `${AUTH}&cost=3&phones=${phone(5_000_000 + n)}&mes=Your+code+is+${n}&id=l${n}`;
};
const sendOk = (b) => b.includes('"id"') && !b.includes('"error"');

async function post(url, body) {
  const res = await fetch(`${url}/sys/send.php`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  return res.json();
}

/** Sends fill sends [0, MESSAGES/100), 4 at a time; returns seconds taken. */
async function fill(url) {
  const sends = Math.ceil(MESSAGES / 100);
  const start = performance.now();
  let next = 0;
  let lastLog = start;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < sends) {
        const k = next++;
        const phones = Array.from({ length: 100 }, (_, j) => phone(k * 100 + j)).join(",");
        const r = await post(url, `${AUTH}&phones=${phones}&mes=${encodeURIComponent(textOf(k))}&id=f${k}`);
        if (r.cnt !== 100) throw new Error(`fill send ${k}: ${JSON.stringify(r)}`);
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          info(`filling: ${k * 100} messages after ${((lastLog - start) / 1000).toFixed(0)} s`);
        }
      }
    }),
  );
  return (performance.now() - start) / 1000;
}

/** Waits until no stored message still waits for a status change; returns seconds waited. */
async function settle(url) {
  const start = performance.now();
  while (performance.now() - start < 1_800_000) {
    const r = await (await fetch(`${url}/api/v1/messages?status=-1,0&limit=1`)).json();
    if (r.messages.length === 0) return (performance.now() - start) / 1000;
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  throw new Error("statuses did not settle within 30 minutes");
}

/** Each query once, in order; returns the milliseconds of each and how many found something. */
async function search(url) {
  for (const q of ["warmup", "Kazan", "5550100"])
    await fetch(`${url}/api/v1/messages?q=${q}`).then((r) => r.text());
  const ms = [];
  let found = 0;
  for (const q of QUERIES) {
    const start = performance.now();
    const r = await (await fetch(`${url}/api/v1/messages?q=${encodeURIComponent(q)}`)).json();
    ms.push(performance.now() - start);
    if (r.messages.length) found++;
  }
  return { ms, found };
}

const load = (url) => httpLoad({ url, path: "/sys/send.php", body: sendBody, ok: sendOk, duration: SECONDS });
const describe = (r) =>
  `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.failed ? `, ${r.failed} FAILED (first: ${r.firstBad})` : ""}`;

/** Bytes per row of a bare SQLite table (rowid, phone, text) holding what the fill stored. */
function bareTable(dir) {
  const Database = createRequire(import.meta.url)("better-sqlite3");
  const file = join(dir, "bare.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE m (id INTEGER PRIMARY KEY, phone TEXT NOT NULL, text TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO m (phone, text) VALUES (?, ?)");
  const send = db.transaction((k) => {
    const text = textOf(k);
    for (let j = 0; j < 100; j++) insert.run(phone(k * 100 + j), text);
  });
  for (let k = 0; k < MESSAGES / 100; k++) send(k);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return diskBytes(file) / MESSAGES;
}

function diskBytes(file) {
  let n = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      n += statSync(f).size;
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
    }
  }
  return n;
}

const dir = tempDir();
const ACCOUNT = ["--account", "bench:bench:100000000000"];
let current;
let peak = 0;
const sampler = setInterval(() => {
  try {
    if (current) peak = Math.max(peak, mb(current.pid));
  } catch {}
}, 200);
const n = MESSAGES.toLocaleString("en-US");
const list = (xs) => xs.map((x) => x.toFixed(1)).join(", ");
try {
  info(`text of a fill send: "${textOf(0)}" (${textOf(0).length} characters), 100 recipients`);

  // empty: its own sandbox and database, so none of its sends is counted in the storage figure
  current = await spawnSandbox({ db: join(dir, "empty.db"), args: ACCOUNT });
  const emptySearch = await search(current.url);
  const empty = await load(current.url);
  await settle(current.url);
  const emptyPeak = peak;
  info(
    `empty: send.php ${describe(empty)}; RSS ${mb(current.pid).toFixed(1)} MB at the end, peak ${emptyPeak.toFixed(1)}`,
  );
  await current.stop();

  // fill, settle, stop: the database then holds exactly the fill
  peak = 0;
  const dbPath = join(dir, "full.db");
  current = await spawnSandbox({ db: dbPath, args: ACCOUNT });
  const fillSeconds = await fill(current.url);
  info(
    `filled ${n} messages in ${fillSeconds.toFixed(1)} s (${Math.round(MESSAGES / fillSeconds)} messages/s)`,
  );
  const settled = await settle(current.url);
  const fillRss = mb(current.pid);
  const fillPeak = peak;
  info(
    `statuses settled ${settled.toFixed(1)} s after the fill; RSS ${fillRss.toFixed(1)} MB, peak ${fillPeak.toFixed(1)}`,
  );
  const live = diskBytes(dbPath);
  await current.stop();
  const onDisk = diskBytes(dbPath);
  info(
    `database ${(live / 1e6).toFixed(1)} MB with its WAL while running, ${(onDisk / 1e6).toFixed(1)} MB after the sandbox closed it`,
  );

  // the same database in a restarted sandbox: searches, then the empty sandbox's load
  current = await spawnSandbox({ db: dbPath, args: ACCOUNT });
  info(
    `restart on ${n} messages: ready ${Math.round(current.startMs)} ms after spawn, RSS ${mb(current.pid).toFixed(1)} MB`,
  );
  const fullSearch = await search(current.url);
  const full = await load(current.url);
  info(
    `full: send.php ${describe(full)}; RSS ${mb(current.pid).toFixed(1)} MB at the end, peak ${peak.toFixed(1)}`,
  );
  await current.stop();
  clearInterval(sampler);
  info(
    `searches empty (ms, ${emptySearch.found} of ${QUERIES.length} found something): ${list(emptySearch.ms)}`,
  );
  info(
    `searches full (ms, ${fullSearch.found} of ${QUERIES.length} found something): ${list(fullSearch.ms)}`,
  );
  info(`queries: ${QUERIES.join(", ")}`);

  report(`sandbox RSS with ${n} messages (peak)`, peak, "empty sandbox, same load (peak)", emptyPeak, "MB", {
    target: { on: "value", op: "<=", limit: 250 },
  });
  report(`send.php p99 latency at ${n}, 32 connections`, full.p99, "empty sandbox", empty.p99, "ms", {
    target: { on: "ratio", op: "<=", limit: 1.5 },
  });
  report(`q= search median at ${n}`, median(fullSearch.ms), "empty sandbox", median(emptySearch.ms), "ms", {
    target: { on: "value", op: "<=", limit: 50 },
  });
  report(
    `q= search p99 at ${n}`,
    percentile(fullSearch.ms, 99),
    "empty sandbox",
    percentile(emptySearch.ms, 99),
    "ms",
    { target: { on: "value", op: "<=", limit: 50 } },
  );
  report(
    `bytes on disk per stored message`,
    onDisk / MESSAGES,
    "bare SQLite table (phone, text)",
    bareTable(dir),
    "B",
    {
      target: { on: "value", op: "<=", limit: 500 },
    },
  );
} finally {
  clearInterval(sampler);
  await current?.stop();
}
