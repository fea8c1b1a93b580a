// Property-based fuzzing of the sandbox's HTTP listener over real sockets (fast-check): /sys scripts with forms,
// multipart bodies, charsets and raw bytes; /api/v1 with any method, path, query and JSON (or not) body. Every reply
// must be in the format its path promises (the wire format of its fmt on /sys, JSON on /api/v1), and the sandbox
// must still answer afterwards.
import fc from "fast-check";
import { parseFmt, percentDecode } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHttpResponse, rawExchange } from "../raw-wire.js";
import { formBody, multipartBody, nastyString, paramValue } from "./arbitraries.js";
import { report, SCALE, SEED, timeLimit } from "./scale.js";
import {
  apiReplyProblem,
  closeHttpAgent,
  httpRequest,
  sysReplyFormat,
  sysReplyProblem,
} from "./wire-checks.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({
    rateLimits: false,
    delays: { sentMs: 3_600_000, deliveredMs: 3_600_000 },
    // a fuzzed callback URL may point anywhere: the sandbox may only ever call loopback
    callbackFetch: async (input) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.hostname !== "127.0.0.1") throw new Error(`refused callback to ${url.hostname}`);
      return new Response("ok");
    },
    callbackRetry: { attempts: 1, timeoutMs: 200 },
  });
});
afterAll(async () => {
  closeHttpAgent();
  await sb.close();
});

/** Makes a string safe for a request line (node:http refuses spaces and control bytes), keeping the rest raw. */
const requestLineSafe = (s: string) =>
  s.replace(/[^\x21-\x7e]/gu, (c) =>
    [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join(""),
  );

const sysRequest = fc.record({
  method: fc.constantFrom("GET", "POST", "POST", "POST"),
  script: fc.constantFrom(
    ...["send", "status", "balance", "get", "send", "status"],
    ...["info", "ping", "wait_call", "tinyurls", "phones", "senders", "op_templates", "documents"],
    ...["templates", "jobs", "users", "receive_phones"],
  ),
  query: formBody,
  body: fc.oneof(
    fc.constant({ ct: undefined as string | undefined, bytes: Buffer.alloc(0), text: "" }),
    formBody.map((f) => ({
      ct: "application/x-www-form-urlencoded" as string | undefined,
      bytes: Buffer.from(f.text, "latin1"),
      text: f.text,
    })),
    multipartBody.map((m) => ({
      ct: `multipart/form-data; boundary=${m.boundary}` as string | undefined,
      bytes: m.body,
      text: "",
    })),
    fc
      .tuple(
        fc.constantFrom(
          "text/plain",
          "application/json",
          "multipart/form-data",
          "multipart/mixed; boundary=x",
          "\u00e9",
        ),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([ct, b]) => ({ ct: ct as string | undefined, bytes: Buffer.from(b), text: "" })),
  ),
});

/** The fmt values a reply may be in: the default, or one the request named anywhere. */
function allowedFmts(query: string, body: string): Set<number> {
  const fmts = new Set<number>([0]);
  for (const part of `${query}&${body}`.split("&")) {
    const [k, v = ""] = part.split("=");
    if (k === "fmt") fmts.add(parseFmt(percentDecode(v, "utf-8")));
  }
  // fmt 0 and 1 share text/plain
  if (fmts.has(1)) fmts.add(0);
  return fmts;
}

const API_PATHS = [
  "messages",
  "messages/latest",
  "messages/1",
  "messages/1/outcome",
  "messages/999999999999999999999",
  "incoming",
  "accounts",
  "accounts/demo/balance",
  "accounts/demo/callback",
  "accounts/%ff/balance",
  "accounts/%E0%A4%A/callback",
  "callbacks",
  "chaos",
  "mirrors",
  "reset",
  "nope",
  "",
];

const apiBody = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({
      status: fc.oneof(fc.integer({ min: -5, max: 30 }), nastyString),
      err: fc.oneof(fc.integer(), nastyString),
    })
    .map((v) => JSON.stringify(v)),
  fc
    .record({
      phone: nastyString,
      text: nastyString,
      to: nastyString,
      login: fc.constantFrom("demo", "ghost", ""),
    })
    .map((v) => JSON.stringify(v)),
  fc.record({ balance: fc.oneof(fc.double(), paramValue) }).map((v) => JSON.stringify(v)),
  fc
    .record({ url: fc.oneof(fc.constant("http://127.0.0.1:9/cb?md5=x"), nastyString, fc.constant(null)) })
    .map((v) => JSON.stringify(v)),
  fc
    .record({
      latency: fc.oneof(
        fc.integer({ min: -5, max: 30 }),
        nastyString,
        fc.record({ min: fc.integer({ min: -5, max: 20 }), max: fc.integer({ min: -5, max: 20 }) }),
      ),
      resetRate: fc.oneof(fc.double({ min: -1, max: 0.2 }), nastyString),
      errors: fc.array(fc.record({ endpoint: nastyString, code: fc.integer(), probability: fc.double() }), {
        maxLength: 2,
      }),
    })
    .map((v) => JSON.stringify(v)),
  nastyString,
);

