// Transport behaviours the sandbox has no reason to produce (HTTP 503/429, resets, silence), against small real
// HTTP servers on 127.0.0.1. Everything the sandbox can serve is tested against it in the other sdk-* files.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Clock,
  ConnectionError,
  ParametersError,
  SendOutcomeUnknownError,
  Smsc,
  TimeoutError,
} from "smsc";
import { afterEach, describe, expect, it } from "vitest";
import { deadUrl } from "./net-helpers.js";

type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("latin1");
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => handler(Object.assign(req, { body }), res));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A clock that records the back-off delays and does not wait. */
function recordingClock(): Clock & { delays: number[] } {
  const delays: number[] = [];
  return { delays, now: () => 0, sleep: async (ms) => void delays.push(ms) };
}

const creds = { login: "demo", password: "s3cret-pass" };

describe("transport", () => {
  it("posts credentials in an urlencoded body, never in the URL, with fmt=3 and the charset", async () => {
    const seen: Array<{ url: string; body: string; type: string }> = [];
    const url = await serve((req, res) => {
      seen.push({ url: req.url!, body: req.body, type: String(req.headers["content-type"]) });
      res.end('{"balance":"10.00","currency":"KZT"}');
    });
    const b = await new Smsc({ ...creds, baseUrl: url }).balance();
    expect(b).toEqual({ balance: 10, currency: "KZT" });
    expect(seen[0]!.url).toBe("/sys/balance.php");
    expect(seen[0]!.type).toBe("application/x-www-form-urlencoded; charset=utf-8");
    expect(seen[0]!.body).toBe("login=demo&psw=s3cret-pass&fmt=3&charset=utf-8&cur=1");
  });

  it("retries reads on HTTP 503 and 429 with jittered back-off, honouring Retry-After", async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      if (n === 1) res.writeHead(503).end("busy");
      else if (n === 2) res.writeHead(429, { "retry-after": "3" }).end("slow down");
      else res.end('{"balance":"1.5"}');
    });
    const clock = recordingClock();
    const b = await new Smsc({ ...creds, baseUrl: url, clock, random: () => 0 }).balance();
    expect(b.balance).toBe(1.5);
    expect(n).toBe(3);
    expect(clock.delays).toEqual([250, 3000]);
  });

  it("gives up after maxRetries and throws ConnectionError with the HTTP status", async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      res.writeHead(502).end("bad gateway");
    });
    const clock = recordingClock();
    const err = await new Smsc({ ...creds, baseUrl: url, clock, random: () => 0.5, maxRetries: 1 })
      .balance()
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.status).toBe(502);
    expect(n).toBe(2);
    expect(clock.delays).toEqual([375]);
  });

  it("does not retry API errors", async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      res.end('{"error":"parameters error","error_code":1}');
    });
    await expect(new Smsc({ ...creds, baseUrl: url }).balance()).rejects.toBeInstanceOf(ParametersError);
    expect(n).toBe(1);
  });

  it("follows no redirect: a send answered with 302 or 307 fails and the other server gets nothing", async () => {
    let elsewhere = 0;
    const target = await serve((_req, res) => {
      elsewhere++;
      res.end('{"id":1,"cnt":1}');
    });
    for (const status of [302, 307]) {
      const url = await serve((_req, res) =>
        res.writeHead(status, { location: `${target}/sys/send.php` }).end(),
      );
      const err = await new Smsc({ ...creds, baseUrl: url, maxRetries: 3 })
        .send({ phones: "77011234567", message: "hi" })
        .catch((e) => e);
      // the script may have run before the redirect: the send is not tried again, its outcome is unknown
      expect(err).toBeInstanceOf(SendOutcomeUnknownError);
      expect(err.cause).toBeInstanceOf(ConnectionError);
      expect(err.cause.message).toMatch(/redirect/);
    }
    expect(elsewhere).toBe(0);
  });

  it("moves to the next host at once when a connection is refused (no back-off)", async () => {
    const url = await serve((_req, res) => res.end('{"balance":"2"}'));
    const clock = recordingClock();
    const b = await new Smsc({ ...creds, baseUrl: [await deadUrl(), url], clock }).balance();
    expect(b.balance).toBe(2);
    expect(clock.delays).toEqual([]);
  });

  it("classifies a refused connection as not sent and a dropped one as maybe sent", async () => {
    const refused = await new Smsc({ ...creds, baseUrl: await deadUrl(), maxRetries: 0 })
      .balance()
      .catch((e) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(refused.maybeSent).toBe(false);
    const dropping = await serve((req) => req.socket.destroy());
    const dropped = await new Smsc({ ...creds, baseUrl: dropping, maxRetries: 0 }).balance().catch((e) => e);
    expect(dropped).toBeInstanceOf(ConnectionError);
    expect(dropped.maybeSent).toBe(true);
  });

  it("times out a silent host with TimeoutError, per client and per call", async () => {
    const silent = await serve(() => {});
    const client = new Smsc({ ...creds, baseUrl: silent, timeout: 50, maxRetries: 0 });
    const err = await client.balance().catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.timeout).toBe(50);
    const perCall = await client
      .withOptions({ timeout: 60_000 })
      .balance({ timeout: 40 })
      .catch((e) => e);
    expect(perCall).toBeInstanceOf(TimeoutError);
    expect(perCall.timeout).toBe(40);
  });

  it("stops at once when the caller aborts, with the caller's reason", async () => {
    const silent = await serve(() => {});
    const ctrl = new AbortController();
    const p = new Smsc({ ...creds, baseUrl: silent }).balance({ signal: ctrl.signal });
    const reason = new Error("user gave up");
    ctrl.abort(reason);
    await expect(p).rejects.toBe(reason);
  });

  it("logs requests and replies with psw and apikey masked, and keeps secrets out of errors", async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string, d?: object) => void lines.push(`${m} ${JSON.stringify(d)}`) };
    const url = await serve((_req, res) => res.end('{"error":"authorise error","error_code":2}'));
    const err = await new Smsc({ ...creds, baseUrl: url, logger }).balance().catch((e) => e);
    const key = await new Smsc({ apiKey: "k3y-secret", baseUrl: url, logger }).balance().catch((e) => e);
    expect(lines.length).toBe(4);
    expect(lines.join("\n")).toContain('"login":"demo"');
    expect(lines.join("\n")).toContain('"psw":"***"');
    expect(lines.join("\n")).toContain('"apikey":"***"');
    for (const text of [
      lines.join("\n"),
      JSON.stringify(err),
      String(err),
      err.stack,
      String(key),
      key.stack,
    ])
      for (const secret of ["s3cret-pass", "k3y-secret"]) expect(text).not.toContain(secret);
  });

  it("uses an injected fetch (the proxy hook), wrapping the real one", async () => {
    const url = await serve((_req, res) => res.end('{"balance":"3"}'));
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    await new Smsc({ ...creds, baseUrl: url, fetch: counting }).balance();
    expect(calls).toEqual([`${url}/sys/balance.php`]);
  });
});
