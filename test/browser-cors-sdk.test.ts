// The built SDK in a page on another origin, talking to the sandbox across origins (docs/browser.md): a second
// loopback server serves the page and the built ESM files (test/runtimes/browser-main.mjs loads them) under two
// names Chromium resolves to 127.0.0.1. The sandbox allows one of them with `cors`: from there the SDK sends, reads
// status and balance, and the page uses the inspection API with JSON (preflighted); from the other name the same
// calls fail in the page and store nothing.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { dist, expectProbe, type ProbeResult, requireBuilt, runtimesDir } from "./runtimes/harness.js";

const PAGE = `<!doctype html><title>app</title><script type="module" src="/browser-main.mjs"></script>`;

let sb: Sandbox;
let browser: Browser;
let app: Server;
let appPort: number;
const served: string[] = [];

beforeAll(async () => {
  requireBuilt();
  // the page's own server: the page, browser-main.mjs, probe.mjs and the built files, nothing else
  app = createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname.slice(1);
    served.push(path);
    if (path === "") return void res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE);
    const file = path.startsWith("dist/") ? join(dist, path.slice(5)) : join(runtimesDir, path);
    if (!/^(browser-main\.mjs|probe\.mjs|dist\/[\w-]+\.js)$/.test(path) || !existsSync(file))
      return void res.writeHead(404).end("not found");
    res.writeHead(200, { "Content-Type": "text/javascript" }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => app.listen(0, "127.0.0.1", ok));
  appPort = (app.address() as AddressInfo).port;
  sb = await startSandbox({ cors: [`http://app.test:${appPort}`], rateLimits: false });
  browser = await launchChromium(["--host-resolver-rules=MAP *.test 127.0.0.1"]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => app?.close(ok));
  await sb?.close();
});

async function openApp(host: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`http://${host}:${appPort}/`);
  await page.waitForFunction(() => "runProbe" in window, undefined, { timeout: 10_000 });
  return { page, problems };
}

/** The inspection API from the page: an incoming SMS (JSON, so preflighted) and the message list. */
const useApi = (page: Page, phone: string) =>
  page.evaluate(
    async ([base, phone]) => {
      const outcome = async (p: Promise<Response>) =>
        p.then(
          async (r) => ({ status: r.status, body: await r.json() }),
          (e: Error) => ({ error: e.name }),
        );
      return {
        inject: await outcome(
          fetch(`${base}/api/v1/incoming`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ phone, text: "reply from the page" }),
          }),
        ),
        list: await outcome(fetch(`${base}/api/v1/messages?phone=${phone}`)),
      };
    },
    [sb.url, phone] as const,
  );

describe("the built SDK in a page on another origin", () => {
  it("works from an origin the sandbox allows with cors", async () => {
    const { page, problems } = await openApp("app.test");
    try {
      const phone = "77010000601";
      const r = (await page.evaluate(
        ([base, phone]) =>
          (window as unknown as { runProbe(u: string, p: string): Promise<ProbeResult> }).runProbe(
            base,
            phone,
          ),
        [sb.url, phone] as const,
      )) as ProbeResult;
      expectProbe(r, sb, "browser", phone);
      const api = await useApi(page, phone);
      expect(api.inject).toMatchObject({ status: 200, body: { phone, text: "reply from the page" } });
      expect(api.list).toMatchObject({ status: 200 });
      expect((api.list as { body: { messages: unknown[] } }).body.messages).toHaveLength(2);
      expect(served).toEqual(expect.arrayContaining(["", "browser-main.mjs", "dist/index.js", "probe.mjs"]));
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);

  it("fails from an origin it does not allow, and stores nothing", async () => {
    const { page } = await openApp("other.test");
    try {
      const phone = "77010000602";
      const r = await page.evaluate(
        ([base, phone]) =>
          (window as unknown as { runProbe(u: string, p: string): Promise<unknown> })
            .runProbe(base, phone)
            .then(
              () => ({ sent: true }),
              (e: { name: string; message: string }) => ({ name: e.name, message: e.message }),
            ),
        [sb.url, phone] as const,
      );
      // the browser hides the 403 behind a network error: the SDK cannot know the send was refused
      expect(r).toMatchObject({ name: "SendOutcomeUnknownError" });
      const api = await useApi(page, phone);
      expect(api).toEqual({ inject: { error: "TypeError" }, list: { error: "TypeError" } });
      expect(sb.messages({ phone })).toEqual([]);
      expect(sb.store.inspection.incoming({ limit: 10, phone })).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);
});
