// The sandbox's SMPP server over real sockets, driven by a bare PDU peer built on our codec.

import {
  concatUdh,
  decodeMessageText,
  ESM_CLASS,
  encodeMessageText,
  encodePdu,
  MESSAGE_STATES,
  type Pdu,
  type PduInput,
  parseHlrReceipt,
  parseReceipt,
  SMPP_STATUS,
  splitMessage,
} from "smsc/protocol";
import { createSmppServer, type Sandbox, type SmppServer, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "../packages/sandbox/src/cli-args.js";
import { type RawSmpp, rawSmpp } from "./smpp-raw-client.js";

let sandbox: Sandbox;
let server: SmppServer | undefined;
let port: number;
const peers: RawSmpp[] = [];

async function start(options: { windowSize?: number; idleTimeoutMs?: number } = {}) {
  sandbox = await startSandbox({
    delays: { sentMs: 0, deliveredMs: 0 },
    rateLimits: false,
    accounts: [{ login: "poor", password: "poor", balance: 0 }],
  });
  server = createSmppServer({ core: sandbox.core, ...options });
  port = (await server.listen()).port;
}

async function connect(): Promise<RawSmpp> {
  const p = await rawSmpp(port);
  peers.push(p);
  return p;
}

let seq = 100;
type Request = PduInput extends infer T ? (T extends unknown ? Omit<T, "sequence_number"> : never) : never;

async function call(peer: RawSmpp, input: Request) {
  const sequence_number = ++seq;
  peer.send({ ...input, sequence_number } as PduInput);
  return peer.next((p) => p.sequence_number === sequence_number && p.command !== "deliver_sm");
}

async function bound(
  command: "bind_transceiver" | "bind_transmitter" | "bind_receiver" = "bind_transceiver",
  login = "demo",
) {
  const peer = await connect();
  const resp = await call(peer, { command, system_id: login, password: login, interface_version: 0x34 });
  expect(resp.command_status).toBe(0);
  return peer;
}

const gsm = (text: string) => encodeMessageText(text, "gsm7");

async function httpStatus(id: string, phone: string) {
  const r = await fetch(`${sandbox.url}/sys/status.php?login=demo&psw=demo&phone=${phone}&id=${id}&fmt=3`);
  return (await r.json()) as { status: number; err: number };
}

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await server?.close();
  server = undefined;
  await sandbox?.close();
});

describe("binds", () => {
  beforeEach(() => start());

  it("binds a transceiver with the account's login and password, announcing SMPP 3.4", async () => {
    const peer = await connect();
    const resp = (await call(peer, {
      command: "bind_transceiver",
      system_id: "demo",
      password: "demo",
      interface_version: 0x34,
    })) as Pdu<"bind_transceiver_resp">;
    expect(resp.command).toBe("bind_transceiver_resp");
    expect(resp.command_status).toBe(0);
    expect(resp.system_id).toBe("SMSC");
    expect(resp.tlvs.sc_interface_version).toBe(0x34);
  });

  it("refuses a wrong password with ESME_RINVPASWD and lets the session try again", async () => {
    const peer = await connect();
    const bad = await call(peer, { command: "bind_transmitter", system_id: "demo", password: "nope" });
    expect(bad.command).toBe("bind_transmitter_resp");
    expect(bad.command_status).toBe(SMPP_STATUS.ESME_RINVPASWD);
    const good = await call(peer, { command: "bind_transmitter", system_id: "demo", password: "demo" });
    expect(good.command_status).toBe(0);
  });

  it("follows the bind state machine: nothing before bind, no second bind, no submit on a receiver", async () => {
    const peer = await connect();
    expect(
      (await call(peer, { command: "submit_sm", destination_addr: "77011234567", short_message: gsm("x") }))
        .command_status,
    ).toBe(SMPP_STATUS.ESME_RINVBNDSTS);
    expect((await call(peer, { command: "query_sm", message_id: "1" })).command_status).toBe(
      SMPP_STATUS.ESME_RINVBNDSTS,
    );
    expect(
      (await call(peer, { command: "bind_receiver", system_id: "demo", password: "demo" })).command_status,
    ).toBe(0);
    expect(
      (await call(peer, { command: "bind_transceiver", system_id: "demo", password: "demo" })).command_status,
    ).toBe(SMPP_STATUS.ESME_RALYBND);
    const sub = await call(peer, {
      command: "submit_sm",
      destination_addr: "77011234567",
      short_message: gsm("x"),
    });
    expect(sub.command).toBe("submit_sm_resp");
    expect(sub.command_status).toBe(SMPP_STATUS.ESME_RINVBNDSTS);
  });

  it("answers enquire_link, and unbind with unbind_resp and a close", async () => {
    const peer = await bound();
    expect((await call(peer, { command: "enquire_link" })).command).toBe("enquire_link_resp");
    const resp = await call(peer, { command: "unbind" });
    expect(resp.command).toBe("unbind_resp");
    expect(resp.command_status).toBe(0);
    await peer.closed;
  });
});

