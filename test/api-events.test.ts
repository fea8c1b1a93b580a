// GET /api/v1/events: the live stream the inbox and `smsc tail` read.

import type { AddressInfo } from "node:net";
import { Smsc } from "smsc";
import { Router, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEventStream } from "../packages/sandbox/src/http/api/event-stream.js";
import { createNodeServer } from "../packages/sandbox/src/http/node-bridge.js";
import { api, openEvents } from "./api-helpers.js";

let sb: Sandbox;
let closed = false;
beforeEach(async () => {
  closed = false;
  sb = await startSandbox({ port: 0, rateLimits: false, delays: { sentMs: 10, deliveredMs: 10 } });
});
afterEach(async () => {
  if (!closed) await sb.close();
});

describe("GET /api/v1/events", () => {
  it("streams message, status, incoming, deleted and reset events as JSON", async () => {
    const events = await openEvents(sb.url);
    expect(events.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
    await smsc.send({ phones: "77011234567", message: "live" });
    const message = await events.next("message");
    expect(message.data).toMatchObject({ phone: "77011234567", text: "live", status: -1 });
    expect(Number(message.id)).toBeGreaterThan(0);
    const sent = await events.next("status");
    expect(sent.data).toMatchObject({ id: message.data.id, status: 0 });
    const delivered = await events.next("status");
    expect(delivered.data).toMatchObject({ id: message.data.id, status: 1, statusName: "Доставлено" });
    expect(delivered.data.timeline.map((t: { status: number }) => t.status)).toEqual([-1, 0, 1]);

    await smsc.send({ phones: "77017654321", message: "will fail" });
    const failing = (await events.next("message")).data;
    await api(sb.url, "POST", `/messages/${failing.id}/outcome`, { status: 22, err: 1 });
    let outcome = await events.next("status");
    // the lifecycle timer may report -1 → 0 first; the outcome is the event that reaches 22
    while (outcome.data.status !== 22) outcome = await events.next("status");
    expect(outcome.data).toMatchObject({ id: failing.id, status: 22, err: 1 });

    await api(sb.url, "POST", "/incoming", { phone: "77011234567", text: "reply" });
    expect((await events.next("incoming")).data).toMatchObject({ phone: "77011234567", text: "reply" });
    await api(sb.url, "DELETE", `/messages/${message.data.id}`);
    expect((await events.next("deleted")).data).toEqual({ ids: [message.data.id] });
    await api(sb.url, "POST", "/reset");
    expect((await events.next("reset")).data).toEqual({});
    events.close();
  });

  it("sends a heartbeat comment on an idle stream", async () => {
    const stream = createEventStream({ heartbeatMs: 20 });
    const server = createNodeServer(new Router().on("GET", "/api/v1/events", () => stream.connect()));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const events = await openEvents(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    while (!events.comments.includes("ping")) await new Promise((r) => setTimeout(r, 10));
    expect(stream.clients).toBe(1);
    stream.close();
    await events.end();
    await new Promise((r) => server.close(r));
  });

  it("ends open streams and long polls when the sandbox closes", async () => {
    const a = await openEvents(sb.url);
    const b = await openEvents(sb.url);
    expect(a.comments).toContain("connected");
    // a long poll is open too; close() must end it rather than wait for its timeout
    const poll = api(sb.url, "GET", "/messages/wait?phone=77011234567&timeout=60000");
    await new Promise((r) => setTimeout(r, 50));
    await sb.close();
    closed = true;
    await a.end();
    await b.end();
    expect(a.ended && b.ended).toBe(true);
    const r = await poll.catch((e: Error) => e);
    expect(r instanceof Error || (r as { status: number }).status === 503).toBe(true);
  });
});
