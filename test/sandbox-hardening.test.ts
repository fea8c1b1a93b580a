// Defects the loopback harness found in the sandbox (issue "Sandbox security and robustness", items 4, 5, 6, 9),
// each over real sockets: an absurd maxsms, SMTP replies that echoed letter fields and EHLO bytes, a broken
// percent-escape in an /api/v1 path, oversized request heads, and get_answers with nothing to answer.
import { Agent, request } from "node:http";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseHttpResponse, rawExchange, SMTP_REPLY_LINE, smtpLines } from "./raw-wire.js";
import { callSys, DEMO } from "./sandbox-helpers.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ smtpPort: 0, rateLimits: false });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.reset());

describe("maxsms too large for a number", () => {
  // 309 nines is past Number.MAX_VALUE: Number() gives Infinity
  const huge = "9".repeat(309);

  it("is error 1 for a send and for cost=1, in every format, and stores nothing", async () => {
    for (const cost of ["3", "1", "0"]) {
      const fields: Array<[string, string]> = [
        ...DEMO,
        ["phones", "77011234567"],
        ["mes", "hello"],
        ["maxsms", huge],
        ["cost", cost],
      ];
      const json = await callSys(sb.url, "send", [...fields, ["fmt", "3"]]);
      expect(json.status).toBe(200);
      expect(JSON.parse(json.text)).toEqual({ error: "parameters error", error_code: 1 });
      expect((await callSys(sb.url, "send", [...fields, ["fmt", "1"]])).text).toBe("0,-1");
      expect((await callSys(sb.url, "send", [...fields, ["fmt", "0"]], "urlencoded")).text).toBe(
        "ERROR = 1 (parameters error)",
      );
    }
    expect(sb.messages()).toHaveLength(0);
  });

  it("still cuts the text at a maxsms that is a number", async () => {
    const r = await callSys(sb.url, "send", [
      ...DEMO,
      ["phones", "77011234567"],
      ["mes", "x".repeat(400)],
      ["maxsms", "2"],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(r.text)).toMatchObject({ cnt: 2 });
  });
});

describe("SMTP replies", () => {
  const dialogue = (...lines: string[]) => rawExchange(sb.smtpPort!, lines.join(""));

  it("never carry a line break from a letter field: a forged 250 stays inside one refusal line", async () => {
    // the options field's format carries a line break and a forged success line
    const letter = "demo:demo::0:0,9\r\n250 OK - 1 SMS, ID - 1,x:77011234567:hi";
    const raw = await dialogue(
      "EHLO test\r\n",
      "MAIL FROM:<me@example.com>\r\n",
      "RCPT TO:<send@send.smsc.kz>\r\n",
      "DATA\r\n",
      `Content-Type: text/plain\r\n\r\n${letter}\r\n.\r\n`,
      "QUIT\r\n",
    );
    expect(raw).not.toMatch(/[^\r]\n|\r(?!\n)/);
    const lines = smtpLines(raw);
    for (const line of lines) expect(line).toMatch(SMTP_REPLY_LINE);
    const afterData = lines.slice(lines.findIndex((l) => l.startsWith("354")) + 1);
    expect(afterData.map((l) => l.slice(0, 4))).toEqual(["550-", "550 ", "221 "]);
    expect(afterData[0]).toBe("550-ERROR = 1 (parameters error)");
    expect(sb.messages()).toHaveLength(0);
  });

  it("never echo raw bytes of EHLO/HELO: control and 8-bit bytes are replaced", async () => {
    const raw = await rawExchange(
      sb.smtpPort!,
      Buffer.concat([
        Buffer.from("EHLO evil\rname\x00\x1b[31m"),
        Buffer.from([0xd0, 0x9f, 0xff]),
        Buffer.from("\r\nHELO a\rb\r\nQUIT\r\n"),
      ]),
    );
    const lines = smtpLines(raw);
    for (const line of lines) expect(line).toMatch(SMTP_REPLY_LINE);
    expect(lines[1]).toMatch(/^250-\S+ greets evil\?name\?\?\[31m\?\?\?$/);
    expect(lines.at(-2)).toMatch(/^250 \S+$/);
  });
});

describe("/api/v1 paths", () => {
  it("answer a broken percent-escape with a JSON 400, not a plain-text 500", async () => {
    const res = await fetch(`${sb.url}/api/v1/accounts/%ff/balance`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ balance: 5 }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: "the path is not valid percent-encoding: /api/v1/accounts/%ff/balance",
    });
    // a valid escape still reaches the account
    const ok = await fetch(`${sb.url}/api/v1/accounts/%64emo/balance`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ balance: 5 }),
    });
    expect(await ok.json()).toMatchObject({ login: "demo", balance: 5 });
  });
});

