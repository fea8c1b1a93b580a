import { ConnectionError, SendOutcomeUnknownError, Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deadUrl } from "./net-helpers.js";

/** The sandbox's magic number whose send is stored, then the connection is dropped without a reply. */
const LOST_REPLY = "77000000099";
const PHONE = "77011234567";

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sb.close();
});

/** Wraps the real fetch, recording "<script> <host>" for every call. */
function recording(log: string[], rewrite?: (url: string, body: string) => string | Error): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    log.push(`${url.replace(/^.*\/sys\//, "")} ${new URL(url).port}`);
    const body = rewrite ? rewrite(url, String(init?.body)) : String(init?.body);
    if (body instanceof Error) throw body;
    return fetch(input, { ...init, body });
  };
}

describe("failover", () => {
  it("moves to the next host when the first is dead, and sends exactly once", async () => {
    const dead = await deadUrl();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: [dead, sb.url] });
    const r = await smsc.send({ phones: PHONE, message: "failover" });
    expect(r.recovered).toBe(false);
    expect(sb.control.messages()).toHaveLength(1);
    expect((await smsc.balance()).balance).toBe(990);
    expect((await smsc.status({ id: r.id, phone: PHONE })).status).not.toBe(-3);
  });

  it("recovers a send whose reply was lost after it was stored: one message, recovered: true", async () => {
    const log: string[] = [];
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.url],
      fetch: recording(log),
    });
    const r = await smsc.send({ phones: LOST_REPLY, message: "lost reply" });
    expect(r).toMatchObject({ recovered: true, cnt: 1, cost: 10 });
    expect(sb.control.messages()).toHaveLength(1);
    expect(sb.control.messages()[0]!.id).toBe(r.id);
    expect(log.map((l) => l.split(" ")[0])).toEqual(["send.php", "status.php"]);
  });

  it("recovers with the mirrors of a list of several phones", async () => {
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: [sb.url, sb.url] });
    const r = await smsc.send({ phones: [LOST_REPLY, PHONE], message: "two phones" });
    expect(r).toMatchObject({ recovered: true, cnt: 2, cost: 20 });
    expect(sb.control.messages()).toHaveLength(2);
  });

  it("treats error 9 to the resend as proof that the first send went through", async () => {
    const log: string[] = [];
    let lookups = 0;
    // the first look-up asks for another id, so it finds nothing and the SDK resends
    const hide = (url: string, body: string) =>
      url.endsWith("status.php") && lookups++ === 0 ? body.replace(/&id=[^&]+/, "&id=hidden") : body;
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.url],
      fetch: recording(log, hide),
    });
    const r = await smsc.send({ phones: LOST_REPLY, message: "duplicate" });
    expect(r.recovered).toBe(true);
    expect(log.map((l) => l.split(" ")[0])).toEqual(["send.php", "status.php", "send.php", "status.php"]);
    expect(sb.control.messages()).toHaveLength(1);
  });

  it("throws SendOutcomeUnknownError with the id when nothing can prove the outcome, and never resends", async () => {
    const log: string[] = [];
    // every look-up fails without proof either way (as a browser's bare "Failed to fetch")
    const blind = (url: string, body: string) =>
      url.endsWith("status.php") ? new TypeError("Failed to fetch") : body;
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.url, sb.url],
      fetch: recording(log, blind),
    });
    const err = await smsc.send({ phones: LOST_REPLY, message: "unknown", id: "check-me" }).catch((e) => e);
    expect(err).toBeInstanceOf(SendOutcomeUnknownError);
    expect(err).toMatchObject({ id: "check-me", phones: [LOST_REPLY] });
    expect(log.filter((l) => l.startsWith("send.php"))).toHaveLength(1);
    expect(sb.control.messages()).toHaveLength(1);
    // the caller can settle it with the id
    const st = await new Smsc({ login: "demo", password: "demo", baseUrl: sb.url }).status({
      id: err.id,
      phone: LOST_REPLY,
    });
    expect(st.status).not.toBe(-3);
  });

  it("throws ConnectionError (nothing sent) when every host refuses", async () => {
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: [await deadUrl(), await deadUrl()] });
    const err = await smsc.send({ phones: PHONE, message: "nowhere" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.maybeSent).toBe(false);
    expect(sb.control.messages()).toHaveLength(0);
  });

  it("retries reads on the next host after a dead one", async () => {
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: [await deadUrl(), sb.url] });
    expect((await smsc.balance()).balance).toBe(1000);
    expect((await smsc.status({ id: "x", phone: PHONE })).status).toBe(-3);
  });
});
