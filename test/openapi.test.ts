// The OpenAPI 3.1 document at /api/v1/openapi.json against the sandbox itself: it lists exactly the /api/v1 routes
// the router serves (method and path, nothing extra), passes an OpenAPI 3.1 validator written by others
// (@apidevtools/swagger-parser), and every documented operation is called on a real sandbox with its reply checked
// against the document's schema for that status (ajv, JSON Schema 2020-12), so the schemas cannot drift from the
// presenters either.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document, walked by path
type Doc = any;

let sb: Sandbox;
let doc: Doc;
/** A callback handler that answers OK, so the callbacks log has an entry. */
const handler = { server: createServer((_req, res) => res.end("OK")), url: "" };

beforeAll(async () => {
  await new Promise<void>((ok) => handler.server.listen(0, "127.0.0.1", ok));
  handler.url = `http://127.0.0.1:${(handler.server.address() as AddressInfo).port}/cb`;
  sb = await startSandbox({ rateLimits: false, mirrors: 1, delays: { sentMs: 0, deliveredMs: 0 } });
  const res = await fetch(`${sb.url}/api/v1/openapi.json`);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  doc = await res.json();
});
afterAll(async () => {
  await sb?.close();
  await new Promise((ok) => handler.server.close(ok));
});

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const documented = (d: Doc) =>
  Object.entries(d.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
  );

