// Builds the sandbox as one executable file for Linux x64 that needs no Node, no npm and no native module:
// dist/standalone/smsc-sandbox-linux-x64. It is Node 24's own binary (scripts/node24.mjs) with the sandbox injected
// as a single executable application (SEA): the built bin (packages/sandbox/dist/bin.js, run `npm run build` first;
// `npm run build:standalone` does) bundled with the SDK into one CommonJS file, plus the SQL migrations and the web
// inbox as SEA assets keyed `migrations/<name>` and `inbox/<name>` (packages/sandbox/src/assets.ts reads them).
// On Node 24 the store uses the built-in node:sqlite, so nothing is loaded from disk at run time.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { NODE24_VERSION, node24 } from "./node24.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sandbox = join(root, "packages/sandbox");
const work = join(root, ".tmp/standalone");
const out = join(root, "dist/standalone/smsc-sandbox-linux-x64");
/** postject's default for Node's SEA: the fuse the official binaries carry. */
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const started = Date.now();
const bin = join(sandbox, "dist/bin.js");
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build" first (npm run build:standalone does)`);
const node = node24();
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
mkdirSync(dirname(out), { recursive: true });

// A SEA's main script is CommonJS, so import.meta.url (which the asset and SQLite modules resolve from) becomes
// the executable's own file URL; the built-in `require` of a SEA loads only Node's built-in modules, which is all
// this bundle needs (better-sqlite3 is never required on Node 24).
const main = join(work, "sandbox.cjs");
await build({
  entryPoints: [bin],
  outfile: main,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node24",
  external: ["better-sqlite3"],
  define: { "import.meta.url": "__smscModuleUrl" },
  banner: { js: 'var __smscModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  legalComments: "none",
  logLevel: "warning",
});

const assets = {};
for (const [folder, dir] of [
  ["migrations", join(sandbox, "dist/migrations")],
  ["inbox", join(sandbox, "dist/inbox")],
]) {
  const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
  if (files.length === 0) throw new Error(`${dir} is empty`);
  for (const f of files) assets[`${folder}/${f}`] = join(dir, f);
}

const blob = join(work, "sandbox.blob");
const config = join(work, "sea-config.json");
writeFileSync(
  config,
  JSON.stringify(
    { main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, assets },
    null,
    2,
  ),
);
const prep = spawnSync(node, ["--experimental-sea-config", config], { encoding: "utf8" });
if (prep.status !== 0)
  throw new Error(`the SEA blob failed (${prep.status ?? prep.signal}):\n${prep.stdout}${prep.stderr}`);

rmSync(out, { force: true });
copyFileSync(node, out);
chmodSync(out, 0o755);
// postject's ELF reader warns about every section of Node's binary ("Can't find string offset for section name"),
// harmlessly; its output is shown only if it fails
const inject = spawnSync(
  process.execPath,
  [join(root, "node_modules/postject/dist/cli.js"), out, "NODE_SEA_BLOB", blob, "--sentinel-fuse", FUSE],
  { encoding: "utf8" },
);
if (inject.status !== 0) {
  rmSync(out, { force: true });
  throw new Error(`postject failed (${inject.status ?? inject.signal}):\n${inject.stdout}${inject.stderr}`);
}

const mb = (statSync(out).size / 1e6).toFixed(0);
console.log(
  `${out}: ${mb} MB (Node ${NODE24_VERSION} + the sandbox, ${Object.keys(assets).length} assets), ` +
    `built in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
