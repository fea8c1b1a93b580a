// Script injection through every adapter into the web inbox, in real Chromium: message texts and sender names over
// HTTP send.php, REST (POST /rest/send/) and SOAP (soap.php send_sms), an e-mail recipient address (mail=1), an SMTP
// letter, an SMPP submit_sm (text and source_addr), an injected incoming SMS, contact fields a group send puts into
// its texts (phones.php, %name% …), mailings (jobs.php: name, text and sender; the Mailings panel), wait_call.php
// requests (the Calls panel), and an account login (in the thread, the Mailings and the Calls panels). Every payload
// calls alert(n) if it ever runs. The page is checked twice: with its Content-Security-Policy bypassed (so the page's
// own escaping is what is tested) and with it in force. No dialog, no page error, no element or event handler of a
// payload in the DOM, and every payload shown as text. The inbox shows no group names and no senders.php listing
// (only the sender names of messages); the group's name is a payload all the same, for the day it does.
import type { Browser, Page } from "playwright-core";
import { Smsc } from "smsc";
import { SmppClient } from "smsc/smpp";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium.js";
import { rawExchange } from "../raw-wire.js";
import { callSys } from "../sandbox-helpers.js";
import { SOAP_NS, soapEnvelope } from "../soap-helpers.js";
import { report, timeLimit } from "./scale.js";
import { SHORT_XSS_PAYLOADS, XSS_PAYLOADS } from "./xss-payloads.js";

const EVIL_LOGIN = "<img src=x onerror=alert(777)>";
const PHONES = {
  http: "77011110001",
  smtp: "77011110002",
  smpp: "77011110003",
  incoming: "77011110004",
  login: "77011110005",
  rest: "77011110006",
  soap: "77011110007",
  mailing: "77011110008",
  evilMailing: "77011110009",
  waitCall: "77011110010",
  evilWaitCall: "77011110011",
} as const;
/** Contact fields a text can name, four payloads per contact: `%name% %fnm% %lnm% %cmt%`. */
const CONTACT_FIELDS = ["name", "fnm", "lnm", "cmt"] as const;
/** The contacts' numbers, one per four payloads. */
const CONTACT_PHONES = Array.from(
  { length: Math.ceil(XSS_PAYLOADS.length / CONTACT_FIELDS.length) },
  (_, i) => `770111102${String(i).padStart(2, "0")}`,
);
const EMAIL_RECIPIENTS = ["<svg/onload=alert(901)>@x.io", '"><img/src=x/onerror=alert(902)>@y.io'];

let sb: Sandbox;
let browser: Browser;

/** The mailings the Mailings panel must show as text: name, `phones — text` and `#id · login`. */
const mailings: Array<{ name: string; line: string; login: string }> = [];
/** The wait_call.php requests the Calls panel must show: the subscriber's number and the account. */
const waitCalls: Array<{ phone: string; login: string }> = [];

/** What each adapter stored, for the checks: phone → the texts and senders it must show as text. */
const expected = new Map<string, { texts: string[]; senders: string[] }>();
const remember = (phone: string, text: string, sender?: string) => {
  const e = expected.get(phone) ?? { texts: [], senders: [] };
  e.texts.push(text);
  if (sender !== undefined) e.senders.push(sender);
  expected.set(phone, e);
};

