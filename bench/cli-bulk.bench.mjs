// `smsc send --csv` rows per second into the sandbox, beside an SDK-only loop over the same rows in the same run.
// A 100 000-row CSV (BENCH_CLI_ROWS; 3,000 in quick mode) is generated in a temp dir. The CLI is the built bin in
// its own process; the sandbox is the built `smsc-sandbox` bin in its own process with default settings (default
// status delays and rate limits) plus a large balance, fresh for each figure; the SDK loops run in this process.
// Each figure is bounded in time (BENCH_CLI_SECONDS, default 90, 8 in quick mode; the one-row-per-send loop 30 s at
// most, 5 in quick mode): a run still going then is stopped (the CLI by SIGINT, as Ctrl-C) and the rate is rows
// done / time taken.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Smsc } from "smsc";
import { count, info, QUICK, report, root, spawnNode, spawnSandbox, tempDir } from "./lib.mjs";

const ROWS = count("BENCH_CLI_ROWS", 100_000, 3_000);
const SECONDS = count("BENCH_CLI_SECONDS", 90, 8);
const BATCH = 100;
const CONCURRENCY = 4;
const cli = join(root, "packages/smsc/dist/cli/main.js");
const dir = tempDir("smsc-bench-cli-");

const phoneOf = (i) => `7701${String(1_000_000 + i).padStart(7, "0")}`;
const names = ["Aruzhan", "Daniyar", "Olga", "Timur", "Aigerim", "Sergey", "Madina", "Ivan"];
const csv = join(dir, "mailing.csv");
const lines = ["phone,name,code"];
for (let i = 0; i < ROWS; i++) lines.push(`${phoneOf(i)},${names[i % names.length]},${1000 + (i % 9000)}`);
writeFileSync(csv, `${lines.join("\n")}\n`);
const TEMPLATE = "Hello {name}, your code is {code}";
const textOf = (i) => `Hello ${names[i % names.length]}, your code is ${1000 + (i % 9000)}`;

/** The built sandbox bin in its own process: default settings (status delays, rate limits), a large balance. */
const startSandboxBin = () => spawnSandbox({ args: ["--account", "bench:bench:1000000000"] });

/** The CLI over the whole CSV; returns { rows, seconds }. */
async function runCli(url) {
  const start = performance.now();
  const { child, exit } = spawnNode([
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
  ]);
  child.stdin.end();
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (s) => (out += s));
  child.stderr.setEncoding("utf8").on("data", (s) => (err = (err + s).slice(-2000)));
  const timer = setTimeout(() => child.kill("SIGINT"), SECONDS * 1000);
  const { code } = await exit;
  clearTimeout(timer);
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0 && code !== 130) throw new Error(`smsc exited with ${code}: ${out} ${err}`);
  const r = JSON.parse(out);
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
const single = await fresh((url) => runSdk(url, 1, CONCURRENCY, Math.min(SECONDS, QUICK ? 5 : 30)));
info(`${ROWS} rows; CLI: ${describe(cliRun)}`);
info(
  `SDK list: ${describe(sdkBefore)} before, ${describe(sdkAfter)} after; SDK one per send: ${describe(single)}`,
);
const sdkList = (rate(sdkBefore) + rate(sdkAfter)) / 2;
const name = `smsc send --csv, ${ROWS.toLocaleString("en-US")} rows (batch ${BATCH}, conc. ${CONCURRENCY})`;
report(name, rate(cliRun), "SDK list loop, same rows", sdkList, "rows/s");
report(name, rate(cliRun), "SDK send() per row", rate(single), "rows/s");
