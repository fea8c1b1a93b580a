// `cors` (the bin's --cors): pages on the listed origins may call /sys and /api/v1 from a browser — preflights are
// answered, replies carry Access-Control-Allow-Origin — and every other origin is still refused. `*` lets every
// page in, with a warning. The same from real pages in Chromium: browser-cors-sdk.test.ts.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { httpCall } from "./http-request.js";

const APP = "http://localhost:5173";
const OTHER = "http://localhost:5174";
let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const preflight = (
  origin: string,
  method = "POST",
  headers = "content-type",
  extra: Record<string, string> = {},
) =>
  httpCall(sb!.url, "OPTIONS", "/api/v1/reset", {
    origin,
    "access-control-request-method": method,
    "access-control-request-headers": headers,
    ...extra,
  });

describe("cors: exact origins", () => {
  it("answers an allowed origin's preflight with what it asked for, and refuses any other", async () => {
    sb = await startSandbox({ cors: [APP] });
    const ok = await preflight(APP, "POST", "content-type,x-request-id", {
      "access-control-request-private-network": "true",
    });
    expect(ok.status).toBe(204);
    expect(ok.headers).toMatchObject({
      "access-control-allow-origin": APP,
      "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
      "access-control-allow-headers": "content-type,x-request-id",
      "access-control-allow-private-network": "true",
      "access-control-max-age": "600",
    });
    expect(ok.headers.vary).toContain("Origin");
    expect(ok.headers["access-control-allow-credentials"]).toBeUndefined();
    for (const origin of [OTHER, "http://localhost", "null", "https://localhost:5173"]) {
      const no = await preflight(origin);
      expect([origin, no.status]).toEqual([origin, 403]);
      expect(no.headers["access-control-allow-origin"]).toBeUndefined();
      expect(JSON.parse(no.body).error).toContain(`--cors ${origin}`);
    }
    // an OPTIONS that is no preflight is still an unknown method
    expect((await httpCall(sb.url, "OPTIONS", "/api/v1/reset")).status).toBe(405);
  });

  it("lets the allowed origin read and change the API and /sys, with CORS headers on every reply", async () => {
    sb = await startSandbox({ cors: [APP], rateLimits: false });
    const sent = await httpCall(
      sb.url,
      "POST",
      "/sys/send.php",
      { origin: APP, "content-type": "application/x-www-form-urlencoded" },
      "login=demo&psw=demo&phones=77011234567&mes=from+the+app&fmt=3",
    );
    expect(JSON.parse(sent.body)).toMatchObject({ cnt: 1 });
    expect(sent.headers).toMatchObject({
      "access-control-allow-origin": APP,
      "access-control-expose-headers": "Retry-After, Allow",
      vary: "Origin",
    });
    const list = await httpCall(sb.url, "GET", "/api/v1/messages", {
      origin: APP,
      "sec-fetch-site": "same-site",
    });
    expect(JSON.parse(list.body).messages).toHaveLength(1);
    expect(list.headers["access-control-allow-origin"]).toBe(APP);
    // errors too: the page can read why
    const missing = await httpCall(sb.url, "GET", "/api/v1/messages/999", { origin: APP });
    expect([missing.status, missing.headers["access-control-allow-origin"]]).toEqual([404, APP]);
    // the content-type rule still holds for an allowed origin
    const plain = await httpCall(
      sb.url,
      "POST",
      "/api/v1/reset",
      { origin: APP, "content-type": "text/plain" },
      "{}",
    );
    expect([plain.status, plain.headers["access-control-allow-origin"]]).toEqual([415, APP]);
    const reset = await httpCall(sb.url, "POST", "/api/v1/reset", {
      origin: APP,
      "content-type": "application/json",
    });
    expect(reset.status).toBe(200);
    expect(sb.messages()).toEqual([]);
    // another origin, or a cross-site request that names none, is still refused
    const other = await httpCall(sb.url, "GET", "/api/v1/messages", { origin: OTHER });
    expect([other.status, other.headers["access-control-allow-origin"]]).toEqual([403, undefined]);
    const img = await httpCall(sb.url, "GET", "/sys/balance.php?login=demo&psw=demo", {
      "sec-fetch-site": "cross-site",
    });
    expect(img.status).toBe(403);
    // same-origin replies say they vary by Origin, so no cache hands one origin's reply to another
    const own = await httpCall(sb.url, "GET", "/api/v1/messages");
    expect([own.headers["access-control-allow-origin"], own.headers.vary]).toEqual([undefined, "Origin"]);
  });
});

describe("what the sandbox tells whoever runs it", () => {
  it("warns once per refused origin and per refused Host name, naming the flag that lets it in", async () => {
    const warnings: string[] = [];
    sb = await startSandbox({
      cors: [APP],
      logger: { info() {}, warn: (m) => warnings.push(m), error() {} },
    });
    for (let i = 0; i < 3; i++) {
      await httpCall(sb.url, "GET", "/api/v1/messages", { origin: OTHER });
      await preflight(OTHER);
      await httpCall(sb.url, "GET", "/sys/balance.php?login=demo&psw=demo", { host: "sandbox" });
    }
    await httpCall(sb.url, "GET", "/api/v1/messages", { origin: APP });
    expect(warnings).toEqual([
      `refused requests from pages on ${OTHER}: --cors ${OTHER} lets them in (docs/browser.md)`,
      'refused requests for host "sandbox": --allowed-host sandbox serves it',
    ]);
  });
});

describe("cors: *", () => {
  it("lets every page in, without credentials, and warns", async () => {
    const warnings: string[] = [];
    sb = await startSandbox({
      cors: ["*"],
      logger: { info() {}, warn: (m) => warnings.push(m), error() {} },
    });
    expect(warnings).toEqual([
      expect.stringContaining("any web page open in your browser can read and change"),
    ]);
    const ok = await preflight("http://anything.example");
    expect([ok.status, ok.headers["access-control-allow-origin"]]).toEqual([204, "*"]);
    const r = await httpCall(sb.url, "GET", "/api/v1/messages", { origin: "http://anything.example" });
    expect([r.status, r.headers["access-control-allow-origin"]]).toEqual([200, "*"]);
    const noOrigin = await httpCall(sb.url, "GET", "/api/v1/messages", { "sec-fetch-site": "cross-site" });
    expect([noOrigin.status, noOrigin.headers["access-control-allow-origin"]]).toEqual([200, "*"]);
    // the Host check is not CORS: a rebinding name is still refused
    expect((await httpCall(sb.url, "GET", "/api/v1/messages", { host: "rebind.example" })).status).toBe(403);
  });
});

describe("bad settings", () => {
  it.each([
    [{ cors: ["localhost:5173"] }, /CORS origin "localhost:5173" must be \* or scheme:\/\/host/],
    [{ cors: ["http://localhost:5173/app"] }, /CORS origin/],
    [{ allowedHosts: ["sandbox:8400"] }, /allowed host "sandbox:8400" must be a host name/],
  ])("%j is refused before anything listens", async (options, message) => {
    await expect(startSandbox(options)).rejects.toThrow(message);
  });
});
