// Runs every bench/*.bench.mjs in turn, each in its own process (so one cannot warm up another), or those whose
// names contain an argument (`node bench/run.mjs http smpp`). Prints the machine, the load average and each
// bench's report as it goes, then every figure in one Markdown table (ready for docs/benchmarks.md) and the time
// each bench took. Benchmarks import the built packages, so `npm run bench` builds first. BENCH_QUICK=1 makes a
// smoke run; a signal stops the bench running and everything it started.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, machine } from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const results = join(tmpdir(), `smsc-bench-results-${process.pid}.jsonl`);
const m = machine();
const startedAt = new Date();
console.log(
  `${startedAt.toISOString()}  ${m.nproc} CPUs (${m.model}), ${m.ramGiB} GiB, Node ${m.node}, load average ${m.load}${process.env.BENCH_QUICK === "1" ? ", quick mode" : ""}`,
);

let current;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(signal, () => {
    // the bench kills what it started on the same signal
    current?.kill(signal);
    rmSync(results, { force: true });
    process.exit(1);
  });

const times = [];
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const start = performance.now();
  current = spawn(process.execPath, [join(here, f)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_RESULTS: results },
  });
  const code = await new Promise((ok) => current.on("exit", (c, s) => ok(c ?? s)));
  const seconds = (performance.now() - start) / 1000;
  times.push(`${f} ${seconds.toFixed(0)} s${code === 0 ? "" : ` (FAILED: ${code})`}`);
  if (code !== 0) failed++;
}

let rows = [];
try {
  rows = readFileSync(results, "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
} catch {}
rmSync(results, { force: true });
console.log("\n## Summary\n");
console.log("| Bench | Figure | Value | Baseline (same run) | Ratio | Target |");
console.log("|---|---|---:|---|---:|---|");
for (const r of rows)
  console.log(
    `| ${r.bench.replace(".bench.mjs", "")} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} | ${r.ratio.toFixed(2)} | ${r.target ?? ""} |`,
  );
const total = (Date.now() - startedAt.getTime()) / 1000;
console.log(
  `\nload average at the end ${machine().load}; total ${(total / 60).toFixed(1)} min: ${times.join(", ")}`,
);
process.exitCode = failed ? 1 : 0;