async function inject(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  // HTTP: the text and the sender name of a send
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    const r = await callSys(sb.url, "send", [
      ["login", "xss"],
      ["psw", "xss-pw"],
      ["phones", PHONES.http],
      ["mes", p],
      ["sender", XSS_PAYLOADS[(i + 7) % XSS_PAYLOADS.length]!],
      ["charset", "utf-8"],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(r.text)).toHaveProperty("cnt");
    remember(PHONES.http, p, XSS_PAYLOADS[(i + 7) % XSS_PAYLOADS.length]);
    count("http text+sender");
  }
  // HTTP mail=1: the recipient address is the conversation's name
  for (const address of EMAIL_RECIPIENTS) {
    const r = await callSys(sb.url, "send", [
      ["login", "xss"],
      ["psw", "xss-pw"],
      ["phones", address],
      ["mes", "an e-mail"],
      ["subj", XSS_PAYLOADS[0]!],
      ["mail", "1"],
      ["charset", "utf-8"],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(r.text)).toHaveProperty("cnt");
    remember(address, "an e-mail");
    count("http mail recipient");
  }
  // SMTP: the letter's text and sender field (which may hold neither ":" nor ",")
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    const sender = SHORT_XSS_PAYLOADS[i % SHORT_XSS_PAYLOADS.length]!.replace(/[:,]/g, "");
    const letter = `Content-Type: text/plain; charset=utf-8\r\n\r\nxss:xss-pw::0:0,0,${sender},0:${PHONES.smtp}:${p.replace(/^\./gm, "..")}\r\n.\r\n`;
    const raw = await rawExchange(
      sb.smtpPort!,
      `EHLO xss\r\nMAIL FROM:<x@y.z>\r\nRCPT TO:<send@send.smsc.kz>\r\nDATA\r\n${letter}QUIT\r\n`,
    );
    expect(raw).toMatch(/\r\n250 OK - 1 SMS/);
    remember(PHONES.smtp, p, sender);
    count("smtp text+sender");
  }
  // SMPP: short_message and source_addr
  const smpp = new SmppClient({
    systemId: "xss",
    password: "xss-pw",
    host: "127.0.0.1",
    port: sb.smppPort!,
    reconnect: false,
    registeredDelivery: false,
  });
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    const from = SHORT_XSS_PAYLOADS[i % SHORT_XSS_PAYLOADS.length]!;
    await smpp.submit({ to: PHONES.smpp, text: p, from });
    remember(PHONES.smpp, p, from);
    count("smpp text+source_addr");
  }
  await smpp.close();
  // an incoming SMS
  for (const p of XSS_PAYLOADS) {
    const res = await fetch(`${sb.url}/api/v1/incoming`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "xss", phone: PHONES.incoming, to: "77001112233", text: p }),
    });
    expect(res.status).toBe(200);
    remember(PHONES.incoming, p);
    count("incoming text");
  }
  // REST: a JSON body's text and sender name
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    const sender = XSS_PAYLOADS[(i + 11) % XSS_PAYLOADS.length]!;
    const res = await fetch(`${sb.url}/rest/send/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "xss", psw: "xss-pw", phones: PHONES.rest, mes: p, sender }),
    });
    expect(await res.json()).toHaveProperty("cnt");
    remember(PHONES.rest, p, sender);
    count("rest text+sender");
  }
  // SOAP: send_sms's mes and sender, escaped as XML text in the envelope
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    const sender = XSS_PAYLOADS[(i + 13) % XSS_PAYLOADS.length]!;
    const res = await fetch(`${sb.url}/sys/soap.php`, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", SOAPAction: `"${SOAP_NS}"` },
      body: soapEnvelope("send", {
        login: "xss",
        psw: "xss-pw",
        phones: PHONES.soap,
        mes: p,
        id: "",
        sender,
        time: "0",
      }),
    });
    expect(await res.text()).toMatch(/<cnt>\d+<\/cnt>/);
    remember(PHONES.soap, p, sender);
    count("soap text+sender");
  }
  // phones.php: contacts whose fields are payloads, in a group whose name is one; a group send puts the fields into
  // each contact's text
  const group = await callSys(sb.url, "phones", [
    ["login", "xss"],
    ["psw", "xss-pw"],
    ["add_group", "1"],
    ["name", XSS_PAYLOADS[9]!],
    ["num", "77"],
    ["fmt", "3"],
  ]);
  const groupId = JSON.parse(group.text).id;
  expect(groupId).toBeGreaterThan(0);
  count("phones.php group name");
  for (const [c, phone] of CONTACT_PHONES.entries()) {
    const fields = CONTACT_FIELDS.map(
      (f, k) => [f, XSS_PAYLOADS[(c * CONTACT_FIELDS.length + k) % XSS_PAYLOADS.length]!] as [string, string],
    );
    const r = await callSys(sb.url, "phones", [
      ["login", "xss"],
      ["psw", "xss-pw"],
      ["add", "1"],
      ["phone", phone],
      ["grp", String(groupId)],
      ...fields,
      ["fmt", "3"],
    ]);
    expect(JSON.parse(r.text)).toHaveProperty("id");
    remember(phone, fields.map(([, v]) => v).join(" "));
    for (let k = 0; k < fields.length; k++) count("phones.php contact field");
  }
  const groupSend = await callSys(sb.url, "send", [
    ["login", "xss"],
    ["psw", "xss-pw"],
    ["phones", "G77"],
    ["mes", CONTACT_FIELDS.map((f) => `%${f}%`).join(" ")],
    ["charset", "utf-8"],
    ["fmt", "3"],
  ]);
  expect(JSON.parse(groupSend.text)).toHaveProperty("cnt");
  // jobs.php: a mailing's name, text and sender; the inbox's Mailings panel shows the first two, the thread the rest
  const mailing = async (
    account: [login: string, psw: string],
    phone: string,
    name: string,
    mes: string,
    sender?: string,
  ) => {
    const r = await callSys(sb.url, "jobs", [
      ["login", account[0]],
      ["psw", account[1]],
      ["add", "1"],
      ["name", name],
      ["phones", phone],
      ["mes", mes],
      ...(sender === undefined ? [] : [["sender", sender] as [string, string]]),
      ["charset", "utf-8"],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(r.text)).toHaveProperty("id");
    mailings.push({ name, line: `${phone} — ${mes}`, login: account[0] });
    remember(phone, mes, sender);
  };
  for (const [i, p] of XSS_PAYLOADS.entries()) {
    const name = XSS_PAYLOADS[(i + 17) % XSS_PAYLOADS.length]!;
    await mailing(
      ["xss", "xss-pw"],
      PHONES.mailing,
      name,
      p,
      SHORT_XSS_PAYLOADS[i % SHORT_XSS_PAYLOADS.length],
    );
    count("jobs.php name+text+sender");
  }
  await mailing([EVIL_LOGIN, "evil-pw"], PHONES.evilMailing, "from the evil account", "a mailing");
  count("account login (mailings)");
  // the runs that are due now, so their messages are in the threads before the page opens
  await sb.control.mailings.run();
  // wait_call.php: the Calls panel shows the numbers (digits only) and the account's login
  for (const [login, password, phone] of [
    ["xss", "xss-pw", PHONES.waitCall],
    [EVIL_LOGIN, "evil-pw", PHONES.evilWaitCall],
  ] as const) {
    await new Smsc({ login, password, baseUrl: sb.url }).waitCall({ phone });
    waitCalls.push({ phone, login });
  }
  count("account login (calls)");
  // an account whose login is a payload
  const r = await callSys(sb.url, "send", [
    ["login", EVIL_LOGIN],
    ["psw", "evil-pw"],
    ["phones", PHONES.login],
    ["mes", "from the evil account"],
    ["fmt", "3"],
  ]);
  expect(JSON.parse(r.text)).toHaveProperty("cnt");
  remember(PHONES.login, "from the evil account");
  count("account login");
  return counts;
}

/** Elements or attributes no inbox element has, and a payload would bring. */
const INJECTED = [
  "script",
  "img",
  "svg",
  "iframe",
  "object",
  "embed",
  "video",
  "audio",
  "math",
  "marquee",
  "style",
  "link",
  "meta",
  "base",
  "form:not(#reply):not(#search-form)",
  "input:not(#search):not(#reply-text)",
  "textarea",
  "template",
  "noscript",
  "isindex",
  // the inbox's one link is its skip link
  "a:not(.skip)",
  "[onerror]",
  "[onload]",
  "[onfocus]",
  "[onclick]",
  "[onmouseover]",
  "[ontoggle]",
  "[onbegin]",
  "[onstart]",
  "[onanimationstart]",
  "[formaction]",
]
  .map((s) => `body ${s}`)
  .join(", ");

async function checkPage(page: Page, hits: string[]) {
  await page.goto(sb.url);
  await page.locator("#live.up").waitFor();
  for (const [phone, e] of expected) {
    await page.locator(`.conversation[data-phone="${phone.replace(/["\\]/g, "\\$&")}"]`).click();
    await expect
      .poll(() => page.locator("#thread .bubble").count(), { timeout: 10_000 })
      .toBe(e.texts.length);
    const texts = await page.locator("#thread .bubble .text").allTextContents();
    expect(texts.sort()).toEqual([...e.texts].sort());
    if (e.senders.length) {
      const senders = await page.locator("#thread .bubble .sender").allTextContents();
      expect(senders.sort()).toEqual([...e.senders].sort());
    }
    // open every details panel too: the stored fields (sender, login) render there
    await page.locator("#thread details").evaluateAll((ds) => {
      for (const d of ds) (d as HTMLDetailsElement).open = true;
    });
    expect(await page.locator(INJECTED).count()).toBe(0);
  }
  // the Mailings panel: each name, numbers and text, and account as text
  await page.click("#mailings-toggle");
  const cards = page.locator("#mailings-panel .mailing");
  await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(mailings.length);
  expect((await cards.locator(".cb-event").allTextContents()).sort()).toEqual(
    mailings.map((m) => m.name).sort(),
  );
  expect((await cards.locator(".cb-url").allTextContents()).sort()).toEqual(
    mailings.map((m) => m.line).sort(),
  );
  const owners = await cards.locator(".cb-time").allTextContents();
  expect(owners.map((t) => t.replace(/^#\d+ · /, "")).sort()).toEqual(mailings.map((m) => m.login).sort());
  expect(await page.locator(INJECTED).count()).toBe(0);
  // the Calls panel: who is to call, for which account
  await page.click("#calls-toggle");
  const calls = page.locator("#calls-panel .call");
  await expect.poll(() => calls.count(), { timeout: 10_000 }).toBe(waitCalls.length);
  const bodies = await calls.locator(".cb-body").allTextContents();
  expect(bodies.map((t) => t.replace(/^is to call [+\d ]+ · /, "")).sort()).toEqual(
    waitCalls.map((w) => w.login).sort(),
  );
  expect(await page.locator(INJECTED).count()).toBe(0);
  await page.click("#calls-close");
  await page.locator("#calls-panel").waitFor({ state: "hidden" });
  await page.selectOption("#account", EVIL_LOGIN);
  await page.locator(`.conversation[data-phone="${PHONES.login}"]`).waitFor();
  await page.fill("#search", XSS_PAYLOADS[3]!);
  await page.locator(".conversation").first().waitFor();
  expect(await page.locator(INJECTED).count()).toBe(0);
  // a payload that ran before the checks above (an inline script, an error handler) left a dialog or an error
  expect(hits).toEqual([]);
}

beforeAll(async () => {
  sb = await startSandbox({
    smtpPort: 0,
    smppPort: 0,
    rateLimits: false,
    delays: { sentMs: 50, deliveredMs: 100 },
    accounts: [
      { login: "xss", password: "xss-pw", balance: 1_000_000 },
      { login: EVIL_LOGIN, password: "evil-pw" },
    ],
  });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe("script injection through every adapter into the web inbox (Chromium)", () => {
  it("never runs a payload, with or without the page's CSP", { timeout: timeLimit(120_000) }, async () => {
    const counts = await inject();
    for (const bypassCSP of [true, false]) {
      const context = await browser.newContext({ bypassCSP, locale: "en-US", timezoneId: "UTC" });
      const page = await context.newPage();
      const hits: string[] = [];
      page.on("dialog", (d) => {
        hits.push(`dialog ${d.message()}`);
        void d.dismiss();
      });
      page.on("pageerror", (e) => hits.push(`page error ${e.message}`));
      try {
        await checkPage(page, hits);
      } finally {
        await context.close();
      }
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    report("xss-inbox", {
      payloads: XSS_PAYLOADS.length,
      injections: total,
      perAdapter: counts,
      executed: 0,
    });
  });
});
