// The error that ends a call after every host failed names each host tried and what happened there, keeping the
// last failure's class (ConnectionError, or TimeoutError when that was the last word) and fields.
import { createServer, type Socket } from "node:net";
import { ConnectionError, Smsc, TimeoutError } from "smsc";
import { describe, expect, it } from "vitest";
import { deadUrl } from "./net-helpers.js";

describe("failover error", () => {
  it("names every host with its failures, counting retries; one host keeps its own message", async () => {
    const [a, b] = [await deadUrl(), await deadUrl()];
    const smsc = new Smsc({ login: "x", password: "y", baseUrl: [a, b], maxRetries: 1 });
    const err = await smsc.balance().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).not.toBeInstanceOf(TimeoutError);
    expect((err as ConnectionError).message).toBe(
      `smsc: balance request failed on every host: ${a} (ECONNREFUSED, 2 attempts); ${b} (ECONNREFUSED, 2 attempts)`,
    );
    expect((err as ConnectionError).host).toBe(b);
    expect((err as ConnectionError).maybeSent).toBe(false);
    expect(((err as ConnectionError).cause as ConnectionError).message).toBe(
      `smsc: balance request to ${b} failed: ECONNREFUSED`,
    );
    const send = await smsc.send({ phones: "77011234567", message: "x" }).catch((e: unknown) => e);
    expect((send as Error).message).toBe(
      `smsc: send request failed on every host: ${a} (ECONNREFUSED); ${b} (ECONNREFUSED)`,
    );
    const one = new Smsc({ login: "x", password: "y", baseUrl: a, maxRetries: 0 });
    expect(((await one.balance().catch((e: unknown) => e)) as Error).message).toBe(
      `smsc: balance request to ${a} failed: ECONNREFUSED`,
    );
  });

  it("keeps TimeoutError when the last host timed out, naming the refused one before it", async () => {
    // a server that accepts and never answers
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((ok) => silent.listen(0, "127.0.0.1", ok));
    const silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const dead = await deadUrl();
      const smsc = new Smsc({
        login: "x",
        password: "y",
        baseUrl: [dead, silentUrl],
        maxRetries: 0,
        timeout: 300,
      });
      const err = await smsc.balance().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).timeout).toBe(300);
      expect((err as TimeoutError).message).toBe(
        `smsc: balance request failed on every host: ${dead} (ECONNREFUSED); ${silentUrl} (no reply within 300 ms)`,
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => silent.close(ok));
    }
  });
});
