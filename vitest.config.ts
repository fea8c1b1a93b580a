import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // tests run against the sources; the built packages are exercised by the CLI and packaging tests
    alias: [
      { find: /^smsc\/compat$/, replacement: src("./packages/smsc/src/compat/index.ts") },
      { find: /^smsc\/protocol$/, replacement: src("./packages/smsc/src/protocol/index.ts") },
      { find: /^smsc\/mail$/, replacement: src("./packages/smsc/src/mail/index.ts") },
      { find: /^smsc\/smpp$/, replacement: src("./packages/smsc/src/smpp/index.ts") },
      { find: /^smsc\/verify$/, replacement: src("./packages/smsc/src/verify/index.ts") },
      { find: /^smsc$/, replacement: src("./packages/smsc/src/index.ts") },
      { find: /^smsc-sandbox$/, replacement: src("./packages/sandbox/src/index.ts") },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
  },
});
