// Verify's own logic with hand-written channels and the memory store; the wire is tested against the sandbox in
// test/verify-sandbox.test.ts, the stores against real servers in test/verify-stores.test.ts.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ApiError, InvalidOptionError, parseCallback, SendOutcomeUnknownError } from "../client/index.js";
import type { Channel, ChannelRequest } from "./channels.js";
import { parseVerifyMessageId, verifyMessageId } from "./message-id.js";
import { memoryStore } from "./stores/memory-store.js";
import type { ChannelName, VerifyEvents } from "./types.js";
import { Verify } from "./verify.js";

const SECRET = "unit-test-secret-0123456789abcdef";

function channel(
  name: ChannelName,
  behave: (r: ChannelRequest) => Promise<{ code: string } | { callTo: string }>,
) {
  const calls: ChannelRequest[] = [];
  const ch: Channel = {
    name,
    deliver: (r) => {
      calls.push(r);
      return behave(r);
    },
  };
  return { ch, calls };
}

const ok = (r: ChannelRequest) => Promise.resolve({ code: r.code });
const refuse = (code: number) => () =>
  Promise.reject(new ApiError({ code, description: "refused", endpoint: "send", body: "" }));

function make(channels: Partial<Record<ChannelName, Channel>>, over: Record<string, unknown> = {}) {
  let now = 1_000_000;
  const clock = { now: () => now };
  const v = new Verify({
    store: memoryStore(),
    secret: SECRET,
    channels,
    fallback: Object.keys(channels) as ChannelName[],
    clock,
    random: () => 0.3,
    ...over,
  });
  return { v, advance: (ms: number) => (now += ms) };
}

