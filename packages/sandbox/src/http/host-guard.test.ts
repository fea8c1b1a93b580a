import { describe, expect, it } from "vitest";
import { hostGuard, hostName, isAllowedHost } from "./host-guard.js";
import { json } from "./respond.js";
import { Router } from "./router.js";

describe("hostName", () => {
  it.each([
    ["127.0.0.1:8400", "127.0.0.1"],
    ["[::1]:8400", "::1"],
    ["[::1]", "::1"],
    ["LocalHost.:80", "localhost"],
    ["sandbox", "sandbox"],
    ["a:b:c", undefined],
    ["[::1", undefined],
    ["[::1]x", undefined],
  ])("%j → %j", (header, name) => expect(hostName(header)).toBe(name));
});

describe("isAllowedHost", () => {
  it("serves the listen address when it is a name, and only it", () => {
    expect(isAllowedHost("box.internal", [], "box.internal")).toBe(true);
    expect(isAllowedHost("box.internal", [], "Box.Internal.")).toBe(true);
    expect(isAllowedHost("other.internal", [], "box.internal")).toBe(false);
  });
});

describe("hostGuard in the router", () => {
  const router = new Router()
    .use(hostGuard({ allowedHosts: ["sandbox"] }))
    .on("GET", "/api/v1/x", () => json(200, { ok: true }))
    .on("GET", "/page", () => ({ status: 200, body: "page" }));
  const get = (path: string, host?: string) =>
    router.request(new Request(`http://127.0.0.1${path}`, host ? { headers: { host } } : {}));

  it("answers a refusal in the path's shape: JSON under /api, text elsewhere", async () => {
    const api = await get("/api/v1/x", "evil.test:1");
    expect([api.status, await api.json()]).toEqual([
      403,
      {
        error:
          'host "evil.test" is not allowed: start the sandbox with --allowed-host evil.test to serve it (docs/browser.md)',
      },
    ]);
    const page = await get("/page", "evil.test");
    expect([page.status, page.headers.get("content-type"), (await page.text()).startsWith("host ")]).toEqual([
      403,
      "text/plain; charset=utf-8",
      true,
    ]);
    expect((await get("/page", "a:b:c")).status).toBe(400);
  });

  it("passes allowed names and requests with no Host (in process, HTTP/1.0)", async () => {
    expect((await get("/api/v1/x", "sandbox:8400")).status).toBe(200);
    expect((await get("/api/v1/x")).status).toBe(200);
  });
});
