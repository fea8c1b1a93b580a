// Getting around the web inbox in real Chromium: on a 390 px phone (list → thread → back → another), with the
// keyboard only (/, j/k and arrows, Enter, Esc, Tab, visible focus), and the colour scheme (system, toggle, kept
// across reloads).

import type { Browser, Page } from "playwright-core";
import type { Sandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { listedPhones, openInbox, SEEDED, seedInbox, startInboxSandbox } from "./inbox-helpers.js";

let sb: Sandbox;
let browser: Browser;

beforeAll(async () => {
  const started = await startInboxSandbox();
  sb = started.sb;
  await seedInbox(sb, started.shift);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);

/** The focused element's conversation number, bubble id or id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return (
      a?.dataset.phone ??
      (a?.dataset.id ? `bubble:${a.dataset.id}` : a?.dataset.incomingId ? "incoming" : a?.id)
    );
  });

describe("a 390 px phone", () => {
  it("opens one conversation after another: list → thread → back → another, never scrolling sideways", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 390, height: 844 });
    const list = page.locator(".sidebar");
    const thread = page.locator(".thread-pane");
    await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).waitFor();
    expect(await list.isVisible()).toBe(true);
    expect(await thread.isVisible()).toBe(false);
    expect(await noSidewaysScroll(page)).toBe(true);
    // the search box is usable: nothing covers it
    await page.locator("#search").click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search");

    for (const [phone, text] of [
      [SEEDED.otp, "Your code is 4821"],
      [SEEDED.flash, "Your courier is at the door"],
      [SEEDED.failed, "Order #1042 has shipped"],
    ] as const) {
      await page.locator(`.conversation[data-phone="${phone}"]`).click();
      await page.locator(".bubble", { hasText: text }).waitFor();
      expect(await list.isVisible()).toBe(false);
      expect(await thread.isVisible()).toBe(true);
      expect(await page.locator("#thread-title").textContent()).toContain(phone.slice(-2));
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.locator("#back").click();
      await list.waitFor();
      expect(await thread.isVisible()).toBe(false);
      expect(await noSidewaysScroll(page)).toBe(true);
    }

    // a message's details cover the screen and close back to the thread
    await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).click();
    await page.locator(".bubble", { hasText: "531 904" }).click();
    await page.locator("#detail").waitFor();
    expect(await page.locator(".side").boundingBox()).toMatchObject({ x: 0, width: 390 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.locator("#detail-close").click();
    await page.locator("#detail").waitFor({ state: "hidden" });
    expect(await thread.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the keyboard", () => {
  it("/ searches, j/k and arrows move, Enter opens, Esc goes back; the focus is visible", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1280 });
    await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).waitFor();
    const phones = await listedPhones(page);

    await page.keyboard.press("/");
    expect(await focused(page)).toBe("search");
    await page.keyboard.type("x"); // typing is not taken for a shortcut
    expect(await page.inputValue("#search")).toBe("x");
    await expect.poll(() => listedPhones(page)).toEqual([]);
    await page.fill("#search", "");
    await expect.poll(() => listedPhones(page)).toEqual(phones);
    await page.keyboard.press("Escape");
    expect(await focused(page)).toBe(phones[0]);
    // the focus ring is drawn
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");

    await page.keyboard.press("j");
    expect(await focused(page)).toBe(phones[1]);
    await page.keyboard.press("ArrowDown");
    expect(await focused(page)).toBe(phones[2]);
    await page.keyboard.press("k");
    expect(await focused(page)).toBe(phones[1]);
    await page.keyboard.press("End");
    expect(await focused(page)).toBe(phones[phones.length - 1]);
    await page.keyboard.press("Home");
    expect(await focused(page)).toBe(phones[0]);
    // only one conversation is in the Tab order (roving tabindex)
    expect(await page.locator('.conversation[tabindex="0"]').count()).toBe(1);

    // Enter opens the conversation and puts the focus on its newest message
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("incoming");
    expect(await page.locator("#thread-title").textContent()).toBe("+7 701 123 45 67");
    await page.keyboard.press("k");
    const otpRu = await page.locator(".bubble", { hasText: "531 904" }).getAttribute("data-id");
    expect(await focused(page)).toBe(`bubble:${otpRu}`);
    await page.keyboard.press("ArrowUp");
    const otp = await page.locator(".bubble", { hasText: "4821" }).getAttribute("data-id");
    expect(await focused(page)).toBe(`bubble:${otp}`);

    // Enter opens the message's details on their first tab; arrows switch tabs; Esc closes them
    await page.keyboard.press("Enter");
    await page.locator("#detail").waitFor();
    await expect.poll(() => focused(page)).toBe("tab-overview");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("tab-parts");
    expect(await page.locator("#panel-parts").isVisible()).toBe(true);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    expect(await focused(page)).toBe("tab-checks");
    await page.keyboard.press("Escape");
    await page.locator("#detail").waitFor({ state: "hidden" });
    expect(await focused(page)).toBe(`bubble:${otp}`);
    // Esc from the thread returns to the list, on the open conversation
    await page.keyboard.press("Escape");
    expect(await focused(page)).toBe(SEEDED.otp);

    // Tab order: from the search box through the filters and actions into the list (one stop), then the thread
    await page.keyboard.press("/");
    const order: Array<string | undefined> = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused(page));
    }
    expect(order.slice(0, 7)).toEqual([
      "f-status",
      "f-format",
      "f-origin",
      "f-sender",
      "delete-matching",
      "reset",
      SEEDED.otp,
    ]);
    expect(order[7]).toBe(`bubble:${otp}`); // the thread's tab stop: the message last focused there
    expect(order[8]).toBe("reply-text");

    // Esc leaves the reply box for the thread; ? opens the shortcuts
    await page.keyboard.press("Escape");
    expect(await focused(page)).toBe(`bubble:${otp}`);
    await page.keyboard.press("?");
    await page.locator("#shortcuts").waitFor();
    await page.keyboard.press("Escape");
    await page.locator("#shortcuts").waitFor({ state: "hidden" });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("on a phone, Enter opens the thread and Esc goes back to the list", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 390, height: 844 });
    await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).waitFor();
    await page.keyboard.press("j");
    expect(await focused(page)).toBe((await listedPhones(page))[0]);
    await page.keyboard.press("j");
    const second = (await listedPhones(page))[1]!;
    expect(await focused(page)).toBe(second);
    await page.keyboard.press("Enter");
    await page.locator(".thread-pane").waitFor();
    expect(await page.locator(".sidebar").isVisible()).toBe(false);
    await expect.poll(() => focused(page)).toMatch(/^bubble:/);
    await page.keyboard.press("Escape");
    await page.locator(".sidebar").waitFor();
    expect(await focused(page)).toBe(second);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the colour scheme", () => {
  const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
  const stored = (page: Page) => page.evaluate(() => localStorage.getItem("smsc-inbox-theme"));

  it("follows prefers-color-scheme, and the toggle's choice is remembered across reloads", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1280, colorScheme: "dark" });
    expect(await theme(page)).toBe("dark");
    const bg = () =>
      page.evaluate(() => getComputedStyle(document.querySelector(".sidebar")!).backgroundColor);
    expect(await bg()).toBe("rgb(17, 24, 39)");
    // the system changes: the page follows while no choice is stored
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => theme(page)).toBe("light");
    expect(await bg()).toBe("rgb(255, 255, 255)");
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => theme(page)).toBe("dark");

    // auto → dark → light → auto
    expect(await page.locator("#theme-label").textContent()).toBe("Auto");
    await page.click("#theme");
    expect([await theme(page), await stored(page)]).toEqual(["dark", "dark"]);
    await page.click("#theme");
    expect([await theme(page), await stored(page)]).toEqual(["light", "light"]);
    expect(await page.locator("#theme").getAttribute("aria-label")).toBe("Theme: light");
    await page.reload();
    await page.locator("#live.up").waitFor();
    expect(await theme(page)).toBe("light"); // the system is still dark: the choice wins
    expect(await bg()).toBe("rgb(255, 255, 255)");
    await page.click("#theme");
    expect([await theme(page), await stored(page)]).toEqual(["dark", null]);
    expect(await page.locator("#theme").getAttribute("aria-label")).toBe("Theme: follows the system (dark)");
    expect(problems).toEqual([]);
    await page.close();
  });
});
