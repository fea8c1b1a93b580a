// Bundlers for browsers and Workers (esbuild, which wrangler and Vite use) must be able to bundle every
// web-standard entry of the SDK: none may pull in a Node built-in.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("bundling the SDK for browsers and Workers", () => {
  it.each(["smsc", "smsc/compat", "smsc/protocol"])(
    "esbuild bundles %s for the browser platform",
    async (entry) => {
      const out = await build({
        stdin: { contents: `export * from "${entry}";`, resolveDir: root, loader: "js" },
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent",
        conditions: ["import"],
      });
      expect(out.errors).toEqual([]);
      const code = out.outputFiles[0]!.text;
      expect(code).not.toMatch(/from\s*["'](node:)?(net|tls|os|fs|crypto)["']/);
      expect(code.length).toBeGreaterThan(1000);
    },
  );
});