describe("the OpenAPI document", () => {
  it("documents every /api/v1 route of the router with its method, and nothing else", () => {
    const routes = sb.router
      .routes()
      .filter((r) => r.path.startsWith("/api/v1/"))
      .map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(documented(doc).sort()).toEqual(routes.sort());
  });

  it("is valid OpenAPI 3.1", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const api = await SwaggerParser.validate(structuredClone(doc));
    expect(Object.keys(api.paths ?? {})).toContain("/api/v1/messages/{id}");
    // the validator does check: a broken copy fails
    const broken = structuredClone(doc);
    broken.paths["/api/v1/messages"].get.responses = "none";
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
    // every path parameter is declared, every operation has an id, a tag and a 403
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
      for (const [method, op] of Object.entries(item)) {
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? []).filter((p: Doc) => p.in === "path").map((p: Doc) => p.name);
        expect([method, path, declared]).toEqual([method, path, names]);
        expect(op.operationId).toMatch(/^[a-zA-Z]+$/);
        expect(op.tags).toHaveLength(1);
        expect(op.responses["403"]).toBeDefined();
        if (method !== "get") expect([method, path, op.responses["415"]]).not.toContainEqual(undefined);
      }
    }
  });

  it("describes the real reply of every operation, errors included", async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    // the components under one id, so a reply's "#/components/…" resolves as "doc#/components/…"
    ajv.addSchema({ $id: "doc", components: doc.components });
    const checked = new Set<string>();
    const validator = (schema: unknown) =>
      ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));

    /** Calls an operation and checks its reply against the document; returns the parsed body. */
    async function call(
      method: string,
      pattern: string,
      path: string,
      body?: unknown,
      base = sb.url,
    ): Promise<Doc> {
      const res = await fetch(`${base}${path}`, {
        method,
        ...(method === "GET" ? {} : { headers: { "Content-Type": "application/json" } }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const oaPath = pattern.replace(/:(\w+)/g, "{$1}");
      const reply = doc.paths[oaPath]?.[method.toLowerCase()]?.responses?.[String(res.status)];
      expect(
        reply,
        `${method} ${path} answered ${res.status}, which the document does not list`,
      ).toBeDefined();
      const [type] = Object.keys(reply.content ?? {});
      expect(res.headers.get("content-type")?.split(";")[0]).toBe(type);
      const parsed = await res.json();
      const validate = validator(reply.content[type!].schema);
      expect([method, path, res.status, validate(parsed) ? [] : validate.errors]).toEqual([
        method,
        path,
        res.status,
        [],
      ]);
      checked.add(`${method} ${pattern}`);
      return parsed;
    }

    // the schemas are closed: a reply missing a field, or with one more, fails
    const message = validator({ $ref: "#/components/schemas/Message" });
    expect(message({ id: 1 })).toBe(false);
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
    await smsc.send({ phones: "77011234567", message: "Ваш код 4821", sender: "ACME" });
    await smsc.send({ phones: "77017654321", message: "hlr", format: "hlr" });
    const [hlr, sms] = (await call("GET", "/api/v1/messages", "/api/v1/messages?limit=10")).messages;
    expect(message({ ...sms, extra: 1 })).toBe(false);
    await call("GET", "/api/v1/messages/latest", "/api/v1/messages/latest?phone=77011234567");
    await call("GET", "/api/v1/messages/latest", "/api/v1/messages/latest?phone=77000000000");
    await call("GET", "/api/v1/messages/wait", "/api/v1/messages/wait?phone=77011234567&timeout=1000");
    await call("GET", "/api/v1/messages/wait", "/api/v1/messages/wait?phone=77011234567&timeout=1");
    await call("GET", "/api/v1/messages", "/api/v1/messages?status=x");
    await sb.waitForMessage({ phone: "77017654321" });
    await call("GET", "/api/v1/messages/:id", `/api/v1/messages/${sms.id}`);
    await call("GET", "/api/v1/messages/:id", `/api/v1/messages/${hlr.id}`);
    await call("GET", "/api/v1/messages/:id", "/api/v1/messages/999999");
    await call("POST", "/api/v1/messages/:id/outcome", `/api/v1/messages/${sms.id}/outcome`, {
      status: 20,
      err: 1,
    });
    await call("POST", "/api/v1/messages/:id/outcome", `/api/v1/messages/${sms.id}/outcome`, { status: -3 });
    await call("DELETE", "/api/v1/messages/:id", `/api/v1/messages/${sms.id}`);
    await call("DELETE", "/api/v1/messages", "/api/v1/messages?phone=77017654321");
    await call("POST", "/api/v1/incoming", "/api/v1/incoming", {
      phone: "77011234567",
      text: "STOP",
      to: "7700",
    });
    await call("POST", "/api/v1/incoming", "/api/v1/incoming", {
      phone: "77011234567",
      text: "x",
      login: "ghost",
    });
    await call("GET", "/api/v1/incoming", "/api/v1/incoming?limit=5");
    await call("GET", "/api/v1/accounts", "/api/v1/accounts");
    await call("PUT", "/api/v1/accounts/:login/balance", "/api/v1/accounts/demo/balance", { balance: 500 });
    await call("PUT", "/api/v1/accounts/:login/balance", "/api/v1/accounts/ghost/balance", { balance: 5 });
    await call("PUT", "/api/v1/accounts/:login/callback", "/api/v1/accounts/demo/callback", {
      url: `${handler.url}?md5=secret`,
    });
    await call("GET", "/api/v1/accounts/:login/callback", "/api/v1/accounts/demo/callback");
    await smsc.send({ phones: "77011234567", message: "with a callback" });
    await vi.waitFor(() => expect(sb.store.callbacks.list({ limit: 1 })).toHaveLength(1));
    expect((await call("GET", "/api/v1/callbacks", "/api/v1/callbacks?login=demo")).callbacks).not.toEqual(
      [],
    );
    await call("DELETE", "/api/v1/accounts/:login/callback", "/api/v1/accounts/demo/callback");
    // mailings (jobs.php): one with a fallback, one without; reading the list makes their first runs
    await smsc.mailings.create({
      name: "News",
      phones: "77011234567",
      message: "Hi",
      repeat: "hourly",
      repeats: 2,
      fallbackMessage: "Hi by SMS",
      fallbackSender: "ACME",
      autoRepeat: true,
    });
    await smsc.mailings.create({ name: "Once", phones: "77017654321", message: "Once" });
    const { mailings } = await call("GET", "/api/v1/mailings", "/api/v1/mailings?login=demo");
    expect(mailings.map((m: Doc) => [m.name, m.history.length, m.fallback === null])).toEqual([
      ["Once", 1, true],
      ["News", 1, false],
    ]);
    await call("GET", "/api/v1/mailings", "/api/v1/mailings?limit=x");
    // sender names (senders.php): waiting for moderation, approved and rejected by hand, a digital one with a code
    const senderId = await smsc.senders.add({ sender: "Shop" });
    await smsc.senders.add({ sender: "+77011234567" });
    await smsc.senders.sendCode("+77011234567");
    const { senders } = await call("GET", "/api/v1/senders", "/api/v1/senders?login=demo");
    expect(senders.map((s: Doc) => ["approveAt" in s, "codeSentAt" in s])).toEqual([
      [true, false],
      [false, true],
    ]);
    await call("POST", "/api/v1/senders/:id/approve", `/api/v1/senders/${senderId}/approve`);
    await call("POST", "/api/v1/senders/:id/reject", `/api/v1/senders/${senderId}/reject`);
    await call("POST", "/api/v1/senders/:id/reject", "/api/v1/senders/999999/reject");
    await call("GET", "/api/v1/senders", "/api/v1/senders?login=ghost");
    // a short link (send.php tinyurl=1)
    await smsc.send({ phones: "77011234567", message: "Track it: https://example.com/o/42", tinyUrl: true });
    expect((await call("GET", "/api/v1/short-links", "/api/v1/short-links")).shortLinks).toHaveLength(1);
    await call("GET", "/api/v1/short-links", "/api/v1/short-links?login=ghost");
    await call("GET", "/api/v1/short-links", "/api/v1/short-links?limit=-1");
    // a wait_call.php request, then the subscriber's call: confirmed, the wrong number, nobody waiting, no phone
    const { phone: dial } = await smsc.waitCall({ phone: "77011234567" });
    await call("GET", "/api/v1/wait-calls", "/api/v1/wait-calls?login=demo&phone=77011234567");
    const called = await call(
      "POST",
      "/api/v1/wait-calls/:phone/call",
      "/api/v1/wait-calls/77011234567/call",
    );
    expect(called.calls.map((c: Doc) => [c.number, c.state])).toEqual([[dial, "confirmed"]]);
    await call("GET", "/api/v1/wait-calls", "/api/v1/wait-calls");
    await call("POST", "/api/v1/wait-calls/:phone/call", "/api/v1/wait-calls/77011234567/call", {
      to: "77000000001",
    });
    await call("POST", "/api/v1/wait-calls/:phone/call", "/api/v1/wait-calls/77019999999/call", {});
    await call("POST", "/api/v1/wait-calls/:phone/call", "/api/v1/wait-calls/nobody/call");
    await call("GET", "/api/v1/wait-calls", "/api/v1/wait-calls?phone=nobody");
    // a call after the request expired, on a sandbox whose clock moves on
    let now = Date.now();
    const later = await startSandbox({ rateLimits: false, clock: () => now });
    try {
      await new Smsc({ login: "demo", password: "demo", baseUrl: later.url }).waitCall({
        phone: "77011234567",
      });
      now += 3_600_000;
      const expired = `${later.url}/api/v1/wait-calls/77011234567/call`;
      expect(
        (await fetch(expired, { method: "POST", headers: { "Content-Type": "application/json" } })).status,
      ).toBe(410);
      await call(
        "POST",
        "/api/v1/wait-calls/:phone/call",
        "/api/v1/wait-calls/77011234567/call",
        {},
        later.url,
      );
    } finally {
      await later.close();
    }
    await call("GET", "/api/v1/chaos", "/api/v1/chaos");
    await call("PUT", "/api/v1/chaos", "/api/v1/chaos", { latency: { min: 0, max: 0 } });
    await call("PUT", "/api/v1/chaos", "/api/v1/chaos", { resetRate: 2 });
    await call("GET", "/api/v1/mirrors", "/api/v1/mirrors");
    await call("POST", "/api/v1/mirrors/:n/down", "/api/v1/mirrors/1/down");
    await call("POST", "/api/v1/mirrors/:n/up", "/api/v1/mirrors/1/up");
    await call("POST", "/api/v1/mirrors/:n/up", "/api/v1/mirrors/7/up");
    await call("GET", "/api/v1/openapi.json", "/api/v1/openapi.json");
    await call("POST", "/api/v1/reset", "/api/v1/reset");
    // a refusal every state change documents
    const bare = await fetch(`${sb.url}/api/v1/reset`, { method: "POST" });
    expect(bare.status).toBe(415);
    expect(
      validator(doc.paths["/api/v1/reset"].post.responses["415"].content["application/json"].schema)(
        await bare.json(),
      ),
    ).toBe(true);
    // the event stream: its content type, and its first bytes
    const ctrl = new AbortController();
    const events = await fetch(`${sb.url}/api/v1/events`, { signal: ctrl.signal });
    expect(events.headers.get("content-type")?.split(";")[0]).toBe(
      Object.keys(doc.paths["/api/v1/events"].get.responses["200"].content)[0],
    );
    const first = await events.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^retry: \d+\n/);
    ctrl.abort();
    checked.add("GET /api/v1/events");

    expect([...checked].sort()).toEqual(documented(doc).sort());
  });
});
