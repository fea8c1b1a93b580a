// The web inbox in real Chromium for what wait_call.php, voice codes and short links add: the Calls panel lists the
// confirmation requests live, its button plays the subscriber's call (the handler gets the signed waitcall callback,
// the callbacks panel shows it), and a voice code is a call bubble with its voice and code.
import type { Browser, Page } from "playwright-core";
import { Smsc, verifyCallback } from "smsc";
import { type CallbackReceiver, type Sandbox, startCallbackReceiver, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { openInbox } from "./inbox-helpers.js";

let browser: Browser;
let sb: Sandbox;
let receiver: CallbackReceiver;
let smsc: Smsc;

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  sb = await startSandbox({ rateLimits: false, callbacks: { demo: `${receiver.url}?md5=inbox-secret` } });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
  await receiver?.close();
});

const openConversation = async (page: Page, phone: string) => {
  await page.locator(`.conversation[data-phone="${phone}"]`).click();
  await page.locator(`#thread-title`, { hasText: phone.slice(-2) }).waitFor();
};

describe("the Calls panel", () => {
  it("lists requests live, plays the subscriber's call, and the handler gets the signed waitcall callback", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await page.click("#calls-toggle");
    const panel = page.locator("#calls-panel");
    await panel.waitFor();
    expect(await page.locator("#calls-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(await panel.locator("li").textContent()).toContain("No confirmation calls yet");

    const { phone: callTo } = await smsc.waitCall({ phone: "+77011234567" });
    const item = panel.locator(".call").first();
    await item.waitFor();
    expect(await item.getAttribute("data-state")).toBe("waiting");
    expect(await item.locator(".cb-event").textContent()).toBe("+7 701 123 45 67");
    expect(await item.locator(".cb-body").textContent()).toBe("is to call +7 700 999 00 01 · demo");
    expect(await item.locator(".cb-outcome").textContent()).toBe("Waiting for the call");
    await expect.poll(() => page.locator("#calls-count").textContent()).toBe("1");
    const button = item.locator(".call-button");
    expect(await button.textContent()).toBe("📞 Call +7 700 999 00 01 from +7 701 123 45 67");
    expect(callTo).toBe("77009990001");

    await button.click();
    const { callback } = await receiver.waitFor({ kind: "waitcall", phone: "77011234567" });
    expect(verifyCallback(callback, "inbox-secret")).toBe(true);
    await expect.poll(() => panel.locator(".call").first().getAttribute("data-state")).toBe("confirmed");
    expect(await panel.locator(".call .cb-outcome").first().textContent()).toBe("Called");
    await expect.poll(() => page.locator("#calls-count").textContent()).toBe("");

    // the callbacks panel names the call
    await page.click("#callbacks-toggle");
    const cb = page.locator("#callbacks-panel .cb").first();
    await cb.waitFor();
    expect(await cb.locator(".cb-event").textContent()).toBe("Confirmation call");
    expect(await cb.locator(".cb-body").textContent()).toMatch(
      /^Call from \+7 701 123 45 67 · attempt 1 · done · demo$/,
    );
    expect(await page.locator("#calls-panel").isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens as a drawer on a phone's width, without sideways scroll, and Esc closes it", async () => {
    await smsc.waitCall({ phone: "77017654321" });
    const { page, problems } = await openInbox(browser, sb.url, { width: 390, height: 844 });
    await page.click("#calls-toggle");
    await page.locator("#calls-panel .call").first().waitFor();
    const overflow = await page.evaluate(() => {
      const panel = document.querySelector("#calls") as HTMLElement;
      const top = document.querySelector(".topbar") as HTMLElement;
      return [
        document.scrollingElement!.scrollWidth - window.innerWidth,
        panel.scrollWidth - panel.clientWidth,
        top.scrollWidth - top.clientWidth,
      ];
    });
    for (const v of overflow) expect(v).toBeLessThanOrEqual(0);
    await page.keyboard.press("Escape");
    await page.locator("#calls-panel").waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("calls-toggle");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("voice messages and short links in the thread", () => {
  it("shows a voice code as a call bubble with the code and the voice, and a voice text with its voice", async () => {
    const code = (await smsc.send({ phones: "77071234567", message: "code", format: "call", voice: "w" }))
      .code!;
    await smsc.send({ phones: "77071234567", message: "Your table is ready", format: "call" });
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await openConversation(page, "77071234567");
    const calls = page.locator(".bubble.k-call");
    await expect.poll(() => calls.count()).toBe(2);
    const voiced = calls.first();
    expect(await voiced.locator(".kind").textContent()).toBe("Voice call");
    expect(await voiced.locator(".text.call-code").textContent()).toBe(code);
    expect(await voiced.locator(".call-line").textContent()).toBe(
      "🔊 Generated code, read out in the female voice (w)",
    );
    expect(await voiced.getAttribute("aria-label")).toContain(`code ${code}`);
    const read = calls.nth(1);
    expect(await read.locator(".text").textContent()).toBe("Your table is ready");
    expect(await read.locator(".call-code").count()).toBe(0);
    expect(await read.locator(".call-line").textContent()).toBe("🔊 Read out in the default voice");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps a voice code whose status event came before the message's page", async () => {
    const phone = "77091234567";
    await smsc.send({ phones: phone, message: "Calling you with the code" });
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await openConversation(page, phone);
    // the pages of messages read from now on reach the inbox only after the message's first status event
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route(/\/api\/v1\/messages\?/, async (route) => {
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
    });
    const statusSeen = page.evaluate(
      (p) =>
        new Promise<void>((resolve) => {
          const es = new EventSource("/api/v1/events");
          es.addEventListener("status", (e) => {
            const m = JSON.parse((e as MessageEvent).data);
            if (m.phone !== p || m.format !== "call") return;
            es.close();
            resolve();
          });
        }),
      phone,
    );
    const code = (await smsc.send({ phones: phone, message: "code", format: "call", voice: "m" })).code!;
    await statusSeen;
    // the inbox's own stream delivers the same event at the same time: give it a moment to be handled
    await page.waitForTimeout(100);
    release();
    const bubble = page.locator(".bubble.k-call");
    await expect.poll(() => bubble.count()).toBe(1);
    await expect.poll(() => bubble.locator(".text.call-code").count()).toBe(1);
    expect(await bubble.locator(".text.call-code").textContent()).toBe(code);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the shortened text, and a message sent through REST under its origin", async () => {
    const rest = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, transport: "rest" });
    await rest.send({
      phones: "77081234567",
      message: "Sale: https://shop.example/winter?utm=sms",
      tinyUrl: true,
    });
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await openConversation(page, "77081234567");
    const bubble = page.locator(".bubble.received").first();
    expect(await bubble.locator(".text").textContent()).toMatch(new RegExp(`^Sale: ${sb.url}/t/\\w{6}$`));
    await page.fill("#search", "origin:rest");
    await page.press("#search", "Enter");
    await expect.poll(() => page.locator(".conversation").count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
