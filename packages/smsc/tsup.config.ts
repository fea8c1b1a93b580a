import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      compat: "src/compat/index.ts",
      protocol: "src/protocol/index.ts",
      verify: "src/verify/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    sourcemap: false,
    splitting: true,
  },
  {
    // Node only (node:net, node:tls): kept out of the platform-neutral block
    entry: { mail: "src/mail/index.ts", smpp: "src/smpp/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    target: "node20",
    platform: "node",
    sourcemap: false,
    // keep "node:net" rather than "net", which Deno and Bun resolve and a bare "net" is not for Deno
    removeNodeProtocol: false,
  },
  {
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    // reached only by a dynamic import, and optional: never bundled, never a dependency of smsc
    external: ["smsc-sandbox"],
  },
]);
