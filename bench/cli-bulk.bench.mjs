// `smsc send --csv` rows per second into the sandbox, beside an SDK-only loop over the same rows in the same run.
// A 100 000-row CSV (BENCH_CLI_ROWS) is generated in a temp dir; the sandbox is the built `smsc-sandbox` bin in its
// own process (rate limits off, a huge balance, status timers pushed an hour out). Each figure is bounded in time
// (BENCH_CLI_SECONDS, default 90; 30 at most for the one-row-per-send loop): a run still going then is stopped (the CLI by SIGINT, as Ctrl-C) and the rate is
// rows done / time taken.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Smsc } from "smsc";
import { report } from "./lib.mjs";

const ROWS = Number(process.env.BENCH_CLI_ROWS ?? 100_000);
const SECONDS = Number(process.env.BENCH_CLI_SECONDS ?? 90);
const BATCH = 100;
const CONCURRENCY = 4;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages/smsc/dist/cli/main.js");
const sandboxBin = join(root, "packages/sandbox/dist/bin.js");
const dir = mkdtempSync(join(tmpdir(), "smsc-bench-cli-"));

const phoneOf = (i) => `7701${String(1_000_000 + i).padStart(7, "0")}`;
const names = ["Aruzhan", "Daniyar", "Olga", "Timur", "Aigerim", "Sergey", "Madina", "Ivan"];
const csv = join(dir, "mailing.csv");
const lines = ["phone,name,code"];
for (let i = 0; i < ROWS; i++) lines.push(`${phoneOf(i)},${names[i % names.length]},${1000 + (i % 9000)}`);
writeFileSync(csv, `${lines.join("\n")}\n`);
const TEMPLATE = "Hello {name}, your code is {code}";
const textOf = (i) => `Hello ${names[i % names.length]}, your code is ${1000 + (i % 9000)}`;

/** Starts the built sandbox bin; resolves with its URL and a stop function. */
async function startSandboxBin() {
  const child = spawn(
    process.execPath,
    [
      sandboxBin,
      "--port",
      "0",
      "--no-rate-limits",
      "--account",
      "bench:bench:1000000000",
      "--delay-sent",
      "3600000",
      "--db",
      join(dir, `sandbox-${Date.now()}.db`),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (s) => {
      out += s;
      const m = /listening on (\S+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.on("exit", (code) => fail(new Error(`sandbox exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((ok) => {
        child.on("exit", ok);
        child.kill("SIGTERM");
      }),
  };
}

/** The CLI over the whole CSV; returns { rows, seconds }. */
async function runCli(url) {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [
      cli,
      "send",
      "--csv",
      csv,
      "--template",
      TEMPLATE,
      "--journal",
      join(dir, `run-${Date.now()}.journal`),
      "--batch-size",
      String(BATCH),
      "--concurrency",
      String(CONCURRENCY),
      "--base-url",
      url,
      "--login",
      "bench",
      "--password",
      "bench",
      "--json",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (s) => (out += s));
  const timer = setTimeout(() => child.kill("SIGINT"), SECONDS * 1000);
  const code = await new Promise((ok) => child.on("exit", ok));
  clearTimeout(timer);
  const seconds = (performance.now() - start) / 1000;
  const r = JSON.parse(out);
  if (code !== 0 && code !== 130) throw new Error(`smsc exited with ${code}: ${out}`);
  return { rows: r.sent, seconds, complete: r.complete };
}

/** The SDK alone over the same rows: `batch` rows per list request, `concurrency` workers. */
async function runSdk(url, batch, concurrency, seconds) {
  const smsc = new Smsc({ login: "bench", password: "bench", baseUrl: url, maxRetries: 0 });
  const start = performance.now();
  const end = start + seconds * 1000;
  let next = 0;
  let rows = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ROWS && performance.now() < end) {
        const from = next;
        const to = Math.min(ROWS, next + batch);
        next = to;
        const list = [];
        for (let i = from; i < to; i++) list.push({ phones: phoneOf(i), message: textOf(i) });
        const r =
          batch === 1
            ? await smsc.send({ phones: list[0].phones, message: list[0].message })
            : await smsc.send({ list, err: true });
        if (!r.id) throw new Error("no id");
        rows += to - from;
      }
    }),
  );
  return { rows, seconds: (performance.now() - start) / 1000, complete: rows === ROWS };
}

const rate = (r) => r.rows / r.seconds;
const describe = (r) => `${r.rows} rows in ${r.seconds.toFixed(1)} s${r.complete ? "" : " (time limit)"}`;
try {
  // each figure on a fresh sandbox, so none writes into a database another has grown; the SDK list loop runs
  // before and after the CLI and the two are averaged, so neither side always gets the quieter moment
  const fresh = async (fn) => {
    const sb = await startSandboxBin();
    try {
      return await fn(sb.url);
    } finally {
      await sb.stop();
    }
  };
  const sdkBefore = await fresh((url) => runSdk(url, BATCH, CONCURRENCY, SECONDS));
  const cliRun = await fresh(runCli);
  const sdkAfter = await fresh((url) => runSdk(url, BATCH, CONCURRENCY, SECONDS));
  const single = await fresh((url) => runSdk(url, 1, CONCURRENCY, Math.min(SECONDS, 30)));
  console.log(`${ROWS} rows; CLI: ${describe(cliRun)}`);
  console.log(
    `SDK list: ${describe(sdkBefore)} before, ${describe(sdkAfter)} after; SDK one per send: ${describe(single)}`,
  );
  const sdkList = (rate(sdkBefore) + rate(sdkAfter)) / 2;
  report(
    `smsc send --csv (batch ${BATCH}, conc. ${CONCURRENCY})`,
    rate(cliRun),
    "SDK list loop",
    sdkList,
    "rows/s",
  );
  report(
    `smsc send --csv (batch ${BATCH}, conc. ${CONCURRENCY})`,
    rate(cliRun),
    "SDK send per row",
    rate(single),
    "rows/s",
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
