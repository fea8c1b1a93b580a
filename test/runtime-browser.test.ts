// The built SDK in a browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core. The page lives on
// the sandbox's own origin, so the SDK's requests to /sys/*.php are same-origin (no CORS question) and go to the
// real sandbox. Only the page itself (/__runtime/) and the module files it loads (test/runtimes/browser-main.mjs
// and probe.mjs, and the built ESM files as they are at /__runtime/dist/*.js) are answered by Playwright; no
// request of the SDK is intercepted. No CSP applies: the page is ours, not the inbox.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { dist, expectProbe, type ProbeResult, requireBuilt, runtimesDir } from "./runtimes/harness.js";

const PAGE = `<!doctype html><title>smsc</title><script type="module" src="/__runtime/browser-main.mjs"></script>`;

let sb: Sandbox;
let browser: Browser | undefined;

beforeAll(async () => {
  requireBuilt();
  sb = await startSandbox({ port: 0 });
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe("the built SDK in Chromium", () => {
  it("sends, reads status and balance, and works through compat, from a page", async () => {
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    const served: string[] = [];
    await page.route(`${sb.url}/__runtime/**`, (route) => {
      const path = new URL(route.request().url()).pathname.slice("/__runtime/".length);
      served.push(path);
      if (path === "") return route.fulfill({ contentType: "text/html", body: PAGE });
      const file = path.startsWith("dist/") ? join(dist, path.slice(5)) : join(runtimesDir, path);
      if (!/^(browser-main\.mjs|probe\.mjs|dist\/[\w-]+\.js)$/.test(path) || !existsSync(file))
        return route.fulfill({ status: 404, body: "not found" });
      return route.fulfill({ contentType: "text/javascript", body: readFileSync(file, "utf8") });
    });
    try {
      await page.goto(`${sb.url}/__runtime/`);
      const phone = "77010000501";
      await page.waitForFunction(() => "runProbe" in window, undefined, { timeout: 10_000 });
      const r = await page.evaluate(
        ([baseUrl, phone]) =>
          (window as unknown as { runProbe(u: string, p: string): Promise<ProbeResult> }).runProbe(
            baseUrl!,
            phone!,
          ),
        [sb.url, phone],
      );
      expectProbe(r, sb, "browser", phone);
      expect(r.runtime.version).toContain("Chrome/");
      expect(served).toEqual(
        expect.arrayContaining(["", "browser-main.mjs", "dist/index.js", "dist/compat.js", "probe.mjs"]),
      );
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);
});