describe("submit_sm and receipts", () => {
  beforeEach(() => start());

  it("stores a short GSM-7 message under the id status.php knows, and sends its receipt with that id", async () => {
    const peer = await bound();
    const resp = (await call(peer, {
      command: "submit_sm",
      source_addr_ton: 5,
      source_addr: "MyShop",
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: "77011234567",
      registered_delivery: 1,
      short_message: gsm("Hello @ {world} $5"),
    })) as Pdu<"submit_sm_resp">;
    expect(resp.command_status).toBe(0);
    const id = resp.message_id;
    expect(id).toMatch(/^\d+$/);
    const [stored] = sandbox.control.messages();
    expect(stored).toMatchObject({
      text: "Hello @ {world} $5",
      phone: "77011234567",
      sender: "MyShop",
      origin: "smpp",
      parts: 1,
    });
    expect(String(stored?.id)).toBe(id);

    const dr = (await peer.next((p) => p.command === "deliver_sm")) as Pdu<"deliver_sm">;
    expect(dr.esm_class).toBe(ESM_CLASS.TYPE_DELIVERY_RECEIPT);
    expect(dr.source_addr).toBe("77011234567");
    expect(dr.destination_addr).toBe("MyShop");
    expect(dr.dest_addr_ton).toBe(5);
    expect(dr.tlvs).toMatchObject({
      receipted_message_id: id,
      message_state: MESSAGE_STATES.DELIVERED,
      network_error_code: { networkType: 3, errorCode: 0 },
      smsc_cost: "10.0000",
      smsc_flags: 0,
      smsc_parts: 1,
    });
    const text = decodeMessageText(dr.short_message, "gsm7");
    expect(parseReceipt(text)).toMatchObject({
      id,
      sub: 1,
      dlvrd: 1,
      stat: "DELIVRD",
      err: 0,
      text: "Hello @ {world} $5",
    });
    peer.send({ command: "deliver_sm_resp", sequence_number: dr.sequence_number });
    expect(await httpStatus(id, "77011234567")).toMatchObject({ status: 1, err: 0 });
  });

  it("decodes UCS-2 (data_coding 8) and ISO-8859-1 in message_payload (data_coding 4, the service's PHP client)", async () => {
    const peer = await bound("bind_transmitter");
    const a = await call(peer, {
      command: "submit_sm",
      destination_addr: "77011234567",
      data_coding: 8,
      short_message: encodeMessageText("Привет, мир 🙂", "ucs2"),
    });
    expect(a.command_status).toBe(0);
    const b = await call(peer, {
      command: "submit_sm",
      source_addr_ton: 5,
      source_addr_npi: 1,
      destination_addr: "77011234568",
      priority_flag: 3,
      data_coding: 4,
      tlvs: { message_payload: encodeMessageText("Café déjà vu", "latin1") },
    });
    expect(b.command_status).toBe(0);
    const texts = sandbox.control.messages().map((m) => m.text);
    expect(texts).toContain("Привет, мир 🙂");
    expect(texts).toContain("Café déjà vu");
  });

  for (const concat of ["udh8", "udh16", "sar"] as const)
    it(`reassembles a ${concat} concatenated message into one message billed by its parts`, async () => {
      const peer = await bound();
      const text = `${concat}: ${"Длинное сообщение, ".repeat(8)}конец`;
      const parts = splitMessage(text, { concat, reference: 0x42 });
      expect(parts).toHaveLength(3);
      const ids: string[] = [];
      for (const part of parts) {
        const r = (await call(peer, {
          command: "submit_sm",
          destination_addr: "77011234567",
          registered_delivery: 1,
          ...part,
        })) as Pdu<"submit_sm_resp">;
        expect(r.command_status).toBe(0);
        ids.push(r.message_id);
      }
      expect(new Set(ids).size).toBe(1);
      const all = sandbox.control.messages();
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ text, parts: 3, cost: 30 });
      expect(String(all[0]?.id)).toBe(ids[0]);
      const dr = (await peer.next((p) => p.command === "deliver_sm")) as Pdu<"deliver_sm">;
      expect(dr.tlvs.receipted_message_id).toBe(ids[0]);
      expect(dr.tlvs.smsc_parts).toBe(3);
      const receipt = parseReceipt(
        decodeMessageText(dr.short_message, dr.data_coding === 8 ? "ucs2" : "gsm7"),
      );
      expect(receipt).toMatchObject({ id: ids[0], sub: 3, dlvrd: 3, stat: "DELIVRD" });
      expect(await httpStatus(ids[0] as string, "77011234567")).toMatchObject({ status: 1 });
    });

  it("takes a long text in one message_payload", async () => {
    const peer = await bound();
    const text = "x".repeat(400);
    const r = await call(peer, {
      command: "submit_sm",
      destination_addr: "77011234567",
      tlvs: { message_payload: gsm(text) },
    });
    expect(r.command_status).toBe(0);
    expect(sandbox.control.messages()[0]).toMatchObject({ text, parts: 3 });
  });

  it("keeps parts of two messages with different references apart", async () => {
    const peer = await bound();
    const udh = (ref: number, seqNo: number) =>
      concatUdh({ reference: ref, total: 2, seq: seqNo, wide: false });
    const part = (ref: number, seqNo: number, t: string) =>
      call(peer, {
        command: "submit_sm",
        destination_addr: "77011234567",
        esm_class: 0x40,
        short_message: Uint8Array.from([...udh(ref, seqNo), ...gsm(t)]),
      });
    await part(1, 1, "A1 ");
    await part(2, 1, "B1 ");
    await part(2, 2, "B2");
    await part(1, 2, "A2");
    expect(
      sandbox.control
        .messages()
        .map((m) => m.text)
        .sort(),
    ).toEqual(["A1 A2", "B1 B2"]);
  });

  it("answers query_sm from the core's status, and ESME_RINVMSGID for an unknown id", async () => {
    const peer = await bound();
    const sub = (await call(peer, {
      command: "submit_sm",
      destination_addr: "77011234567",
      short_message: gsm("query me"),
    })) as Pdu<"submit_sm_resp">;
    let q: Pdu<"query_sm_resp">;
    // delays are 0, so the status reaches "delivered" on the core's next timer tick
    do q = (await call(peer, { command: "query_sm", message_id: sub.message_id })) as Pdu<"query_sm_resp">;
    while (q.message_state !== MESSAGE_STATES.DELIVERED);
    expect(q.command_status).toBe(0);
    expect(q.message_id).toBe(sub.message_id);
    expect(q.final_date).toMatch(/^\d{12}000\+$/);
    expect(q.error_code).toBe(0);
    expect((await call(peer, { command: "query_sm", message_id: "999999" })).command_status).toBe(
      SMPP_STATUS.ESME_RINVMSGID,
    );
  });

  it("maps the core's send errors: invalid number → ESME_RINVDSTADR, no money → 0x403", async () => {
    const peer = await bound();
    expect(
      (await call(peer, { command: "submit_sm", destination_addr: "12", short_message: gsm("x") }))
        .command_status,
    ).toBe(SMPP_STATUS.ESME_RINVDSTADR);
    const poor = await bound("bind_transmitter", "poor");
    expect(
      (await call(poor, { command: "submit_sm", destination_addr: "77011234567", short_message: gsm("x") }))
        .command_status,
    ).toBe(0x403);
    expect(sandbox.control.messages()).toHaveLength(0);
  });

  it("answers __HLR__ with an HLR record in the receipt", async () => {
    const peer = await bound();
    const sub = (await call(peer, {
      command: "submit_sm",
      destination_addr: "77011234567",
      registered_delivery: 1,
      short_message: gsm("__HLR__"),
    })) as Pdu<"submit_sm_resp">;
    expect(sub.command_status).toBe(0);
    expect(sandbox.control.messages()[0]?.format).toBe("hlr");
    const dr = (await peer.next((p) => p.command === "deliver_sm")) as Pdu<"deliver_sm">;
    const hlr = parseHlrReceipt(decodeMessageText(dr.short_message, "gsm7"));
    expect(hlr).toMatchObject({ id: sub.message_id, stat: "DELIVRD", mcc: "401" });
    expect(hlr?.imsi).toMatch(/^401\d+/);
  });

  it("queues receipts of a transmitter until a receiver of the account binds", async () => {
    const tx = await bound("bind_transmitter");
    const sub = (await call(tx, {
      command: "submit_sm",
      destination_addr: "77011234567",
      registered_delivery: 1,
      short_message: gsm("later"),
    })) as Pdu<"submit_sm_resp">;
    while ((await httpStatus(sub.message_id, "77011234567")).status !== 1)
      await new Promise((r) => setTimeout(r, 10));
    const rx = await bound("bind_receiver");
    const dr = (await rx.next((p) => p.command === "deliver_sm")) as Pdu<"deliver_sm">;
    expect(dr.tlvs.receipted_message_id).toBe(sub.message_id);
  });

  it("sends no receipt without registered_delivery", async () => {
    const peer = await bound();
    await call(peer, { command: "submit_sm", destination_addr: "77011234567", short_message: gsm("quiet") });
    const marker = await call(peer, {
      command: "submit_sm",
      destination_addr: "77011234568",
      registered_delivery: 1,
      short_message: gsm("loud"),
    });
    const dr = (await peer.next((p) => p.command === "deliver_sm")) as Pdu<"deliver_sm">;
    expect(dr.tlvs.receipted_message_id).toBe((marker as Pdu<"submit_sm_resp">).message_id);
  });
});

