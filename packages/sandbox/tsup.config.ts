import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", bin: "src/bin.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  target: "node20",
  platform: "node",
  external: ["smsc", "better-sqlite3"],
  // migrations and the inbox are copied next to the bundle so they load at run time
  onSuccess: "node ../../scripts/copy-assets.mjs",
});
