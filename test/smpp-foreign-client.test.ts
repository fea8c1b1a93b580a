// "Done when a message sent by any SMPP 3.4 client appears in the sandbox with the right text, parts and status,
// and the SMPP client gets its receipt": the npm `smpp` package's client, bound as a 3.4 ESME, against our server.
import { createRequire } from "node:module";
import { parseReceipt } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, expect, it } from "vitest";

// smpp@0.5.1 ships no types; this is the part of its surface the test uses.
interface ForeignPdu {
  command_status: number;
  sequence_number: number;
  message_id?: string;
  system_id?: string;
  esm_class?: number;
  short_message?: { message: string | Uint8Array };
  receipted_message_id?: string;
  message_state?: number;
  response(params?: Record<string, unknown>): ForeignPdu;
}
interface ForeignSession {
  bind_transceiver(params: Record<string, unknown>, cb: (pdu: ForeignPdu) => void): void;
  submit_sm(params: Record<string, unknown>, cb: (pdu: ForeignPdu) => void): void;
  unbind(params: Record<string, unknown>, cb: (pdu: ForeignPdu) => void): void;
  send(pdu: ForeignPdu): void;
  on(event: "deliver_sm", fn: (pdu: ForeignPdu) => void): void;
  on(event: "error" | "close", fn: (err?: Error) => void): void;
  destroy(): void;
}
const smpp = createRequire(import.meta.url)("smpp") as {
  connect(o: { host: string; port: number }): ForeignSession;
};

let sandbox: Sandbox | undefined;
let session: ForeignSession | undefined;
afterEach(async () => {
  session?.destroy();
  await sandbox?.close();
});

const call = (fn: (cb: (p: ForeignPdu) => void) => void) => new Promise<ForeignPdu>((resolve) => fn(resolve));

it("the npm smpp package's client (interface_version 0x34) sends through the sandbox and gets its receipts", async () => {
  sandbox = await startSandbox({ smppPort: 0, delays: { sentMs: 0, deliveredMs: 0 }, rateLimits: false });
  const s = smpp.connect({ host: "127.0.0.1", port: sandbox.smppPort as number });
  session = s;
  s.on("error", () => {});
  const receipts: ForeignPdu[] = [];
  const gotTwo = new Promise<void>((resolve) =>
    s.on("deliver_sm", (pdu) => {
      s.send(pdu.response());
      receipts.push(pdu);
      if (receipts.length === 2) resolve();
    }),
  );
  const bind = await call((cb) =>
    s.bind_transceiver({ system_id: "demo", password: "demo", interface_version: 0x34 }, cb),
  );
  expect(bind.command_status).toBe(0);

  // a short text the package encodes itself (GSM septets under its "data_coding 1")
  const short = await call((cb) =>
    s.submit_sm(
      {
        destination_addr: "77011234567",
        source_addr: "Foreign",
        short_message: "Hello @ {world} $5",
        registered_delivery: 1,
      },
      cb,
    ),
  );
  expect(short.command_status).toBe(0);

  // a long UCS-2 text in two parts with the package's UDH form
  const text = "Это длинное сообщение, которое не помещается в одну SMS-ку и поэтому идёт двумя частями.";
  const ucs2 = (t: string) =>
    Uint8Array.from([...t].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
  const halves = [text.slice(0, 60), text.slice(60)];
  const partIds: string[] = [];
  for (const [i, half] of halves.entries()) {
    const r = await call((cb) =>
      s.submit_sm(
        {
          destination_addr: "77011234568",
          data_coding: 8,
          registered_delivery: 1,
          short_message: { udh: Uint8Array.of(5, 0, 3, 0x2a, 2, i + 1), message: ucs2(half) },
        },
        cb,
      ),
    );
    expect(r.command_status).toBe(0);
    partIds.push(r.message_id as string);
  }
  expect(partIds[0]).toBe(partIds[1]);

  const messages = sandbox.control.messages();
  expect(
    messages
      .map((m) => ({ text: m.text, parts: m.parts, phone: m.phone }))
      .sort((a, b) => a.phone.localeCompare(b.phone)),
  ).toEqual([
    { text: "Hello @ {world} $5", parts: 1, phone: "77011234567" },
    { text, parts: 2, phone: "77011234568" },
  ]);

  await gotTwo;
  const byId = new Map(receipts.map((r) => [r.receipted_message_id, r]));
  for (const id of [short.message_id as string, partIds[0] as string]) {
    const r = byId.get(id);
    expect(r?.esm_class).toBe(4);
    expect(r?.message_state).toBe(2);
    const body = r?.short_message?.message;
    const parsed = parseReceipt(typeof body === "string" ? body : new TextDecoder().decode(body));
    expect(parsed).toMatchObject({ id, stat: "DELIVRD" });
  }
  const status = await fetch(
    `${sandbox.url}/sys/status.php?login=demo&psw=demo&phone=77011234568&id=${partIds[0]}&fmt=3`,
  );
  expect(await status.json()).toMatchObject({ status: 1 });

  const unbound = await call((cb) => s.unbind({}, cb));
  expect(unbound.command_status).toBe(0);
});
