// Issue "Sandbox security and robustness", defects 1 and 2, over real sockets: requests a page on another origin
// can make without a preflight (text/plain, urlencoded or bodiless POSTs, a foreign Origin, a cross-site fetch
// marked by Sec-Fetch-Site) change nothing, and a foreign Host header (DNS rebinding) reads nothing. What servers,
// curl and the inbox send still works. The same attacks from a real page: browser-cross-origin.test.ts.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { httpCall } from "./http-request.js";

let sb: Sandbox;
const PHONE = "77015550101";

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, mirrors: 1, allowedHosts: ["sandbox.test", ".dev.test"] });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  sb.reset();
  await sb.core.send({
    account: sb.store.accountByLogin("demo")!,
    params: { phones: PHONE, mes: "Your code is 4821" },
    origin: "http",
  });
});

const JSON_TYPE = { "content-type": "application/json" };
const foreign = "http://127.0.0.1:1";

describe("defect 1: a state change needs what no simple cross-origin request can carry", () => {
  it("refuses reset, injection, outcomes, chaos and listener control sent as text/plain, a form or no body", async () => {
    const id = sb.messages()[0]!.id;
    const attempts: Array<[string, string, Record<string, string>, string | undefined]> = [
      ["POST", "/api/v1/reset", { "content-type": "text/plain" }, '{"x":"="}'],
      ["POST", "/api/v1/reset", {}, undefined],
      ["POST", "/api/v1/reset", { "content-type": "application/x-www-form-urlencoded" }, "a=b"],
      [
        "POST",
        "/api/v1/incoming",
        { "content-type": "text/plain" },
        `{"phone":"${PHONE}","text":"injected"}`,
      ],
      ["POST", "/api/v1/incoming", { "content-type": "multipart/form-data; boundary=x" }, "--x--\r\n"],
      ["POST", `/api/v1/messages/${id}/outcome`, { "content-type": "text/plain" }, '{"status":20,"err":1}'],
      ["POST", "/api/v1/mirrors/0/down", {}, undefined],
      ["POST", "/api/v1/mirrors/1/down", { "content-type": "text/plain" }, ""],
      ["PUT", "/api/v1/chaos", { "content-type": "text/plain" }, '{"resetRate":1}'],
      ["PUT", "/api/v1/accounts/demo/balance", {}, '{"balance":0}'],
      ["DELETE", "/api/v1/messages", { "content-type": "text/plain" }, "x"],
    ];
    for (const [method, path, headers, body] of attempts) {
      const r = await httpCall(sb.url, method, path, headers, body);
      expect([method, path, r.status]).toEqual([method, path, 415]);
      expect(JSON.parse(r.body).error).toContain("application/json");
    }
    expect(sb.messages().map((m) => [m.phone, m.status])).toEqual([[PHONE, -1]]);
    expect(sb.store.inspection.incoming({ limit: 10 })).toEqual([]);
    expect(sb.chaos.get().resetRate).toBe(0);
    expect(sb.listeners.state().map((l) => l.up)).toEqual([true, true]);
    expect(sb.store.accountByLogin("demo")!.balance).toBe(990);
  });

  it("still takes JSON, and a bodiless POST that says application/json, from curl, servers and the inbox", async () => {
    const id = sb.messages()[0]!.id;
    const outcome = await httpCall(
      sb.url,
      "POST",
      `/api/v1/messages/${id}/outcome`,
      JSON_TYPE,
      '{"status":1}',
    );
    expect([outcome.status, JSON.parse(outcome.body).status]).toEqual([200, 1]);
    const inject = await httpCall(
      sb.url,
      "POST",
      "/api/v1/incoming",
      { "content-type": "application/json; charset=utf-8" },
      `{"phone":"${PHONE}","text":"hi"}`,
    );
    expect(inject.status).toBe(200);
    // DELETE and PUT without a body are never simple requests: no content type needed
    expect((await httpCall(sb.url, "DELETE", `/api/v1/messages/${id}`)).status).toBe(200);
    const reset = await httpCall(sb.url, "POST", "/api/v1/reset", JSON_TYPE);
    expect([reset.status, reset.body]).toEqual([200, '{"reset":true}']);
    expect(sb.messages()).toEqual([]);
  });

  it("refuses a foreign Origin on /api/v1 and /sys, and a cross-site request without one", async () => {
    const send = `/sys/send.php?login=demo&psw=demo&phones=${PHONE}&mes=forged`;
    for (const [method, path, headers, body] of [
      ["POST", "/api/v1/reset", { ...JSON_TYPE, origin: foreign }, "{}"],
      ["POST", "/api/v1/reset", { ...JSON_TYPE, origin: "null" }, "{}"],
      ["GET", "/api/v1/messages", { origin: foreign }, undefined],
      ["GET", send, { origin: foreign }, undefined],
      [
        "POST",
        "/sys/send.php",
        { origin: foreign, "content-type": "application/x-www-form-urlencoded" },
        `login=demo&psw=demo&phones=${PHONE}&mes=forged`,
      ],
      // an <img> or a no-cors fetch carries no Origin, but the browser marks it
      ["GET", send, { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" }, undefined],
      ["GET", send, { "sec-fetch-site": "same-site", "sec-fetch-mode": "navigate" }, undefined],
      ["GET", "/api/v1/messages", { "sec-fetch-site": "same-site" }, undefined],
    ] as Array<[string, string, Record<string, string>, string | undefined]>) {
      const r = await httpCall(sb.url, method, path, headers, body);
      expect([method, path, headers, r.status]).toEqual([method, path, headers, 403]);
      expect(r.headers["access-control-allow-origin"]).toBeUndefined();
      expect(r.body).not.toContain("4821");
    }
    expect(sb.messages().map((m) => m.text)).toEqual(["Your code is 4821"]);
  });

  it("serves its own origin, a typed-in URL and clients that send no Origin", async () => {
    const own = new URL(sb.url).origin;
    const list = await httpCall(sb.url, "GET", "/api/v1/messages", {
      origin: own,
      "sec-fetch-site": "same-origin",
    });
    expect(list.status).toBe(200);
    expect(list.headers["access-control-allow-origin"]).toBeUndefined();
    expect((await httpCall(sb.url, "GET", "/api/v1/messages", { "sec-fetch-site": "none" })).status).toBe(
      200,
    );
    const reset = await httpCall(sb.url, "POST", "/api/v1/reset", { ...JSON_TYPE, origin: own }, "{}");
    expect(reset.status).toBe(200);
    const sent = await httpCall(sb.url, "GET", `/sys/send.php?login=demo&psw=demo&phones=${PHONE}&mes=ok`);
    expect(sent.body).toMatch(/^OK - 1 SMS/);
  });
});

describe("defect 2: only loopback and configured Host names are served", () => {
  const rebound = (host: string, path = "/api/v1/messages") => httpCall(sb.url, "GET", path, { host });

  it("refuses a rebinding name on the API, the event stream, the inbox and /sys, reading nothing", async () => {
    const port = sb.port;
    for (const path of [
      "/api/v1/messages",
      "/api/v1/messages/latest",
      "/api/v1/events",
      "/",
      "/app.js",
      "/sys/status.php?login=demo&psw=demo&id=1&phone=77015550101&all=1",
    ]) {
      for (const host of [`attacker.example:${port}`, "attacker.example", `127.0.0.1.nip.example:${port}`]) {
        const r = await rebound(host, path);
        expect([path, host, r.status]).toEqual([path, host, 403]);
        expect(r.body).not.toContain("4821");
        expect(r.body).toContain("--allowed-host");
      }
    }
    const api = await rebound(`attacker.example:${port}`);
    expect(JSON.parse(api.body).error).toMatch(/^host "attacker\.example" is not allowed/);
  });

  it("serves loopback names, IP addresses, localhost and the configured names", async () => {
    const port = sb.port;
    for (const host of [
      `127.0.0.1:${port}`,
      "127.0.0.1",
      `localhost:${port}`,
      "LOCALHOST",
      "localhost.",
      `app.localhost:${port}`,
      `[::1]:${port}`,
      `10.1.2.3:${port}`,
      `[fe80::1]:${port}`,
      `sandbox.test:${port}`,
      "dev.test",
      `ci.dev.test:${port}`,
    ]) {
      const r = await rebound(host);
      expect([host, r.status]).toEqual([host, 200]);
    }
    for (const host of [
      "sandbox.test.attacker.example",
      "xdev.test",
      "localhost.attacker.example",
      "127.0.0.1x",
    ])
      expect([host, (await rebound(host)).status]).toEqual([host, 403]);
  });
});
