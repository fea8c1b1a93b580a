// What the web inbox shows, in real Chromium: every message kind (flash, Viber, HLR with its result, voice, a
// scheduled send with its date), day separators, English chrome with the service's Russian status names beside, the
// message details' tabs, the callbacks panel, the filters and search syntax, and emoji drawn in colour.

import type { Browser, Page } from "playwright-core";
import { Smsc } from "smsc";
import type { Sandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { listedPhones, openInbox, SEEDED, startSeededInbox, waitUntil } from "./inbox-helpers.js";

let seeded: Awaited<ReturnType<typeof startSeededInbox>>;
let sb: Sandbox;
let browser: Browser;
let smsc: Smsc;

beforeAll(async () => {
  seeded = await startSeededInbox();
  sb = seeded.sb;
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await seeded?.close();
});

async function openConversation(page: Page, phone: string) {
  await page.locator(`.conversation[data-phone="${phone}"]`).click();
  await expect.poll(() => page.locator("#thread-title").textContent()).toContain(phone.slice(-2));
  await page.locator("#thread .bubble").first().waitFor();
}

describe("message kinds", () => {
  it("flash, Viber, HLR with its result, voice and a scheduled send look like what they are", async () => {
    await smsc.send({ phones: SEEDED.failed, format: "hlr" });
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });

    await openConversation(page, SEEDED.flash);
    const flash = page.locator(".bubble.k-flash");
    expect(await flash.locator(".kind").textContent()).toBe("Flash SMS");
    expect(await flash.locator(".kind-note").textContent()).toBe(
      "Flash SMS: shown on the screen at once and not saved.",
    );

    await openConversation(page, SEEDED.viber);
    expect(await page.locator(".bubble.k-viber .kind").textContent()).toBe("Viber");
    expect(await page.locator(".bubble.k-viber .units").textContent()).toBe("1 message · 10.00 KZT");

    await openConversation(page, SEEDED.hlr);
    const hlr = page.locator(".bubble.k-hlr");
    expect(await hlr.locator(".kind").textContent()).toBe("HLR lookup");
    // the list's message carries no HLR data: the bubble reads it from the single-message view
    await expect
      .poll(() => hlr.locator(".result").textContent())
      .toBe("Reachable · Beeline, Kazakhstan · IMSI 401017051234567 · MSC 77059999999");
    expect(await hlr.locator(".text").count()).toBe(0); // no empty text line

    await waitUntil(() => sb.messages({ phone: SEEDED.failed, limit: 1 })[0]!.status === 20);
    await openConversation(page, SEEDED.failed);
    await expect
      .poll(() => page.locator(".bubble.k-hlr .result.failed").textContent())
      .toBe("Not reachable: The subscriber does not exist (error 1)");

    await openConversation(page, SEEDED.voice);
    const call = page.locator(".bubble.k-call");
    expect(await call.locator(".kind").textContent()).toBe("Voice call");
    expect(await call.locator(".text").textContent()).toMatch(/^\d{4}$/);
    expect(await call.locator(".kind-note").textContent()).toBe(
      "Read out to the subscriber in a voice call.",
    );

    await openConversation(page, SEEDED.scheduled);
    const planned = page.locator(".bubble .scheduled");
    const sendAt = sb.messages({ phone: SEEDED.scheduled })[0]!.sendAt;
    const date = new Intl.DateTimeFormat("en-GB", {
      timeZone: "UTC",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).format(new Date(sendAt));
    expect(await planned.textContent()).toMatch(
      new RegExp(`^Scheduled for ${date} · leaves in \\d+ (h|day)`),
    );
    expect(date).toMatch(/09:30:00$/);
    expect(await page.locator(".bubble .badge").textContent()).toBe("Waiting to be sentОжидает отправки");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("dates: a separator for each day; statuses in English with the Russian name beside; English chrome", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await openConversation(page, SEEDED.otp);
    await page.locator(".bubble", { hasText: "Thanks!" }).waitFor();
    const days = await page.locator("#thread .day").allTextContents();
    expect(days).toHaveLength(3);
    expect(days[0]).toMatch(
      /^(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), \d{1,2} [A-Z][a-z]+ \d{4}$/,
    );
    expect(days.slice(1)).toEqual(["Yesterday", "Today"]);

    const badge = page.locator(".bubble", { hasText: "4821" }).locator(".badge");
    expect(await badge.evaluate((b) => b.firstChild!.textContent)).toBe("Delivered");
    expect(await badge.locator(".ru").textContent()).toBe("Доставлено");
    expect(await badge.locator(".ru").getAttribute("lang")).toBe("ru");

    await openConversation(page, SEEDED.failed);
    const failed = page.locator(".bubble", { hasText: "Order #1042" });
    expect(await failed.locator(".badge.failed").textContent()).toBe(
      "Impossible to deliverНевозможно доставить",
    );
    expect(await failed.locator(".err-line").textContent()).toBe("Error 1: The subscriber does not exist");
    await failed.click();
    await page.locator("#panel-overview .timeline li").first().waitFor();

    // no Russian outside the messages' own content and the marked Russian names
    const stray = await page.evaluate(() => {
      const skip =
        "[lang=ru], .text, .part-text, .conv-snippet, pre, code, mark, .chars, .alt, #panel-request";
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement!;
        if (parent.closest(skip) || parent.closest("[hidden]")) continue;
        if (/[А-Яа-яЁё]/.test(n.textContent ?? "")) found.push(n.textContent!);
      }
      return found;
    });
    expect(stray).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("message details", () => {
  it("overview, the parts as the phone receives them with UCS-2 marked, the request, and the checks", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await openConversation(page, SEEDED.otp);
    const bubble = page.locator(".bubble", { hasText: "531 904" });
    const id = Number(await bubble.getAttribute("data-id"));
    const detail = await (await fetch(`${sb.url}/api/v1/messages/${id}`)).json();
    await bubble.click();
    await expect.poll(() => page.locator("#detail-title").textContent()).toBe("SMS to +7 701 123 45 67");

    const overview = page.locator("#panel-overview");
    await overview.locator(".timeline li").first().waitFor();
    expect(await overview.locator(".timeline li span").first().textContent()).toBe(
      "Waiting to be sent · Ожидает отправки",
    );
    expect(await overview.locator(".kv").textContent()).toContain("FormatSMS · type 0");

    await page.click("#tab-parts");
    const parts = page.locator("#panel-parts");
    expect(await parts.locator(".part").count()).toBe(detail.analysis.parts.length);
    expect(await parts.locator(".part-text").first().textContent()).toBe(detail.analysis.parts[0]);
    const marked = (await parts.locator(".part-text mark.ucs2").allTextContents()).join("");
    expect([...new Set(marked)].sort()).toEqual([...detail.analysis.ucs2Chars].sort());
    expect(await parts.locator(".part-text mark.ucs2").first().textContent()).toBe("Ваш");
    expect(await parts.locator(".chars mark").allTextContents()).toEqual(detail.analysis.ucs2Chars);
    expect(detail.analysis.ucs2Chars).toContain("🔒");
    expect(await parts.locator("#gsm7-alternative pre").textContent()).toBe(
      detail.analysis.gsm7Alternative.text,
    );
    expect(detail.analysis.gsm7Alternative.text).toMatch(/^Vash kod dlya vhoda: 531 904\./);

    await page.click("#tab-request");
    const request = page.locator("#panel-request");
    const keys = await request.locator(".kv dt").allTextContents();
    expect(keys).toEqual(expect.arrayContaining(["phones", "mes", "sender", "id"]));
    expect(keys).not.toEqual(expect.arrayContaining(["psw"]));
    expect(keys).not.toContain("login");
    const mes = request.locator(".kv dt", { hasText: /^mes$/ }).locator("xpath=following-sibling::dd[1]");
    expect(await mes.textContent()).toBe(detail.text);
    expect(await request.locator("pre.raw").textContent()).toBe(
      new URLSearchParams(detail.request).toString(),
    );

    await page.click("#tab-checks");
    const checks = page.locator("#panel-checks .check");
    const rows = await checks.evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-level"), e.querySelector(".what")!.textContent]),
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        ["ok", 'Sender "ACME" is a valid alphanumeric name'],
        ["ok", "Number +7 701 123 45 67"],
        ["warn", `UCS-2: ${detail.analysis.ucs2Chars.length} characters force it`],
        ["ok", "Cost 10.00 KZT"],
      ]),
    );
    expect(await checks.filter({ hasText: "Cost" }).locator(".why").textContent()).toBe("1 part × 10.00 KZT");
    expect(await checks.filter({ hasText: "Number" }).locator(".why").textContent()).toBe(
      "Kazakhstan · Kcell",
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a two-part UCS-2 text: both parts, and the GSM-7 alternative that halves the cost; a sender that fails", async () => {
    const text = `Здравствуйте! Ваш заказ №5521 собран и ждёт вас в пункте выдачи до пятницы.`;
    await smsc.send({ phones: "77019998877", message: text, sender: "Магазин" });
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await openConversation(page, "77019998877");
    await page.locator(".bubble").click();
    await page.click("#tab-parts");
    const parts = page.locator("#panel-parts .part");
    await expect.poll(() => parts.count()).toBe(2);
    expect(await parts.locator(".part-head").allTextContents()).toEqual(["Part 1 of 2", "Part 2 of 2"]);
    expect((await parts.locator(".part-text").allTextContents()).join("")).toBe(text);
    expect(await page.locator("#gsm7-alternative p").textContent()).toBe(
      "Transliterated (send.php translit=1): 1 part, 10.00 KZT instead of 20.00 KZT.",
    );
    await page.click("#tab-checks");
    const checks = page.locator("#panel-checks .check");
    expect(await checks.filter({ hasText: "GSM-7 would cost" }).getAttribute("data-level")).toBe("warn");
    const sender = checks.filter({ hasText: "Sender" });
    expect(await sender.getAttribute("data-level")).toBe("bad");
    expect(await sender.locator(".what").textContent()).toBe('Sender "Магазин" would be refused');
    expect(await sender.locator(".why").textContent()).toContain("only Latin letters, digits");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("callbacks panel", () => {
  it("lists each attempt with its time, event, outcome, attempt and the reason of a failure, live", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    const panel = page.locator("#callbacks-panel");
    await panel.locator(".cb").first().waitFor();
    const log = (await (await fetch(`${sb.url}/api/v1/callbacks?limit=200`)).json()).callbacks as Array<{
      ok: boolean;
      at: number;
    }>;
    expect(await panel.locator(".cb").count()).toBe(log.length);
    const failedCount = log.filter((c) => !c.ok).length;
    expect(failedCount).toBeGreaterThan(0);
    expect(await page.locator("#callbacks-count").textContent()).toBe(String(failedCount));

    const gaveUp = panel.locator('.cb[data-outcome="failed"]').first();
    expect(await gaveUp.locator(".cb-event").textContent()).toBe("Delivery status");
    expect(await gaveUp.locator(".cb-outcome").textContent()).toBe("Failed · HTTP 503");
    expect(await gaveUp.locator(".cb-body").textContent()).toMatch(
      /^Message \S+ to \+7 700 000 00 20 · attempt 2 · gave up · demo$/,
    );
    expect(await gaveUp.locator(".cb-reason").textContent()).toMatch(/^Reason: .*503/);
    const retried = panel.locator('.cb[data-outcome="retrying"]').first();
    expect(await retried.locator(".cb-outcome").textContent()).toBe("Failed, will retry · HTTP 503");
    expect(await retried.locator(".cb-body").textContent()).toContain("attempt 1 · will retry");
    const ok = panel.locator('.cb[data-outcome="ok"]').first();
    expect(await ok.locator(".cb-outcome").textContent()).toBe("OK · HTTP 200");
    expect(await ok.locator(".cb-reason").count()).toBe(0);
    // readable times, today's without the date, each the moment the log recorded
    for (const t of await panel.locator(".cb-time").allTextContents())
      expect(t).toMatch(/^(\d{1,2} [A-Z][a-z]{2} \d{4}, )?\d\d:\d\d:\d\d$/);
    expect(
      await panel.locator(".cb-time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime"))),
    ).toEqual(log.map((c) => new Date(c.at).toISOString()));
    expect(await panel.textContent()).not.toMatch(/\d{13}/); // no unix-ms times

    // a new callback appears without a reload
    const before = await panel.locator(".cb").count();
    await smsc.send({ phones: "77012223344", message: "live callback" });
    await expect.poll(() => panel.locator(".cb").count()).toBeGreaterThan(before);
    await expect.poll(() => panel.locator(".cb-body").first().textContent()).toContain("to +7 701 222 33 44");

    // the failed message's overview lists its callbacks
    await openConversation(page, SEEDED.failed);
    await page.locator(".bubble", { hasText: "Order #1042" }).click();
    const own = page.locator("#panel-overview .callbacks .cb");
    await expect.poll(() => own.count()).toBeGreaterThan(0);
    expect(await own.first().getAttribute("data-outcome")).toBe("failed");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("below 1180 px it opens as a drawer from the top bar and Esc closes it", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 820, height: 900 });
    await page.locator("#callbacks-toggle").waitFor();
    expect(await page.locator("#callbacks-panel").isVisible()).toBe(false);
    await page.click("#callbacks-toggle");
    await page.locator("#callbacks-panel .cb").first().waitFor();
    expect(await page.locator("#callbacks-toggle").getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Escape");
    await page.locator("#callbacks-panel").waitFor({ state: "hidden" });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("filters and the search syntax", () => {
  it("status, format, origin, sender, number, account and free text narrow the list; errors are explained", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await page.locator(`.conversation[data-phone="${SEEDED.otp}"]`).waitFor();
    const search = async (q: string) => {
      await page.fill("#search", q);
      await page.press("#search", "Enter");
    };

    await search("status:failed");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.failed]);
    expect(await page.inputValue("#f-status")).toBe("failed");

    // the format filter adds its token to the search
    await page.selectOption("#f-format", "flash");
    expect(await page.inputValue("#search")).toBe("status:failed format:flash");
    await expect.poll(() => listedPhones(page)).toEqual([]);
    expect(await page.locator("#empty").textContent()).toBe("Nothing matches the search.");
    await page.selectOption("#f-status", "");
    expect(await page.inputValue("#search")).toBe("format:flash");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.flash]);

    // the sender filter offers every sender seen, and writes from:
    await search("");
    const senders = [...new Set(sb.messages().map((m) => m.sender))]
      .filter(Boolean)
      .sort((a, b) => a.localeCompare(b));
    expect(senders).toEqual(expect.arrayContaining(["ACME", "SHOP", "SMSC.KZ"]));
    await expect
      .poll(() => page.locator("#f-sender option").allTextContents())
      .toEqual(["Sender", ...senders]);
    await page.selectOption("#f-sender", "SHOP");
    expect(await page.inputValue("#search")).toBe("from:SHOP");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.shop]);

    // sender and part of the number; incoming SMS are left out once a sent-only key is used
    await search("from:acme to:7701");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.flash, SEEDED.otp]);
    await search("to:+7 701 123");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.otp]);
    expect(await page.locator(".conversation .conv-snippet").textContent()).toBe("↩ Thanks! 👍");

    await search("origin:smpp");
    await expect.poll(() => listedPhones(page)).toEqual([]);
    await page.selectOption("#f-origin", "http");
    await expect.poll(() => listedPhones(page).then((p) => p.length)).toBeGreaterThan(5);
    await search("origin:http login:shop");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.shop]);
    expect(await page.inputValue("#account")).toBe("shop");
    expect(await page.locator("#balance").textContent()).toBe("shop: 40.00 RUB");

    await search("courier");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.flash]);
    await search('"appointment is today"');
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.scheduled]);

    await search("format:fax courier");
    await expect
      .poll(() => page.locator("#search-hint").textContent())
      .toMatch(/^format:fax is not a format \(sms, flash, /);
    expect(await page.locator("#search-hint").getAttribute("class")).toContain("error");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.flash]);

    // delete matching deletes what the filters select, nothing else
    const before = sb.messages().length;
    const flashCount = sb.messages({ phone: SEEDED.flash }).length;
    await search("format:flash");
    await expect.poll(() => listedPhones(page)).toEqual([SEEDED.flash]);
    await page.click("#delete-matching");
    await expect.poll(() => sb.messages().length).toBe(before - flashCount);
    await expect.poll(() => listedPhones(page)).toEqual([]);
    await search("");
    await expect.poll(() => listedPhones(page).then((p) => p.includes(SEEDED.otp))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("emoji", () => {
  it("are drawn in colour (a colour emoji font is installed and used)", async () => {
    const { page, problems } = await openInbox(browser, sb.url, { width: 1400, height: 900 });
    await openConversation(page, SEEDED.otp);
    const text = page.locator(".bubble.own .text", { hasText: "Thanks!" });
    expect(await text.textContent()).toBe("Thanks! 👍");
    const colourful = await text.evaluate((node) => {
      const canvas = document.createElement("canvas");
      canvas.width = 64;
      canvas.height = 64;
      const ctx = canvas.getContext("2d")!;
      ctx.font = `48px ${getComputedStyle(node).fontFamily}`;
      ctx.textBaseline = "top";
      ctx.fillText("👍", 4, 4);
      const px = ctx.getImageData(0, 0, 64, 64).data;
      let coloured = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
        if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
      return coloured;
    });
    // a monochrome glyph or an empty box has no saturated pixels; the colour thumb has hundreds
    expect(colourful).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    await page.close();
  });
});
