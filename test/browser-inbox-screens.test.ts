// The web inbox at a phone's, a tablet's and a desktop's width, light and dark, in real Chromium: nothing scrolls
// sideways, the right panes are shown, and the colours follow the scheme. INBOX_SCREENSHOTS=docs writes
// docs/inbox-<width>-<scheme>.png (and docs/inbox.png, the README's picture, at 1400 light).

import type { Browser } from "playwright-core";
import type { Sandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { openInbox, SEEDED, startSeededInbox } from "./inbox-helpers.js";

let seeded: Awaited<ReturnType<typeof startSeededInbox>>;
let sb: Sandbox;
let browser: Browser;
const shots = process.env.INBOX_SCREENSHOTS;

beforeAll(async () => {
  seeded = await startSeededInbox();
  sb = seeded.sb;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await seeded?.close();
});

/** How far the page and each scrolling pane overflow sideways, in px (0 = none). */
const OVERFLOW = () => {
  const out: Record<string, number> = {};
  const page = document.scrollingElement!;
  out.page = page.scrollWidth - window.innerWidth;
  for (const sel of [".conversations", ".thread-scroll", ".panel:not([hidden])", ".callbacks", ".topbar"]) {
    const e = document.querySelector(sel) as HTMLElement | null;
    if (e && e.offsetParent !== null) out[sel] = e.scrollWidth - e.clientWidth;
  }
  return out;
};

describe("web inbox layouts", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`390 px, ${scheme}: one pane at a time, no sideways scroll in the list, the thread or a message`, async () => {
      const { page, problems } = await openInbox(browser, sb.url, {
        width: 390,
        height: 844,
        colorScheme: scheme,
      });
      await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      expect(await page.locator(".thread-pane").isVisible()).toBe(false);
      for (const v of Object.values(await page.evaluate(OVERFLOW))) expect(v).toBeLessThanOrEqual(0);
      if (shots) await page.screenshot({ path: `${shots}/inbox-390-${scheme}-list.png` });

      await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).click();
      await page.locator(".bubble", { hasText: "Thanks!" }).waitFor();
      expect(await page.locator(".sidebar").isVisible()).toBe(false);
      expect(await page.locator("#back").isVisible()).toBe(true);
      for (const v of Object.values(await page.evaluate(OVERFLOW))) expect(v).toBeLessThanOrEqual(0);
      if (shots) await page.screenshot({ path: `${shots}/inbox-390-${scheme}.png` });

      await page.locator(".bubble", { hasText: "531 904" }).click();
      await page.locator("#tab-parts").click();
      await page.locator("#panel-parts mark.ucs2").first().waitFor();
      for (const v of Object.values(await page.evaluate(OVERFLOW))) expect(v).toBeLessThanOrEqual(0);
      if (shots) await page.screenshot({ path: `${shots}/inbox-390-${scheme}-parts.png` });
      expect(problems).toEqual([]);
      await page.close();
    });

    it(`820 px, ${scheme}: the list beside the phone, details as a drawer`, async () => {
      const { page, problems } = await openInbox(browser, sb.url, {
        width: 820,
        height: 1000,
        colorScheme: scheme,
      });
      await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).click();
      await page.locator(".bubble", { hasText: "Thanks!" }).waitFor();
      expect(await page.locator(".sidebar").isVisible()).toBe(true);
      expect(await page.locator(".thread-pane").isVisible()).toBe(true);
      expect(await page.locator("#back").isVisible()).toBe(false);
      for (const v of Object.values(await page.evaluate(OVERFLOW))) expect(v).toBeLessThanOrEqual(0);
      if (shots) await page.screenshot({ path: `${shots}/inbox-820-${scheme}.png` });
      await page.locator(`.conversation[data-phone="${SEEDED.viber}"]`).click();
      await page.locator(".bubble.k-viber").waitFor();
      await page.locator(".bubble.k-viber").click();
      await page.locator("#tab-checks").click();
      await page.locator("#panel-checks .check").first().waitFor();
      expect(await page.locator("#detail").isVisible()).toBe(true);
      for (const v of Object.values(await page.evaluate(OVERFLOW))) expect(v).toBeLessThanOrEqual(0);
      if (shots) await page.screenshot({ path: `${shots}/inbox-820-${scheme}-checks.png` });
      expect(problems).toEqual([]);
      await page.close();
    });

    it(`1400 px, ${scheme}: list, phone and callbacks side by side`, async () => {
      const { page, problems } = await openInbox(browser, sb.url, {
        width: 1400,
        height: 900,
        colorScheme: scheme,
      });
      await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).click();
      await page.locator(".bubble", { hasText: "Thanks!" }).waitFor();
      await page.locator("#callbacks .cb.failed").first().waitFor();
      expect(await page.locator("#callbacks-panel").isVisible()).toBe(true);
      for (const v of Object.values(await page.evaluate(OVERFLOW))) expect(v).toBeLessThanOrEqual(0);
      const bg = await page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor);
      // the dark page is dark and the light one light: the sum of the channels tells them apart
      const sum = bg
        .match(/\d+/g)!
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0);
      if (scheme === "dark") expect(sum).toBeLessThan(150);
      else expect(sum).toBeGreaterThan(600);
      if (shots) {
        await page.screenshot({ path: `${shots}/inbox-1400-${scheme}.png` });
        if (scheme === "light") await page.screenshot({ path: `${shots}/inbox.png` });
        await page.locator(".bubble", { hasText: "531 904" }).click();
        await page.locator("#tab-parts").click();
        await page.locator("#panel-parts mark.ucs2").first().waitFor();
        await page.screenshot({ path: `${shots}/inbox-1400-${scheme}-parts.png` });
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
