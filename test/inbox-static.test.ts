// The web inbox's files: served at /, with a CSP, nothing outside its folder, no third-party origin.

import { readdirSync, readFileSync } from "node:fs";
import { FORMAT_COUNTING, MESSAGE_FORMATS, STATUS_CODES } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inboxDir } from "../packages/sandbox/src/inbox/serve-inbox.js";

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sb.close();
});

describe("web inbox files", () => {
  it("serves index.html at / with a strict Content-Security-Policy", async () => {
    const res = await fetch(`${sb.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain('<script type="module" src="app.js"></script>');
  });

  it("serves the scripts and styles with their types, and 404 for anything else", async () => {
    expect((await fetch(`${sb.url}/app.js`)).headers.get("content-type")).toBe(
      "text/javascript; charset=utf-8",
    );
    expect((await fetch(`${sb.url}/inbox.css`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
    for (const path of [
      "/missing.js",
      "/..%2Fserve-inbox.ts",
      "/../package.json",
      "/%2e%2e/index.ts",
      "/sys/nothing.php",
    ]) {
      expect((await fetch(`${sb.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${sb.url}/`, { method: "POST" })).status).toBe(405);
  });

  it("serves tables.js, the protocol's status and format tables as a module, generated, not copied", async () => {
    const res = await fetch(`${sb.url}/tables.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const tables = await import(`data:text/javascript,${encodeURIComponent(await res.text())}`);
    expect(tables.STATUS_CODES).toEqual(STATUS_CODES);
    expect(Object.keys(tables.MESSAGE_FORMATS)).toEqual(Object.keys(MESSAGE_FORMATS));
    expect(tables.MESSAGE_FORMATS.call).toEqual({ label: "call", type: 7, counting: FORMAT_COUNTING.call });
    expect(readdirSync(inboxDir())).not.toContain("tables.js");
  });

  it("loads nothing from another origin and never writes data as markup", () => {
    const dir = inboxDir();
    for (const file of readdirSync(dir)) {
      const text = readFileSync(`${dir}/${file}`, "utf8");
      expect(text, file).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
  });
});
