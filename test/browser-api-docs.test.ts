// The readable API page at /api/ in Chromium: it renders every operation and schema of /api/v1/openapi.json from
// the sandbox's own files only (no CDN: every request the page makes goes to the sandbox), under a strict CSP, with
// no script error or CSP violation.
import type { Browser } from "playwright-core";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";

let sb: Sandbox;
let browser: Browser;

beforeAll(async () => {
  sb = await startSandbox();
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe("the API page", () => {
  it("is served at /api/ and /api with a strict CSP", async () => {
    for (const path of ["/api/", "/api"]) {
      const res = await fetch(`${sb.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'; script-src 'self'");
      expect(await res.text()).not.toMatch(/<script>|https?:\/\//);
    }
  });

  it("renders every operation and schema of the document, loading nothing from elsewhere", async () => {
    const doc = await (await fetch(`${sb.url}/api/v1/openapi.json`)).json();
    const operations = Object.values(doc.paths as Record<string, object>).flatMap((item) =>
      Object.keys(item),
    );
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console: ${m.text()}`);
    });
    page.on("request", (r) => requests.push(r.url()));
    try {
      await page.goto(`${sb.url}/api/`);
      await page.locator("details.op").first().waitFor();
      expect(await page.locator("details.op").count()).toBe(operations.length);
      expect(await page.locator("#title").textContent()).toBe("smsc-sandbox inspection API");
      for (const name of [
        "Message",
        "MessageDetail",
        "Incoming",
        "Account",
        "ChaosSettings",
        "CallbackAttempt",
        "Error",
      ])
        await page.locator(`#schema-${name}`).waitFor({ state: "attached" });
      // a link from the contents opens the operation, with its parameters and replies
      await page.locator('.toc a[href="#op-listMessages"]').click();
      const op = page.locator("#op-listMessages");
      await expect.poll(() => op.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      expect(await op.locator("table").first().textContent()).toContain("phoneContains");
      expect(await op.locator("table").nth(1).textContent()).toContain("MessageList");
      expect(requests.length).toBeGreaterThanOrEqual(4);
      for (const url of requests) expect(new URL(url).origin).toBe(new URL(sb.url).origin);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);
});