describe("a peer that half-closes", () => {
  beforeEach(() => start());

  it("gets the response to every submit it sent before closing its side, then the server closes", async () => {
    const peer = await bound();
    // the slow number holds its answer back until well after the peer's FIN has arrived
    sandbox.chaos.set({ slowReplyMs: 200 });
    for (const [i, to] of ["77011234567", "77000000090"].entries())
      peer.send({
        command: "submit_sm",
        sequence_number: 900 + i,
        destination_addr: to,
        short_message: gsm(`half ${i}`),
      } as PduInput);
    peer.socket.end();
    const answers = [
      await peer.next((p) => p.sequence_number === 900),
      await peer.next((p) => p.sequence_number === 901),
    ];
    expect(answers.map((p) => [p.command, p.command_status])).toEqual([
      ["submit_sm_resp", 0],
      ["submit_sm_resp", 0],
    ]);
    await peer.closed;
    expect(
      sandbox.control
        .messages()
        .map((m) => m.text)
        .sort(),
    ).toEqual(["half 0", "half 1"]);
  });
});

describe("limits and bad input", () => {
  it("throttles submits past the window with ESME_RTHROTTLED", async () => {
    await start({ windowSize: 2 });
    const peer = await bound();
    const burst = Array.from({ length: 5 }, (_, i) =>
      encodePdu({
        command: "submit_sm",
        sequence_number: 1000 + i,
        destination_addr: "77011234567",
        short_message: gsm(`burst ${i}`),
      }),
    );
    peer.write(Uint8Array.from(burst.flatMap((b) => [...b])));
    const resps = await Promise.all(burst.map((_, i) => peer.next((p) => p.sequence_number === 1000 + i)));
    expect(resps.map((r) => r.command_status)).toEqual([0, 0, 0x58, 0x58, 0x58]);
    expect(sandbox.control.messages()).toHaveLength(2);
  });

  it("closes a session idle past the timeout", async () => {
    await start({ idleTimeoutMs: 150 });
    const peer = await bound();
    await peer.closed;
    expect(peer.socket.destroyed || peer.socket.readableEnded).toBe(true);
  });

  it("answers an unknown command with generic_nack ESME_RINVCMDID and keeps the session", async () => {
    await start();
    const peer = await bound();
    peer.write(Uint8Array.of(0, 0, 0, 16, 0, 0, 0, 0x99, 0, 0, 0, 0, 0, 0, 0, 77));
    const nack = await peer.next();
    expect(nack).toMatchObject({
      command: "generic_nack",
      command_status: SMPP_STATUS.ESME_RINVCMDID,
      sequence_number: 77,
    });
    expect((await call(peer, { command: "enquire_link" })).command_status).toBe(0);
  });

  it("answers a malformed submit_sm body with submit_sm_resp and its error, and goes on", async () => {
    await start();
    const peer = await bound();
    // command_length 20, submit_sm, seq 5, a body of four non-NUL octets: service_type never ends
    peer.write(Uint8Array.of(0, 0, 0, 20, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 5, 0x41, 0x41, 0x41, 0x41));
    const resp = await peer.next();
    expect(resp).toMatchObject({
      command: "submit_sm_resp",
      command_status: SMPP_STATUS.ESME_RINVCMDLEN,
      sequence_number: 5,
    });
    expect((await call(peer, { command: "enquire_link" })).command_status).toBe(0);
  });

  it("nacks garbage with ESME_RINVCMDLEN and closes, and the server keeps serving", async () => {
    await start();
    const peer = await connect();
    peer.write(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    const nack = await peer.next();
    expect(nack).toMatchObject({ command: "generic_nack", command_status: SMPP_STATUS.ESME_RINVCMDLEN });
    await peer.closed;
    const tiny = await connect();
    tiny.write(Uint8Array.of(0, 0, 0, 3, 1, 2, 3));
    expect((await tiny.next()).command_status).toBe(SMPP_STATUS.ESME_RINVCMDLEN);
    await tiny.closed;
    await bound();
  });

  it("survives a truncated PDU from a client that goes away", async () => {
    await start();
    const peer = await bound();
    const whole = encodePdu({
      command: "submit_sm",
      sequence_number: 9,
      destination_addr: "77011234567",
      short_message: gsm("cut"),
    });
    peer.write(whole.subarray(0, 20));
    peer.close();
    await peer.closed;
    const again = await bound();
    expect((await call(again, { command: "enquire_link" })).command).toBe("enquire_link_resp");
    expect(sandbox.control.messages()).toHaveLength(0);
  });
});

describe("wiring", () => {
  it("reads --smpp-port for the bin, and startSandbox({ smppPort: 0 }) listens", async () => {
    expect(parseCliArgs(["--smpp-port", "2775"])).toMatchObject({ options: { smppPort: 2775 } });
    expect(parseCliArgs([])).not.toHaveProperty("options.smppPort");
    expect(() => parseCliArgs(["--smpp-port", "70000"])).toThrow(UsageError);
    sandbox = await startSandbox({ smppPort: 0 });
    expect(sandbox.smppPort).toBeGreaterThan(0);
    const peer = await rawSmpp(sandbox.smppPort as number);
    peers.push(peer);
    expect((await call(peer, { command: "enquire_link" })).command).toBe("enquire_link_resp");
  });
});
