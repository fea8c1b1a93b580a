// SmppClient against the real sandbox (startSandbox with smppPort 0), and against small scripted SMPP servers
// built on our codec for what the sandbox never does (stalling, dropping connections mid-request, MO messages).
import net from "node:net";
import {
  decodePdu,
  encodeMessageText,
  encodePdu,
  type Pdu,
  type PduInput,
  SmppFrameReader,
} from "smsc/protocol";
import {
  SmppBindError,
  SmppClient,
  type SmppClientOptions,
  SmppClosedError,
  SmppConnectionError,
  SmppError,
  type SmppMessage,
  type SmppReceipt,
  SmppTimeoutError,
} from "smsc/smpp";
import { createSmppServer, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_CERT, TEST_KEY } from "./smpp-tls-fixture.js";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sandboxed(extra: Partial<Parameters<typeof startSandbox>[0]> = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({
    smppPort: 0,
    delays: { sentMs: 0, deliveredMs: 0 },
    rateLimits: false,
    ...extra,
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

function client(port: number, options: SmppClientOptions = {}): SmppClient {
  const c = new SmppClient({ host: "127.0.0.1", port, systemId: "demo", password: "demo", ...options });
  cleanups.push(() => c.close());
  return c;
}

/** Records every receipt from now on; `wait(id)` resolves with the one for that id, early or late. */
function receipts(c: SmppClient) {
  const seen = new Map<string, SmppReceipt>();
  const waiting = new Map<string, (r: SmppReceipt) => void>();
  c.on("receipt", (r) => {
    seen.set(r.id, r);
    waiting.get(r.id)?.(r);
  });
  return {
    wait: (id: string) =>
      new Promise<SmppReceipt>((resolve) => {
        const r = seen.get(id);
        if (r) resolve(r);
        else waiting.set(id, resolve);
      }),
  };
}

async function httpStatus(sandbox: Sandbox, id: string, phone: string) {
  const r = await fetch(`${sandbox.url}/sys/status.php?login=demo&psw=demo&phone=${phone}&id=${id}&fmt=3`);
  return (await r.json()) as { status: number };
}

describe("SmppClient ↔ sandbox", () => {
  it("binds, submits, and gets the receipt with the id status.php knows", async () => {
    const sandbox = await sandboxed();
    const c = client(sandbox.smppPort as number);
    const got = receipts(c);
    await c.connect();
    expect(c.bound).toBe(true);
    const res = await c.submit({ to: "+77011234567", text: "Hello from SMPP", from: "MyShop" });
    expect(res).toMatchObject({ parts: 1, partIds: [res.messageId] });
    const receipt = await got.wait(res.messageId);
    expect(receipt).toMatchObject({
      stat: "DELIVRD",
      status: 1,
      err: 0,
      sub: 1,
      dlvrd: 1,
      text: "Hello from SMPP",
      phone: "77011234567",
      sender: "MyShop",
      cost: 10,
      parts: 1,
      flags: 0,
    });
    expect(receipt.doneDate).toBeInstanceOf(Date);
    expect(await httpStatus(sandbox, res.messageId, "77011234567")).toMatchObject({ status: 1 });
    const [m] = sandbox.control.messages();
    expect(m).toMatchObject({ text: "Hello from SMPP", sender: "MyShop", origin: "smpp" });
  });

  it("refuses a wrong password with SmppBindError and does not retry", async () => {
    const sandbox = await sandboxed();
    const c = client(sandbox.smppPort as number, { password: "wrong" });
    const err = await c.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmppBindError);
    expect((err as SmppBindError).statusName).toBe("ESME_RINVPASWD");
    expect(c.bound).toBe(false);
    await expect(c.submit({ to: "77011234567", text: "x" })).rejects.toBeInstanceOf(SmppBindError);
  });

  for (const [concat, text, parts] of [
    ["udh8", "GSM ".repeat(60), 2],
    ["udh16", "Длинный текст ".repeat(10), 3],
    ["sar", "sar ".repeat(80), 3],
    ["payload", "Қазақша мәтін ".repeat(12), 1],
  ] as const)
    it(`sends a long text (${concat}) that arrives as one message with the right parts`, async () => {
      const sandbox = await sandboxed();
      const c = client(sandbox.smppPort as number, { concat });
      const got = receipts(c);
      const res = await c.submit({ to: "77011234567", text });
      expect(res.parts).toBe(parts);
      expect(new Set(res.partIds).size).toBe(1);
      const receipt = await got.wait(res.messageId);
      const messages = sandbox.control.messages();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toBe(text);
      expect(receipt.sub).toBe(messages[0]?.parts);
      expect(receipt.parts).toBe(messages[0]?.parts);
      expect(receipt.stat).toBe("DELIVRD");
    });

  it("resolves hlr() with the HLR record, sends ping(), and answers query()", async () => {
    const sandbox = await sandboxed();
    const c = client(sandbox.smppPort as number);
    const got = receipts(c);
    const hlr = await c.hlr("77011234567");
    expect(hlr).toMatchObject({ stat: "DELIVRD", status: 1, mcc: "401" });
    expect(hlr.imsi).toMatch(/^401/);
    expect(sandbox.control.messages()[0]?.format).toBe("hlr");
    const ping = await c.ping("77011234568");
    const pinged = await got.wait(ping.messageId);
    expect(pinged.stat).toBe("DELIVRD");
    const q = await c.query(ping.messageId);
    expect(q).toMatchObject({ messageId: ping.messageId, messageState: 2, status: 1, errorCode: 0 });
    expect(q.finalDate).toBeInstanceOf(Date);
  });

  it("maps refused submits to SmppError with the service's code", async () => {
    const sandbox = await sandboxed({ accounts: [{ login: "poor", password: "poor", balance: 0 }] });
    const c = client(sandbox.smppPort as number, { systemId: "poor", password: "poor" });
    const noMoney = await c.submit({ to: "77011234567", text: "x" }).catch((e: unknown) => e);
    expect(noMoney).toBeInstanceOf(SmppError);
    expect((noMoney as SmppError).code).toBe(3);
    const badPhone = await c.submit({ to: "12", text: "x" }).catch((e: unknown) => e);
    expect((badPhone as SmppError).statusName).toBe("ESME_RINVDSTADR");
    expect((badPhone as SmppError).code).toBe(7);
  });

  it("reconnects and binds again after the server drops an idle session", async () => {
    const sandbox = await sandboxed();
    const server = createSmppServer({ core: sandbox.core, idleTimeoutMs: 100 });
    const { port } = await server.listen();
    cleanups.push(() => server.close());
    const c = client(port, { enquireLinkMs: 0, random: () => 0 });
    await c.connect();
    const events: string[] = [];
    c.on("disconnect", () => events.push("disconnect"));
    const rebound = new Promise<void>((resolve) => c.once("bound", () => resolve()));
    await rebound;
    expect(events).toEqual(["disconnect"]);
    const res = await c.submit({ to: "77011234567", text: "after reconnect" });
    expect(res.messageId).toMatch(/^\d+$/);
  });

  it("never logs the password", async () => {
    const sandbox = await sandboxed();
    const lines: string[] = [];
    const c = client(sandbox.smppPort as number, {
      password: "s3cr3t",
      logger: { debug: (m, d) => lines.push(`${m} ${JSON.stringify(d)}`) },
    });
    await c.connect().catch(() => {});
    expect(lines.join("\n")).toContain("bind_transceiver");
    expect(lines.join("\n")).not.toContain("s3cr3t");
  });
});

/** A scripted SMPP server: binds anyone, then hands every other PDU to `on`. */
async function scripted(on: (pdu: Pdu, reply: (p: PduInput) => void, socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    const reader = new SmppFrameReader();
    const reply = (p: PduInput) => socket.writable && socket.write(encodePdu(p));
    socket.on("data", (chunk) => {
      for (const f of reader.push(chunk)) {
        const pdu = decodePdu(f);
        if (pdu.command === "bind_transceiver")
          reply({ command: "bind_transceiver_resp", sequence_number: pdu.sequence_number, system_id: "T" });
        else if (pdu.command === "unbind")
          reply({ command: "unbind_resp", sequence_number: pdu.sequence_number });
        else on(pdu, reply, socket);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

describe("SmppClient against scripted servers", () => {
  it("keeps at most `window` submits in flight and sends the rest as answers come", async () => {
    const held: Pdu[] = [];
    let reply: (p: PduInput) => void = () => {};
    let maxSeen = 0;
    const port = await scripted((pdu, r) => {
      reply = r;
      if (pdu.command === "submit_sm") held.push(pdu);
      maxSeen = Math.max(maxSeen, held.length);
    });
    const c = client(port, { window: 3 });
    const all = Promise.all(
      Array.from({ length: 10 }, (_, i) => c.submit({ to: "77011234567", text: `n${i}` })),
    );
    while (held.length < 3) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    expect(held).toHaveLength(3);
    let answered = 0;
    while (answered < 10) {
      const pdu = held.shift();
      if (!pdu) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      reply({
        command: "submit_sm_resp",
        sequence_number: pdu.sequence_number,
        message_id: `id${++answered}`,
      });
    }
    const results = await all;
    expect(results.map((r) => r.messageId)).toHaveLength(10);
    expect(maxSeen).toBeLessThanOrEqual(3);
  });

  it("rejects an unanswered submit with SmppTimeoutError carrying its sequence", async () => {
    const port = await scripted(() => {});
    const c = client(port, { timeoutMs: 150 });
    const err = await c.submit({ to: "77011234567", text: "void" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmppTimeoutError);
    expect((err as SmppTimeoutError).sequence).toBeGreaterThan(1);
    expect((err as SmppTimeoutError).maybeAccepted).toBe(true);
  });

  it("on a drop, rejects the written submit (maybe accepted) and sends the queued one after rebinding", async () => {
    let connections = 0;
    const port = await scripted((pdu, reply, socket) => {
      if (pdu.command !== "submit_sm") return;
      if (connections++ === 0) socket.destroy();
      else reply({ command: "submit_sm_resp", sequence_number: pdu.sequence_number, message_id: "second" });
    });
    const c = client(port, { window: 1, random: () => 0 });
    await c.connect();
    const first = c.submit({ to: "77011234567", text: "first" }).catch((e: unknown) => e);
    const second = c.submit({ to: "77011234567", text: "second" });
    const err = await first;
    expect(err).toBeInstanceOf(SmppConnectionError);
    expect((err as SmppConnectionError).maybeAccepted).toBe(true);
    expect((err as SmppConnectionError).sequence).toBeGreaterThan(0);
    expect((await second).messageId).toBe("second");
  });

  it("sends enquire_link when idle, emits incoming messages (parts joined) and acknowledges them", async () => {
    let enquired!: () => void;
    const sawEnquire = new Promise<void>((r) => {
      enquired = r;
    });
    let acked!: (p: Pdu) => void;
    const sawAck = new Promise<Pdu>((r) => {
      acked = r;
    });
    const port = await scripted((pdu, reply) => {
      if (pdu.command === "enquire_link") {
        reply({ command: "enquire_link_resp", sequence_number: pdu.sequence_number });
        enquired();
        reply({
          command: "deliver_sm",
          sequence_number: 7,
          source_addr: "77011234567",
          destination_addr: "1234",
          data_coding: 8,
          short_message: encodeMessageText("Ответ", "ucs2"),
        });
        // a two-part message, second part first
        for (const [seqNo, part] of [
          [2, " two"],
          [1, "part one,"],
        ] as const)
          reply({
            command: "deliver_sm",
            sequence_number: 10 + seqNo,
            source_addr: "77011234567",
            destination_addr: "1234",
            esm_class: 0x40,
            short_message: Uint8Array.from([5, 0, 3, 9, 2, seqNo, ...encodeMessageText(part, "gsm7")]),
          });
      }
      if (pdu.command === "deliver_sm_resp") acked(pdu);
    });
    const c = client(port, { enquireLinkMs: 30 });
    const messages: SmppMessage[] = [];
    const two = new Promise<void>((r) =>
      c.on("message", (m) => {
        messages.push(m);
        if (messages.length === 2) r();
      }),
    );
    await c.connect();
    await sawEnquire;
    await two;
    expect(messages[0]).toMatchObject({ from: "77011234567", to: "1234", text: "Ответ", dataCoding: 8 });
    expect(messages[1]).toMatchObject({ from: "77011234567", text: "part one, two", parts: 2 });
    expect(messages[1]).not.toHaveProperty("concat");
    expect(await sawAck).toMatchObject({ sequence_number: 7, command_status: 0 });
  });

  it("waits for 'drain' instead of piling PDUs into a socket nobody reads", async () => {
    let serverSocket: net.Socket | undefined;
    const port = await scripted((_pdu, _reply, socket) => {
      serverSocket = socket;
    });
    const c = client(port, { window: 1000, timeoutMs: 60_000, concat: "payload" });
    await c.connect();
    const big = "x".repeat(60_000);
    const pending = Array.from({ length: 200 }, () =>
      c.submit({ to: "77011234567", text: big }).catch(() => {}),
    );
    await new Promise((r) => setTimeout(r, 50));
    serverSocket?.pause();
    await new Promise((r) => setTimeout(r, 300));
    const socket = (c as unknown as { socket: net.Socket }).socket;
    // without back-pressure all 12 MB would sit in the socket's buffer
    expect(socket.writableLength).toBeLessThan(1_000_000);
    socket.destroy();
    await Promise.all(pending);
  });

  it("rejects submits still waiting for a slot when closed", async () => {
    const port = await scripted(() => {});
    const c = client(port, { window: 1, timeoutMs: 5000 });
    await c.connect();
    const first = c.submit({ to: "77011234567", text: "a" }).catch((e: unknown) => e);
    const second = c.submit({ to: "77011234567", text: "b" }).catch((e: unknown) => e);
    const closing = c.close();
    expect(await second).toBeInstanceOf(SmppClosedError);
    await closing;
    expect(await first).toBeInstanceOf(SmppConnectionError);
  });
});

describe("SmppClient over TLS", () => {
  it("binds and submits over TLS (the service's port 3443 form), verifying the server's certificate", async () => {
    const sandbox = await sandboxed();
    const server = createSmppServer({ core: sandbox.core, tls: { key: TEST_KEY, cert: TEST_CERT } });
    const { port } = await server.listen();
    cleanups.push(() => server.close());
    const c = client(port, { tls: { ca: TEST_CERT } });
    const res = await c.submit({ to: "77011234567", text: "over TLS" });
    expect(String(sandbox.control.messages()[0]?.id)).toBe(res.messageId);
    const untrusting = client(port, { tls: true, reconnect: false });
    await expect(untrusting.connect()).rejects.toBeInstanceOf(SmppConnectionError);
  });
});
