// Shared helpers for benchmarks: timing, and printing a figure beside its baseline as a ratio.

/** Runs fn until `ms` elapse (after a warm-up) and returns operations per second. */
export async function opsPerSecond(fn, { ms = 1000, warmup = 200 } = {}) {
  const until = (t) => performance.now() < t;
  let t = performance.now() + warmup;
  while (until(t)) await fn();
  let n = 0;
  const start = performance.now();
  t = start + ms;
  while (until(t)) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

/** Prints one result row: the figure, its baseline and the ratio figure/baseline. */
export function report(name, value, baselineName, baseline, unit = "ops/s") {
  const ratio = baseline > 0 ? value / baseline : Number.NaN;
  console.log(
    `${name.padEnd(44)} ${fmt(value).padStart(12)} ${unit}   baseline ${baselineName}: ${fmt(baseline)} ${unit}   ratio ${ratio.toFixed(2)}`,
  );
}

function fmt(n) {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}
