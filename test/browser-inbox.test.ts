// The web inbox end to end in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core): messages sent
// through the SDK appear live, search narrows, delete removes, and a <script> text is shown, not run, in the thread
// and in every tab of the message's details. Screenshots: browser-inbox-screens.test.ts.

import type { Browser, Page } from "playwright-core";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";

const A = "77011234567";
const B = "77017654321";
const XSS = `<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">`;

let sb: Sandbox;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  sb = await startSandbox({
    port: 0,
    rateLimits: false,
    delays: { sentMs: 50, deliveredMs: 100 },
    accounts: [{ login: "shop", password: "shop-pw", balance: 50, currency: "RUB" }],
  });
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1280, height: 820 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("dialog", (d) => void d.accept());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe("web inbox in Chromium", () => {
  it("shows messages live, searches, deletes, and renders a <script> text as text", async () => {
    await page.goto(sb.url);
    await page.locator("#live.up").waitFor();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });

    // live: no reload between the send and the bubble
    await smsc.send({ phones: A, message: "Your code is 4821", sender: "ACME" });
    const otp = page.locator(".bubble", { hasText: "Your code is 4821" });
    await otp.waitFor();
    expect(await otp.locator(".sender").textContent()).toBe("ACME");
    await otp.locator(".badge.delivered").waitFor();
    expect(await page.locator("#balance").textContent()).toContain("990.00 KZT");

    await smsc.send({ phones: B, message: XSS });
    await page.locator(`.conversation[data-phone="${B}"]`).click();
    const evil = page.locator(".bubble .text", { hasText: "<script>" });
    await evil.waitFor();
    expect(await evil.textContent()).toBe(XSS);
    expect(await page.locator("#thread script, #thread img").count()).toBe(0);
    // the details show the text in the overview, the parts and the request: as text there too
    await page.locator(".bubble", { hasText: "<script>" }).click();
    for (const tab of ["overview", "parts", "request", "checks"]) {
      await page.locator(`#tab-${tab}`).click();
      await page.locator(`#panel-${tab}`).waitFor();
    }
    await page.locator("#panel-request code", { hasText: "<script>" }).waitFor({ state: "attached" });
    expect(await page.locator("#panel-parts .part-text").first().textContent()).toBe(XSS);
    expect(await page.locator("#detail script, #detail img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.keyboard.press("Escape");
    await page.locator("#detail").waitFor({ state: "hidden" });

    // an incoming SMS shows on the phone's own side
    await fetch(`${sb.url}/api/v1/incoming`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone: B, text: "who is this?" }),
    });
    await page.locator(".bubble.own", { hasText: "who is this?" }).waitFor();

    // the account selector narrows everything to one account and shows its balance
    const C = "77020000001";
    await new Smsc({ login: "shop", password: "shop-pw", baseUrl: sb.url }).send({
      phones: C,
      message: "shop news",
    });
    await page.locator(`.conversation[data-phone="${C}"]`).waitFor();
    await page.selectOption("#account", "shop");
    await expect
      .poll(() =>
        page.locator(".conversation").evaluateAll((els) => els.map((e) => e.getAttribute("data-phone"))),
      )
      .toEqual([C]);
    expect(await page.locator("#balance").textContent()).toBe("shop: 40.00 RUB");
    await page.selectOption("#account", "");
    await expect.poll(() => page.locator(".conversation").count()).toBe(3);

    // search by text, then by phone
    await page.fill("#search", "4821");
    await expect
      .poll(() =>
        page.locator(".conversation").evaluateAll((els) => els.map((e) => e.getAttribute("data-phone"))),
      )
      .toEqual([A]);
    await page.fill("#search", "+7 701 765");
    await expect
      .poll(() =>
        page.locator(".conversation").evaluateAll((els) => els.map((e) => e.getAttribute("data-phone"))),
      )
      .toEqual([B]);
    await page.fill("#search", "");
    await expect.poll(() => page.locator(".conversation").count()).toBe(3);

    // delete one message from its details
    await page.locator(`.conversation[data-phone="${A}"]`).click();
    const bubble = page.locator(".bubble", { hasText: "Your code is 4821" });
    await bubble.click();
    await page.locator("#tab-overview").click();
    await page.locator("#detail button", { hasText: "Delete message" }).click();
    await bubble.waitFor({ state: "detached" });
    await page.locator("#detail").waitFor({ state: "hidden" });
    expect(sb.messages({ phone: A, text: "4821" })).toEqual([]);

    // delete everything matching a search
    await page.fill("#search", "script");
    await expect.poll(() => page.locator(".conversation").count()).toBe(1);
    await page.click("#delete-matching");
    await expect.poll(() => sb.messages({ phone: B }).length).toBe(0);

    // reset empties the inbox and restores the balances
    await page.fill("#search", "");
    await page.click("#reset");
    await expect.poll(() => page.locator(".conversation").count()).toBe(0);
    await expect
      .poll(() => page.locator("#balance").textContent())
      .toBe("demo: 1,000.00 KZT · shop: 50.00 RUB");
    expect(await page.locator("#empty").isVisible()).toBe(true);

    expect(problems).toEqual([]);
  }, 60_000);
});