describe("options", () => {
  it("names the bad option", () => {
    const sms = channel("sms", ok).ch;
    const bad = (o: Record<string, unknown>) => () =>
      new Verify({ store: memoryStore(), secret: SECRET, channels: { sms }, fallback: ["sms"], ...o });
    expect(bad({ secret: "short" })).toThrow(/verify\.secret/);
    expect(bad({ store: {} })).toThrow(/verify\.store/);
    expect(bad({ fallback: ["call"] })).toThrow(/verify\.fallback.*"call"/);
    expect(bad({ fallback: ["fax"] })).toThrow(/unknown channel "fax"/);
    expect(bad({ codeLength: 3 })).toThrow(/verify\.codeLength/);
    expect(bad({ alphabet: "01", codeLength: 6 })).toThrow(/fewer than 10000/);
    expect(bad({ maxAttempts: 0 })).toThrow(/verify\.maxAttempts/);
    expect(bad({ appHash: "x" })).toThrow(/verify\.appHash/);
    expect(bad({ blockedPrefixes: ["+7"] })).toThrow(/verify\.blockedPrefixes/);
    expect(bad({ limits: { phone: { limit: 0, windowMs: 1 } } })).toThrow(InvalidOptionError);
    expect(() => new Verify({ store: memoryStore(), secret: SECRET })).toThrow(/no channel \(pass smsc/);
  });

  it("never shows the secret when inspected or serialised", () => {
    const { v } = make({ sms: channel("sms", ok).ch });
    expect(inspect(v, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });
});

describe("start", () => {
  it("makes codes of the configured length and alphabet, and refuses a channel it has not", async () => {
    const sms = channel("sms", ok);
    const { v } = make({ sms: sms.ch }, { codeLength: 8, alphabet: "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" });
    await v.start("77011234567");
    expect(sms.calls[0]!.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(sms.calls[0]!.text).toContain(sms.calls[0]!.code);
    expect(sms.calls[0]!.phone.e164).toBe("+77011234567");
    await expect(v.start("77011234567", { channel: "call" })).rejects.toThrow(/start\.channel/);
    expect((await v.check("77011234567", sms.calls[0]!.code.toLowerCase())).status).toBe("approved");
  });

  it("falls over to the next channel when the service refuses the first (errors 6 and 8)", async () => {
    for (const code of [6, 8]) {
      const sms = channel("sms", refuse(code));
      const call = channel("call", () => Promise.resolve({ code: "4321" }));
      const { v } = make({ sms: sms.ch, call: call.ch });
      const r = await v.start("77011234567");
      expect(r).toMatchObject({ status: "sent", channel: "call", messageId: call.calls[0]!.messageId });
      expect(sms.calls[0]!.messageId).not.toBe(call.calls[0]!.messageId);
      expect((await v.check("77011234567", "4321")).status).toBe("approved");
    }
  });

  it("does not fall over when the number is bad or the send may have gone out, and stores nothing", async () => {
    for (const err of [
      new ApiError({ code: 7, description: "invalid number", endpoint: "send", body: "" }),
      new SendOutcomeUnknownError("x", ["77011234567"]),
    ]) {
      const call = channel("call", ok);
      const { v } = make({ sms: channel("sms", () => Promise.reject(err)).ch, call: call.ch });
      await expect(v.start("77011234567")).rejects.toBe(err);
      expect(call.calls).toHaveLength(0);
      expect(await v.check("77011234567", "000000")).toEqual({ status: "unknown" });
    }
  });

  it("throws the last refusal when every channel refuses", async () => {
    const { v } = make({ sms: channel("sms", refuse(6)).ch, call: channel("call", refuse(8)).ch });
    await expect(v.start("77011234567")).rejects.toMatchObject({ code: 8 });
  });
});

describe("events and callbacks", () => {
  it("emits delivered and undelivered from status callbacks of its own messages only", async () => {
    const sms = channel("sms", ok);
    const { v } = make({ sms: sms.ch });
    const seen: Array<[string, unknown]> = [];
    v.on("delivered", (e) => seen.push(["delivered", e]));
    v.on("failed", (e) => seen.push(["failed", e]));
    v.on("delivered", () => {
      throw new Error("a broken metrics hook");
    });
    await v.start("77011234567");
    const id = sms.calls[0]!.messageId;
    expect(await v.handleCallback(parseCallback(`id=${id}&phone=77011234567&status=0&err=0`))).toBe(true);
    expect(await v.handleCallback(parseCallback(`id=${id}&phone=77011234567&status=1&err=0`))).toBe(true);
    expect(await v.handleCallback(parseCallback(`id=${id}&phone=77011234567&status=20&err=1`))).toBe(true);
    expect(await v.handleCallback(parseCallback("id=42&phone=77011234567&status=1&err=0"))).toBe(false);
    expect(seen).toEqual([
      ["delivered", { phone: "77011234567", channel: "sms", messageId: id, status: 1 }],
      ["failed", { phone: "77011234567", channel: "sms", messageId: id, status: 20, reason: "undelivered" }],
    ]);
  });

  it("plugs in an inbound-call channel: the user calls the number, the waitcall callback approves", async () => {
    const inbound = channel("inbound-call", () => Promise.resolve({ callTo: "77270000000" }));
    const { v } = make({ "inbound-call": inbound.ch });
    const approved: Array<VerifyEvents["approved"]> = [];
    v.on("approved", (e) => approved.push(e));
    const r = await v.start("77011234567");
    expect(r).toMatchObject({ status: "sent", channel: "inbound-call", callTo: "77270000000" });
    // no typed code ever approves it
    expect(await v.check("77011234567", inbound.calls[0]!.code)).toMatchObject({ status: "wrong-code" });
    expect(await v.handleCallback(parseCallback("phone=77019999999&ts=1700000000&waitcall=1"))).toBe(false);
    expect(await v.handleCallback(parseCallback("phone=77011234567&ts=1700000000&waitcall=1"))).toBe(true);
    // the call counts an attempt, as a check does: one wrong check and the call
    expect(approved).toEqual([
      { id: r.status === "sent" ? r.id : "", phone: "77011234567", channel: "inbound-call", attempts: 2 },
    ]);
    expect(await v.check("77011234567", "123456")).toEqual({ status: "unknown" });
  });

  it("approves no inbound-call verification that is expired, exhausted, replayed or of another channel", async () => {
    const inbound = channel("inbound-call", () => Promise.resolve({ callTo: "+77009990001" }));
    const sms = channel("sms", ok);
    const { v, advance } = make(
      { "inbound-call": inbound.ch, sms: sms.ch },
      { ttlMs: 60_000, maxAttempts: 2, resendAfterMs: 0 },
    );
    const seen: Array<[string, unknown]> = [];
    v.on("approved", (e) => seen.push(["approved", e]));
    v.on("failed", (e) => seen.push(["failed", e.reason]));
    // ts of a call "now" on the test clock (1 000 000 ms), and of one long before the verification
    const call = (phone: string, ts = 1_000) => parseCallback(`phone=${phone}&ts=${ts}&waitcall=1`);

    await v.start("77011110001", { channel: "inbound-call" });
    advance(60_000);
    expect(await v.handleCallback(call("77011110001", 1_060))).toBe(true);
    expect(seen.splice(0)).toEqual([["failed", "expired"]]);

    await v.start("77011110002", { channel: "inbound-call" });
    await v.check("77011110002", "000000");
    await v.check("77011110002", "000000");
    seen.length = 0;
    expect(await v.handleCallback(call("77011110002", 1_060))).toBe(true);
    expect(seen.splice(0)).toEqual([["failed", "too-many-attempts"]]);

    await v.start("77011110003", { channel: "inbound-call" });
    // a signed callback of an earlier call (ts 10 minutes before the start) costs nothing and approves nothing
    expect(await v.handleCallback(call("77011110003", 1_060 - 600))).toBe(true);
    expect(await v.handleCallback(parseCallback("phone=77011110003&waitcall=1"))).toBe(true);
    expect(seen.splice(0)).toEqual([
      ["failed", "replayed"],
      ["failed", "replayed"],
    ]);
    expect(await v.handleCallback(call("77011110003", 1_060))).toBe(true);
    expect(seen.splice(0)).toEqual([["approved", expect.objectContaining({ attempts: 1 })]]);
    expect(await v.handleCallback(call("77011110003", 1_060))).toBe(false);

    // a call from a phone whose pending code went by SMS is not verify's business
    await v.start("77011110004", { channel: "sms" });
    expect(await v.handleCallback(call("77011110004", 1_060))).toBe(false);
    expect((await v.check("77011110004", sms.calls.at(-1)!.code)).status).toBe("approved");
    expect(seen.splice(0).map(([name]) => name)).toEqual(["approved"]);
  });

  it("falls back from sms to inbound-call on a resend, and reports the number to call", async () => {
    const inbound = channel("inbound-call", () => Promise.resolve({ callTo: "+77009990002" }));
    const { v, advance } = make(
      { sms: channel("sms", ok).ch, "inbound-call": inbound.ch },
      { resendAfterMs: 1000 },
    );
    expect(await v.start("77011234567")).toMatchObject({ channel: "sms" });
    advance(1000);
    const r = await v.start("77011234567");
    expect(r).toMatchObject({ status: "sent", channel: "inbound-call", callTo: "+77009990002", sends: 2 });
    expect(inbound.calls[0]!.phone.e164).toBe("+77011234567");
  });

  it("maps its message ids back to channel and code id", () => {
    const id = "abcdefghij0123456789";
    for (const c of ["sms", "call", "inbound-call"] as const)
      expect(parseVerifyMessageId(verifyMessageId(c, id))).toEqual({ channel: c, id });
    expect(verifyMessageId("sms", id).length).toBeLessThanOrEqual(40);
    expect(parseVerifyMessageId("vfy-s-short")).toBeUndefined();
  });
});
