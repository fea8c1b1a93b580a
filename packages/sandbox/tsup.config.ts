import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";

const copyAssets = fileURLToPath(new URL("../../scripts/copy-assets.mjs", import.meta.url));

export default defineConfig({
  entry: { index: "src/index.ts", bin: "src/bin.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  target: "node20",
  platform: "node",
  external: ["smsc", "better-sqlite3"],
  // migrations and the inbox are copied next to the bundle so they load at run time; a function, because tsup
  // normalises a command string as a path ("node ../../x" became "x")
  onSuccess: async () => {
    execFileSync(process.execPath, [copyAssets], { stdio: "inherit" });
  },
});
