// The inbox's mailings panel in real Chromium: each mailing (jobs.php) with its status, progress and runs, updated
// live as the sandbox's clock runs it; names and texts reach the page as text, never as markup.
import type { Browser } from "playwright-core";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { openInbox } from "./inbox-helpers.js";

let sb: Sandbox;
let browser: Browser;
let now = Date.now();

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, clock: () => now });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe("mailings panel", () => {
  it("shows each mailing's status, progress and runs, and follows a repeating one live", async () => {
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
    await smsc.mailings.create({
      name: "<img src=x onerror=alert(1)> once",
      phones: "77011234567",
      message: "Hi",
    });
    const hourly = await smsc.mailings.create({
      name: "Hourly news",
      phones: "77017654321",
      message: "News",
      repeat: "hourly",
      repeats: 2,
    });
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    expect(await page.locator("#mailings-panel").isVisible()).toBe(false);
    await page.click("#mailings-toggle");
    const panel = page.locator("#mailings-panel");
    await panel.locator(".mailing").nth(1).waitFor();
    expect(await page.locator("#mailings-toggle").getAttribute("aria-expanded")).toBe("true");
    const card = panel.locator(`.mailing[data-id="${hourly.id}"]`);
    expect(await card.getAttribute("data-status")).toBe("waiting");
    expect(await card.locator(".mailing-progress-text").textContent()).toMatch(/^1 of 3 runs · 1 message ·/);
    expect(await page.locator("#mailings-count").textContent()).toBe("1");
    const once = panel.locator(".mailing[data-status=done]");
    expect(await once.locator(".cb-event").textContent()).toBe("<img src=x onerror=alert(1)> once");
    expect(await page.locator("#mailings-panel img").count()).toBe(0);
    // two hours later both repeats have run; the panel follows the new messages live
    now += 2 * 3_600_000 + 1000;
    await sb.control.mailings.run();
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 15_000 }).toBe("done");
    expect(await card.locator(".mailing-runs li").count()).toBe(3);
    expect(await card.locator("progress").getAttribute("value")).toBe("3");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    expect(problems).toEqual([]);
    await page.close();
  });
});
