// Issue "Sandbox security and robustness", defects 1 and 2, from real pages in Chromium. An attack page on another
// origin (a second loopback server on another port: same-site as 127.0.0.1, and cross-site through a name mapped
// to 127.0.0.1) tries every request a page can make without the sandbox's consent — text/plain and urlencoded
// forms into iframes, a GET form (a navigation), no-cors fetches, an <img>, preflighted fetches, cross-origin
// reads — and changes and reads nothing, although each request reaches the sandbox. A DNS-rebinding page (a name
// Chromium resolves to 127.0.0.1 with --host-resolver-rules, on the sandbox's port) reads nothing either.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";

const PHONE = "77015550101";
const CODE = "Your code is 4821";

let sb: Sandbox;
let browser: Browser;
let attacker: Server;
let attackerPort: number;
/** `METHOD path` of every request the sandbox got from the attack page (its Referer or Origin). */
let seen: string[] = [];
let attackOrigin = "";

/** The attack page: `window.attack()` and `window.attackListener()` run the attempts and return what was read. */
function attackPage(sandboxUrl: string, id: number): string {
  const script = `
const SB = ${JSON.stringify(sandboxUrl)};
const ID = ${id};
const PHONE = ${JSON.stringify(PHONE)};
function form(path, method, enctype, fields) {
  return new Promise((resolve) => {
    const name = "f" + Math.random().toString(36).slice(2);
    const frame = document.createElement("iframe");
    frame.name = name;
    document.body.append(frame);
    frame.addEventListener("load", () => resolve("form " + path), { once: true });
    const f = document.createElement("form");
    f.action = SB + path;
    f.method = method;
    if (enctype) f.enctype = enctype;
    f.target = name;
    for (const [k, v] of fields) {
      const i = document.createElement("input");
      i.type = "hidden"; i.name = k; i.value = v;
      f.append(i);
    }
    document.body.append(f);
    f.submit();
  });
}
const noCors = (path, init) => fetch(SB + path, { mode: "no-cors", ...init }).then((r) => r.type, (e) => e.name);
const img = (path) => new Promise((resolve) => {
  const i = new Image();
  i.onload = i.onerror = () => resolve("img");
  i.src = SB + path;
});
const read = (path, init) =>
  fetch(SB + path, init).then((r) => r.text().then((t) => ({ read: t })), (e) => ({ error: e.name }));
// text/plain forms send name=value: a name ending in "x":" and a value "}" make the body JSON
const json = (fields) => [[JSON.stringify(fields).slice(0, -1) + ',"x":"', '"}']];
const send = "/sys/send.php?login=demo&psw=demo&phones=" + PHONE + "&mes=forged";
window.attack = async () => {
  const done = await Promise.all([
    form("/api/v1/reset", "POST", "text/plain", json({})),
    form("/api/v1/reset", "POST", "", [["a", "b"]]),
    form("/api/v1/incoming", "POST", "text/plain", json({ phone: PHONE, text: "injected" })),
    form("/api/v1/messages/" + ID + "/outcome", "POST", "text/plain", json({ status: 20, err: 1 })),
    form("/sys/send.php", "GET", "", [["login", "demo"], ["psw", "demo"], ["phones", PHONE], ["mes", "forged"]]),
    form("/sys/send.php", "POST", "", [["login", "demo"], ["psw", "demo"], ["phones", PHONE], ["mes", "forged"]]),
    noCors("/api/v1/reset", { method: "POST" }),
    noCors("/api/v1/incoming", {
      method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ phone: PHONE, text: "injected" }),
    }),
    noCors("/api/v1/messages/" + ID + "/outcome", { method: "POST", body: JSON.stringify({ status: 20 }) }),
    noCors(send, {}),
    img(send + "&via=img"),
    noCors("/api/v1/reset", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
  ]);
  const reads = {
    messages: await read("/api/v1/messages"),
    status: await read("/sys/status.php?login=demo&psw=demo&fmt=3&all=1&id=" + ID + "&phone=" + PHONE),
    preflightedReset: await read("/api/v1/reset", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
    }),
    preflightedChaos: await read("/api/v1/chaos", {
      method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ resetRate: 1 }),
    }),
    deleted: await read("/api/v1/messages", { method: "DELETE" }),
  };
  return { done, reads };
};
window.attackListener = () => Promise.all([
  form("/api/v1/mirrors/0/down", "POST", "", [["a", "b"]]),
  form("/api/v1/mirrors/0/down", "POST", "text/plain", json({})),
  noCors("/api/v1/mirrors/0/down", { method: "POST" }),
]);
`;
  return `<!doctype html><meta charset="utf-8"><title>attack</title><body><script>${script}</script></body>`;
}