describe("/api/v1 callback paths (found by test/reliability/fuzz-http)", () => {
  it("answer a broken escape with a JSON 400 and decode ?login= once", async () => {
    const bad = await fetch(`${sb.url}/api/v1/accounts/%E0%A4%A/callback`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "the path is not valid percent-encoding: /api/v1/accounts/%E0%A4%A/callback",
    });
    // "%" is a login, not an escape, once URLSearchParams decoded the query
    const log = await fetch(`${sb.url}/api/v1/callbacks?login=%25`);
    expect([log.status, await log.json()]).toEqual([404, { error: "no such account: %" }]);
  });
});

describe("request heads over the 16 KB limit", () => {
  const head = (target: string, extra = "") =>
    rawExchange(sb.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`);

  it("get 431 with the service's error 1 in the asked format on /sys", async () => {
    const long = "x".repeat(17 * 1024);
    const json = parseHttpResponse(await head(`/sys/send.php?fmt=3&login=demo&psw=demo&mes=${long}`));
    expect(json.status).toBe(431);
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(json.body)).toEqual({ error: "parameters error", error_code: 1 });
    const text = parseHttpResponse(await head(`/sys/status.php?fmt=1&mes=${long}`));
    expect([text.status, text.body]).toEqual([431, "0,-1"]);
    const plain = parseHttpResponse(await head("/sys/balance.php", `X-Big: ${long}\r\n`));
    expect([plain.status, plain.body]).toEqual([431, "ERROR = 1 (parameters error)"]);
  });

  it("get 431 with a JSON error on /api/v1 and a text explanation elsewhere", async () => {
    const long = "y".repeat(17 * 1024);
    const api = parseHttpResponse(await head(`/api/v1/messages?phone=${long}`));
    expect(api.status).toBe(431);
    expect(JSON.parse(api.body)).toEqual({ error: "request head larger than 16 KB" });
    const page = parseHttpResponse(await head(`/?q=${long}`));
    expect(page.status).toBe(431);
    expect(page.body).toMatch(/request head larger than 16 KB/);
    // and the sandbox keeps serving
    expect((await callSys(sb.url, "balance", DEMO)).text).toBe("1000.00");
  });

  it("answers a head that is not HTTP with a 400 that says so", async () => {
    const r = parseHttpResponse(await rawExchange(sb.port, "BLAH\x01 / HTTP/1.1\r\n\r\n"));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/malformed HTTP request/);
  });

  it("answers a HEAD it cannot parse with the head of the 400 only (soak fuzzing seed 845592493)", async () => {
    // node:http's client sends a DELETE body chunked; the request after it on the connection is refused by the
    // parser, and a body after the refusal of a HEAD is read by the client as a broken next reply
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const go = (method: string, path: string, body?: string) =>
      new Promise<{ status?: number; error?: string }>((resolve) => {
        const url = new URL(sb.url);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: { "content-type": "application/json" },
            agent,
          },
          (res) => res.resume().on("end", () => resolve({ status: res.statusCode! })),
        );
        req.on("error", (e) => resolve({ error: e.message }));
        req.end(body);
      });
    try {
      expect(await go("DELETE", "/api/v1/chaos", "D")).toEqual({ status: 405 });
      const head = await go("HEAD", "/api/v1/messages/1");
      expect(head.error).toBeUndefined();
      expect([400, 405]).toContain(head.status);
    } finally {
      agent.destroy();
    }
    const raw = await rawExchange(sb.port, "HEAD /api/v1/messages HTTP/1.1\r\nContent-Length: x\r\n\r\n");
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*\r\n\r\n$/);
  });
});

describe("get.php?get_answers=1 with nothing to answer", () => {
  const get = (fmt: string) =>
    fetch(`${sb.url}/sys/get.php?login=demo&psw=demo&get_answers=1&fmt=${fmt}`).then((r) => r.text());

  it("is error 3 (messages not found) in the asked format, never an empty body", async () => {
    expect(await get("0")).toBe("ERROR = 3 (messages not found)");
    expect(await get("1")).toBe("0,-3");
    expect(await get("2")).toBe(
      "<result>\n<error>messages not found</error>\n<error_code>3</error_code>\n</result>",
    );
    expect(JSON.parse(await get("3"))).toEqual({ error: "messages not found", error_code: 3 });
  });
});
