// Node: loads each given specifier ("smsc", "smsc/compat", …) both ways — require() and import() — and prints,
// per specifier, the file require() resolved and the export names each way, as one JSON line.
// Usage: node exports-main.cjs smsc smsc/compat …
const names = (m) =>
  Object.keys(m)
    .filter((k) => k !== "default" && k !== "__esModule")
    .sort();

(async () => {
  const out = {};
  for (const spec of process.argv.slice(2)) {
    out[spec] = {
      requireResolved: require.resolve(spec),
      cjs: names(require(spec)),
      esm: names(await import(spec)),
    };
  }
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
