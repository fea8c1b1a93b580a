// More than the API's 1,000-message page, in real Chromium: the list says that older messages exist and loads
// them on request; a conversation longer than a thread page loads its earlier messages; new messages still arrive
// live on top of a paged list.

import type { Browser } from "playwright-core";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { openInbox } from "./inbox-helpers.js";

const COUNT = 1_150;
/** 77020000000, 77020000001, … one number per message. */
const phone = (i: number) => `7702${String(i).padStart(7, "0")}`;
const LONG = "77099999999";

let sb: Sandbox;
let browser: Browser;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, rateLimits: false, delays: { sentMs: 50, deliveredMs: 50 } });
  sb.store.inspection.setBalance("demo", 1_000_000);
  const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
  // one message to each of COUNT numbers, oldest first, in one request
  await smsc.send({ phones: Array.from({ length: COUNT }, (_, i) => phone(i)), message: "bulk" });
  // and one long conversation: 620 messages to one number (one request, a list line each)
  await smsc.send({
    list: Array.from({ length: 620 }, (_, i) => ({ phones: LONG, message: `update ${i}` })),
  });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe("paging beyond 1,000 messages", () => {
  it("shows a sign that more exist, loads the older ones, and keeps receiving live", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1280 });
    const count = () => page.locator(".conversation").count();
    await expect.poll(count).toBeGreaterThan(0);
    // the newest page: the 620 messages of the long conversation and the 380 newest bulk numbers
    expect(await count()).toBe(1 + 380);
    expect(await page.locator("#more").isVisible()).toBe(true);
    expect(await page.locator("#more-text").textContent()).toBe(
      "Showing the newest 1,000 messages; older ones exist.",
    );
    expect(await page.locator("#list-summary").textContent()).toBe("1,000+ messages · 381 conversations");
    expect(await page.locator(`.conversation[data-phone="${phone(0)}"]`).count()).toBe(0);

    await page.click("#load-older");
    await expect.poll(count).toBe(1 + COUNT);
    expect(await page.locator(`.conversation[data-phone="${phone(0)}"]`).count()).toBe(1);
    expect(await page.locator("#more").isVisible()).toBe(false);
    expect(await page.locator("#list-summary").textContent()).toBe("1,770 messages · 1,151 conversations");

    // a new message arrives on top of the paged list
    await new Smsc({ login: "demo", password: "demo", baseUrl: sb.url }).send({
      phones: "77470000001",
      message: "new",
    });
    await expect
      .poll(() => page.locator(".conversation").first().getAttribute("data-phone"))
      .toBe("77470000001");
    expect(await count()).toBe(2 + COUNT);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a long conversation loads its earlier messages", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1280 });
    await page.locator(`.conversation[data-phone="${LONG}"]`).click();
    const bubbles = page.locator("#thread .bubble");
    await expect.poll(() => bubbles.count()).toBe(500);
    expect(await bubbles.last().locator(".text").textContent()).toBe("update 619");
    expect(await page.locator("#earlier").isVisible()).toBe(true);
    await page.click("#load-earlier");
    await expect.poll(() => bubbles.count()).toBe(620);
    expect(await bubbles.first().locator(".text").textContent()).toBe("update 0");
    expect(await page.locator("#earlier").isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