const apiRequest = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"),
  path: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...API_PATHS) },
    {
      weight: 1,
      arbitrary: fc.array(nastyString, { maxLength: 3 }).map((segs) => segs.map(requestLineSafe).join("/")),
    },
  ),
  query: fc.array(
    fc.tuple(
      fc.constantFrom(
        "phone",
        "text",
        "sender",
        "status",
        "q",
        "login",
        "account",
        "before",
        "after",
        "limit",
        "to",
        "match",
        "x",
      ),
      paramValue,
    ),
    { maxLength: 4 },
  ),
  body: apiBody,
});

describe(`fuzzing the HTTP listener over sockets (${SCALE.fuzz.sys} /sys, ${SCALE.fuzz.api} /api/v1 cases)`, () => {
  it("answers /sys in the wire format of its fmt, whatever the request", {
    timeout: timeLimit(120_000),
  }, async () => {
    const started = Date.now();
    let raw = 0;
    await fc.assert(
      fc.asyncProperty(sysRequest, fc.integer({ min: 0, max: 19 }), async (r, lottery) => {
        const path = `/sys/${r.script}.php?${requestLineSafe(r.query.text)}`;
        // one case in twenty puts raw 8-bit bytes into the request line itself, which needs a raw socket
        if (lottery === 0) {
          raw++;
          const reply = parseHttpResponse(
            await rawExchange(
              sb.port,
              `GET /sys/${r.script}.php?mes=\u00ff\u00e9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
            ),
          );
          expect([reply.status, reply.body]).toEqual([400, "ERROR = 1 (parameters error)"]);
          return;
        }
        const headers: Record<string, string> = {};
        if (r.body.ct !== undefined) headers["content-type"] = r.body.ct;
        const reply = await httpRequest(
          sb.url,
          r.method,
          path,
          headers,
          r.method === "POST" ? r.body.bytes : undefined,
        );
        expect(sysReplyProblem(reply)).toBeUndefined();
        const fmt = sysReplyFormat(reply.contentType)!.fmt;
        const asked = allowedFmts(r.query.text, r.method === "POST" ? r.body.text : "");
        // a multipart or raw body may name a fmt too: only urlencoded and query fmts are checked
        if (r.method === "GET" || r.body.ct === undefined || r.body.ct.startsWith("application/x-www"))
          expect(asked.has(fmt) || (fmt === 0 && asked.has(1))).toBe(true);
      }),
      { numRuns: SCALE.fuzz.sys, seed: SEED, endOnFailure: true },
    );
    const health = await httpRequest(sb.url, "GET", "/sys/balance.php?login=demo&psw=demo", {});
    expect(health.bytes.toString()).toMatch(/^\d+\.\d\d$/);
    report("fuzz-sys", { cases: SCALE.fuzz.sys, rawRequestLines: raw, elapsedMs: Date.now() - started });
  });

  it("answers /api/v1 with JSON, whatever the method, path, query and body", {
    timeout: timeLimit(120_000),
  }, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(apiRequest, async (r) => {
        const q = new URLSearchParams(r.query);
        const path = `/api/v1/${r.path}${q.size ? `?${q}` : ""}`;
        const headers: Record<string, string> = { "content-type": "application/json" };
        const body =
          r.body === undefined || r.method === "GET" || r.method === "HEAD" ? undefined : Buffer.from(r.body);
        const reply = await httpRequest(sb.url, r.method, path, headers, body);
        if (r.method === "HEAD") return; // a HEAD reply has no body to check
        expect(apiReplyProblem(reply)).toBeUndefined();
      }),
      { numRuns: SCALE.fuzz.api, seed: SEED + 1, endOnFailure: true },
    );
    // the fuzzed chaos settings may delay or drop /sys replies: put them back before the health check
    sb.chaos.set({ errors: [], latency: { min: 0, max: 0 }, resetRate: 0 });
    const health = await httpRequest(sb.url, "GET", "/sys/balance.php?login=demo&psw=demo", {});
    expect(health.status).toBe(200);
    report("fuzz-api", { cases: SCALE.fuzz.api, elapsedMs: Date.now() - started });
  });
});
