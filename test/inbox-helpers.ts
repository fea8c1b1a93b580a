// Helpers of the web inbox's browser tests: a sandbox whose clock can be moved (for day separators), a callback
// handler on 127.0.0.1 that refuses some calls, a realistic set of messages of every kind, and a page that records
// every console error and page error (a CSP violation shows up as one).

import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";

export const DAY = 86_400_000;

/** Numbers of the seeded conversations. */
export const SEEDED = {
  otp: "77011234567",
  flash: "77017654321",
  viber: "77021112233",
  hlr: "77051234567",
  voice: "77071234567",
  scheduled: "77081234567",
  failed: "77000000020",
  shop: "77751234567",
} as const;

/** A callback handler that answers 503 for calls about `refusePhone` and 200 for the others. */
export async function startHandler(refusePhone: string) {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      calls.push(body);
      const refused = body.includes(refusePhone);
      res.writeHead(refused ? 503 : 200, { "Content-Type": "text/plain" });
      res.end(refused ? "busy" : "OK");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/smsc-callback`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A sandbox whose clock runs `shift.ms` behind the real one (set it, send, set it back). */
export async function startInboxSandbox(callbackUrl?: string) {
  const shift = { ms: 0 };
  const sb = await startSandbox({
    port: 0,
    rateLimits: false,
    clock: () => Date.now() - shift.ms,
    delays: { sentMs: 30, deliveredMs: 60 },
    accounts: [{ login: "shop", password: "shop-pw", balance: 50, currency: "RUB", sender: "SHOP" }],
    ...(callbackUrl
      ? {
          callbacks: { demo: callbackUrl },
          callbackRetry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 40, timeoutMs: 2000 },
        }
      : {}),
  });
  return { sb, shift };
}

/** Sends one message of every kind the inbox shows, over three days, and an incoming reply. */
export async function seedInbox(sb: Sandbox, shift: { ms: number }) {
  const demo = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
  const shop = new Smsc({ login: "shop", password: "shop-pw", baseUrl: sb.url });
  shift.ms = 2 * DAY;
  await demo.send({ phones: SEEDED.otp, message: "Your code is 4821", sender: "ACME" });
  shift.ms = DAY;
  await demo.send({
    phones: SEEDED.otp,
    message: "Ваш код для входа: 531 904. Никому его не сообщайте 🔒",
    sender: "ACME",
  });
  await demo.send({ phones: SEEDED.failed, message: "Order #1042 has shipped", sender: "ACME" });
  shift.ms = 0;
  await demo.send({
    phones: SEEDED.flash,
    message: "Your courier is at the door",
    format: "flash",
    sender: "ACME",
  });
  await demo.send({
    phones: SEEDED.viber,
    message: "Скидка 20% на всё до воскресенья 🎉",
    format: "viber",
    sender: "ACME",
  });
  await demo.send({ phones: SEEDED.hlr, format: "hlr" });
  await demo.send({ phones: SEEDED.voice, message: "code", format: "call" });
  const tomorrow = new Date(Date.now() + DAY);
  tomorrow.setUTCHours(9, 30, 0, 0);
  await demo.send({
    phones: SEEDED.scheduled,
    message: "Reminder: your appointment is today at 11:00",
    time: tomorrow,
  });
  await shop.send({ phones: SEEDED.shop, message: "Your order is ready for pickup" });
  await fetch(`${sb.url}/api/v1/incoming`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone: SEEDED.otp, text: "Thanks! 👍" }),
  });
}

/** Resolves once `ok()` holds (checked every 20 ms; the test's timeout bounds it). */
export async function waitUntil(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 20));
}

/**
 * A seeded sandbox with a callback handler that refuses the failed number's calls, once every message has reached
 * its final status (the scheduled one waits for tomorrow) and every callback its last attempt.
 */
export async function startSeededInbox() {
  const handler = await startHandler(SEEDED.failed);
  const { sb, shift } = await startInboxSandbox(handler.url);
  await seedInbox(sb, shift);
  await waitUntil(() => sb.messages().every((m) => m.status >= 1 || m.phone === SEEDED.scheduled));
  await sb.callbacks.idle();
  return {
    sb,
    async close() {
      await sb.close();
      await handler.close();
    },
  };
}

/** A page of the inbox at a width, in a colour scheme, that records errors into `problems`. */
export async function openInbox(
  browser: Browser,
  url: string,
  o: { width: number; height?: number; colorScheme?: "light" | "dark" } = { width: 1280 },
): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  const page = await browser.newPage({
    viewport: { width: o.width, height: o.height ?? 820 },
    locale: "en-US",
    timezoneId: "UTC",
    colorScheme: o.colorScheme ?? "light",
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("dialog", (d) => void d.accept());
  // a step that waits longer than this fails naming its locator, inside the test's own 20 s
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  await page.locator("#live.up").waitFor();
  return { page, problems };
}

/** The numbers of the conversations in the list, top to bottom. */
export function listedPhones(page: Page): Promise<Array<string | null>> {
  return page.locator(".conversation").evaluateAll((els) => els.map((e) => e.getAttribute("data-phone")));
}
