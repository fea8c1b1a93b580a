// Property-based fuzzing of the sandbox's SMPP listener over real sockets (fast-check): any bind (or none), then any
// well-framed PDUs (real ones with hostile fields, consistent headers with random bodies, unknown command ids),
// ended by a probe, a lying command_length, or a cut-off frame. Everything the server writes must be a readable PDU
// that answers something (a response or generic_nack, with a status); a probe must be answered unless the session
// was closed; the listener must still bind and submit afterwards.
import net from "node:net";
import fc from "fast-check";
import { decodePdu, encodePdu, isResponseId, type Pdu, SmppFrameReader } from "smsc/protocol";
import { SmppClient } from "smsc/smpp";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badLengthFrame, smppFrame } from "./arbitraries.js";
import { report, SCALE, SEED, timeLimit } from "./scale.js";

const PROBE_SEQUENCE = 0x7ffffff0;

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({
    smppPort: 0,
    rateLimits: false,
    delays: { sentMs: 3_600_000, deliveredMs: 3_600_000 },
  });
});
afterAll(async () => {
  await sb.close();
});

interface Outcome {
  pdus: Pdu[];
  unreadable: string[];
  closed: boolean;
  probeAnswered: boolean;
}

/** Writes `bytes`, then reads PDUs until the probe is answered or the server closes; fails after 15 s. */
function exchange(bytes: Uint8Array, ending: "probe" | "half-close"): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(sb.smppPort!, "127.0.0.1");
    const reader = new SmppFrameReader();
    const out: Outcome = { pdus: [], unreadable: [], closed: false, probeAnswered: false };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no probe answer and no close within 15 s; got ${out.pdus.map((p) => p.command).join(", ")}`,
        ),
      );
    }, 15_000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(out);
    };
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const frame of reader.push(chunk)) {
          try {
            const pdu = decodePdu(frame);
            out.pdus.push(pdu);
            if (pdu.command === "enquire_link_resp" && pdu.sequence_number === PROBE_SEQUENCE) {
              out.probeAnswered = true;
              finish();
            }
          } catch (e) {
            out.unreadable.push((e as Error).message);
          }
        }
      } catch (e) {
        out.unreadable.push(`bad framing: ${(e as Error).message}`);
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      out.closed = true;
      finish();
    });
    socket.on("connect", () => {
      if (ending === "probe") {
        socket.write(bytes);
        socket.write(encodePdu({ command: "enquire_link", sequence_number: PROBE_SEQUENCE }));
      } else socket.end(bytes);
    });
  });
}

const BINDS = {
  none: undefined,
  transceiver: encodePdu({
    command: "bind_transceiver",
    sequence_number: 1,
    system_id: "demo",
    password: "demo",
    interface_version: 0x34,
  }),
  transmitter: encodePdu({
    command: "bind_transmitter",
    sequence_number: 1,
    system_id: "demo",
    password: "demo",
    interface_version: 0x34,
  }),
  receiver: encodePdu({
    command: "bind_receiver",
    sequence_number: 1,
    system_id: "demo",
    password: "demo",
    interface_version: 0x34,
  }),
  wrong: encodePdu({
    command: "bind_transceiver",
    sequence_number: 1,
    system_id: "demo",
    password: "nope",
    interface_version: 0x34,
  }),
} as const;

const session = fc.record({
  bind: fc.constantFrom(...(Object.keys(BINDS) as Array<keyof typeof BINDS>)),
  frames: fc.array(smppFrame, { minLength: 1, maxLength: 6 }),
  ending: fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: "probe" as const, tail: new Uint8Array(0) }) },
    { weight: 1, arbitrary: badLengthFrame.map((tail) => ({ kind: "bad-length" as const, tail })) },
    {
      weight: 1,
      arbitrary: smppFrame.map((f) => ({
        kind: "cut-off" as const,
        tail: f.subarray(0, Math.max(1, f.length - 3)),
      })),
    },
  ),
});

describe(`fuzzing the SMPP listener over sockets (${SCALE.fuzz.smpp} sessions)`, () => {
  it("answers only with readable response PDUs that carry a status, and never hangs", {
    timeout: timeLimit(120_000),
  }, async () => {
    const started = Date.now();
    const endings = { probe: 0, "bad-length": 0, "cut-off": 0 };
    await fc.assert(
      fc.asyncProperty(session, async (s) => {
        endings[s.ending.kind]++;
        const parts = [BINDS[s.bind], ...s.frames, s.ending.tail].filter(
          (p): p is Uint8Array => p !== undefined,
        );
        const bytes = Buffer.concat(parts);
        const out = await exchange(bytes, s.ending.kind === "probe" ? "probe" : "half-close");
        expect(out.unreadable).toEqual([]);
        for (const pdu of out.pdus) {
          expect(isResponseId(pdu.command_id)).toBe(true);
          expect(Number.isInteger(pdu.command_status)).toBe(true);
        }
        if (s.ending.kind === "probe") expect(out.probeAnswered || out.closed).toBe(true);
        if (s.ending.kind === "bad-length") {
          // the lie is answered with generic_nack ESME_RINVCMDLEN (0x02) unless an earlier PDU ended the session
          const nack = out.pdus.find((p) => p.command === "generic_nack" && p.command_status === 0x02);
          expect(nack !== undefined || out.closed).toBe(true);
        }
      }),
      { numRuns: SCALE.fuzz.smpp, seed: SEED, endOnFailure: true },
    );
    const client = new SmppClient({
      systemId: "demo",
      password: "demo",
      host: "127.0.0.1",
      port: sb.smppPort!,
      reconnect: false,
    });
    const r = await client.submit({ to: "77011234567", text: "still alive" });
    await client.close();
    expect(r.messageId).toMatch(/^\d+$/);
    report("fuzz-smpp", { cases: SCALE.fuzz.smpp, endings, elapsedMs: Date.now() - started });
  });
});