let page: Page | undefined;
beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, delays: { sentMs: 3_600_000 } });
  // the sandbox sees the attack page's requests by their Referer (Chromium sends the origin cross-origin) or Origin
  sb.server.on("request", (req: IncomingMessage) => {
    const from = req.headers.origin ?? req.headers.referer ?? "";
    if (attackOrigin && from.startsWith(attackOrigin)) seen.push(`${req.method} ${req.url!.split("?")[0]}`);
  });
  attacker = createServer((_req, res) => {
    const id = sb.messages()[0]?.id ?? 0;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(attackPage(sb.url, id));
  });
  await new Promise<void>((ok) => attacker.listen(0, "127.0.0.1", ok));
  attackerPort = (attacker.address() as AddressInfo).port;
  browser = await launchChromium(["--host-resolver-rules=MAP *.test 127.0.0.1"]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => attacker?.close(ok));
  await sb?.close();
});

beforeEach(async () => {
  sb.reset();
  seen = [];
  await sb.core.send({
    account: sb.store.accountByLogin("demo")!,
    params: { phones: PHONE, mes: CODE },
    origin: "http",
  });
});

/** Opens a fresh page, failing the test on its script errors. */
async function open(url: string): Promise<Page> {
  await page?.close();
  page = await browser.newPage();
  await page.goto(url);
  return page;
}

/** What the sandbox holds, for comparing before and after an attack. */
const state = () => ({
  messages: sb.messages().map((m) => [m.phone, m.text, m.status]),
  incoming: sb.store.inspection.incoming({ limit: 10 }).length,
  resetRate: sb.chaos.get().resetRate,
  listeners: sb.listeners.state().map((l) => l.up),
  balance: sb.store.accountByLogin("demo")!.balance,
});

describe("a page on another origin", () => {
  for (const [label, host] of [
    ["same-site (127.0.0.1, another port)", "127.0.0.1"],
    ["cross-site (another name)", "attacker.test"],
  ] as const) {
    it(`${label}: can neither change nor read the sandbox`, async () => {
      attackOrigin = `http://${host}:${attackerPort}`;
      const before = state();
      expect(before.messages).toEqual([[PHONE, CODE, -1]]);
      const p = await open(`${attackOrigin}/`);
      const result = (await p.evaluate("window.attack()")) as {
        done: string[];
        reads: Record<string, { read?: string; error?: string }>;
      };
      expect(result.done).toHaveLength(12);
      // nothing read: every cross-origin read fails in the page
      for (const [name, r] of Object.entries(result.reads))
        expect([name, r]).toEqual([name, { error: "TypeError" }]);
      expect(state()).toEqual(before);
      await p.evaluate("window.attackListener()");
      expect(state()).toEqual(before);
      expect((await fetch(`${sb.url}/sys/balance.php?login=demo&psw=demo`)).status).toBe(200);
      // each attempt reached the sandbox and was refused there, not stopped by the browser
      for (const request of [
        "POST /api/v1/reset",
        "POST /api/v1/incoming",
        `POST /api/v1/messages/${sb.messages()[0]!.id}/outcome`,
        "GET /sys/send.php",
        "POST /sys/send.php",
        "OPTIONS /api/v1/reset",
        "OPTIONS /api/v1/chaos",
        "GET /api/v1/messages",
        "GET /sys/status.php",
        "POST /api/v1/mirrors/0/down",
      ])
        expect(seen).toContain(request);
    }, 30_000);
  }
});

describe("a DNS-rebinding page (a name resolving to 127.0.0.1, on the sandbox's port)", () => {
  it("reads and changes nothing through the API, the inbox or /sys", async () => {
    const rebound = `http://rebind.test:${sb.port}`;
    attackOrigin = rebound;
    const before = state();
    // the attacker's script runs in the rebound origin: its requests are same-origin for the browser
    const p = await open(`${rebound}/`);
    const result = (await p.evaluate(`(async () => {
      const get = (path, init) => fetch(path, init).then(async (r) => [r.status, await r.text()]);
      return {
        messages: await get("/api/v1/messages"),
        latest: await get("/api/v1/messages/latest"),
        inbox: await get("/app.js"),
        status: await get("/sys/status.php?login=demo&psw=demo&fmt=3&all=1&id=${sb.messages()[0]!.id}&phone=${PHONE}"),
        reset: await get("/api/v1/reset", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
      };
    })()`)) as Record<string, [number, string]>;
    for (const [name, [status, body]] of Object.entries(result)) {
      expect([name, status]).toEqual([name, 403]);
      expect(body).not.toContain("4821");
    }
    expect(state()).toEqual(before);
    // the requests did reach the sandbox, under the rebound name
    expect(seen).toEqual(expect.arrayContaining(["GET /api/v1/messages", "POST /api/v1/reset"]));
  }, 30_000);
});
