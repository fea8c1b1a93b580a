import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { Router } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeServer } from "../packages/sandbox/src/http/node-bridge.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(router: Router): Promise<string> {
  const server = createNodeServer(router);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  close = () => new Promise((r) => server.close(() => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A GET over its own socket: the status and body, or the socket's error. */
function get(url: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

describe("the Node bridge", () => {
  it("answers every request of a burst, each with its own reply, whichever turn finished it", async () => {
    const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const router = new Router()
      .on("GET", "/now/:n", (req) => ({ status: 200, body: `now ${req.params.n}` }))
      .on("GET", "/later/:n", async (req) => {
        await later(Number(req.params.n) % 3);
        return { status: 200, body: `later ${req.params.n}` };
      });
    const url = await serve(router);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => get(`${url}/${i % 2 ? "later" : "now"}/${i}`)),
    );
    expect(replies).toEqual(
      Array.from({ length: 40 }, (_, i) => ({ status: 200, body: `${i % 2 ? "later" : "now"} ${i}` })),
    );
  });

  it("drops only the connection whose reply Node refuses to write, and serves the others of its turn", async () => {
    const router = new Router()
      .on("GET", "/bad", () => ({ status: 200, headers: { "X-Bad": "line\nbreak" }, body: "never" }))
      .on("GET", "/good", () => ({ status: 200, body: "fine" }));
    const url = await serve(router);
    const [bad, good] = await Promise.all([get(`${url}/bad`), get(`${url}/good`)]);
    expect(bad.error).toBeDefined();
    expect(good).toEqual({ status: 200, body: "fine" });
    expect(await get(`${url}/good`)).toEqual({ status: 200, body: "fine" });
  });
});
