import { describe, expect, it } from "vitest";
import { COMMAND_IDS, commandStatusName, SMPP_STATUS } from "./constants.js";
import { DEFAULT_MAX_PDU_LENGTH, SmppFrameReader } from "./frame-reader.js";
import { decodePdu, encodePdu, type Pdu, type PduInput, SmppDecodeError } from "./pdu.js";

/** Hex with any spacing → bytes. The fixtures below are written field by field from the SMPP 3.4 §4 layouts. */
const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

interface Fixture {
  name: string;
  input: PduInput;
  bytes: string;
}

const FIXTURES: Fixture[] = [
  {
    name: "bind_transmitter (as the service's PHP client sends it)",
    input: {
      command: "bind_transmitter",
      sequence_number: 1,
      system_id: "login",
      password: "psw",
      interface_version: 0x34,
      addr_ton: 5,
      addr_npi: 1,
    },
    // length 31 | id 2 | status 0 | seq 1 | "login\0" "psw\0" "" 0x34 ton 5 npi 1 ""
    bytes: "0000001f 00000002 00000000 00000001 6c6f67696e00 70737700 00 34 05 01 00",
  },
  {
    name: "bind_receiver",
    input: {
      command: "bind_receiver",
      sequence_number: 2,
      system_id: "a",
      password: "b",
      system_type: "ISO",
      interface_version: 0x34,
    },
    bytes: "0000001c 00000001 00000000 00000002 6100 6200 49534f00 34 00 00 00",
  },
  {
    name: "bind_transceiver",
    input: {
      command: "bind_transceiver",
      sequence_number: 3,
      system_id: "a",
      password: "b",
      interface_version: 0x34,
    },
    bytes: "00000019 00000009 00000000 00000003 6100 6200 00 34 00 00 00",
  },
  {
    name: "bind_transceiver_resp with sc_interface_version",
    input: {
      command: "bind_transceiver_resp",
      sequence_number: 3,
      system_id: "SMSC",
      tlvs: { sc_interface_version: 0x34 },
    },
    bytes: "0000001a 80000009 00000000 00000003 534d534300 0210 0001 34",
  },
  {
    name: "bind_transceiver_resp ESME_RINVPASWD is header only",
    input: { command: "bind_transceiver_resp", sequence_number: 1, command_status: 0x0e, system_id: "SMSC" },
    bytes: "00000010 80000009 0000000e 00000001",
  },
  {
    name: "bind_transmitter_resp",
    input: { command: "bind_transmitter_resp", sequence_number: 1, system_id: "S" },
    bytes: "00000012 80000002 00000000 00000001 5300",
  },
  {
    name: "bind_receiver_resp",
    input: { command: "bind_receiver_resp", sequence_number: 2, system_id: "S" },
    bytes: "00000012 80000001 00000000 00000002 5300",
  },
  {
    name: "submit_sm",
    input: {
      command: "submit_sm",
      sequence_number: 2,
      source_addr_ton: 5,
      source_addr: "SMSC",
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: "77011234567",
      registered_delivery: 1,
      short_message: new TextEncoder().encode("Hello"),
    },
    // service_type "" | 5 0 "SMSC" | 1 1 "77011234567" | esm 0 pid 0 prio 0 | sched "" valid "" | reg 1 repl 0 dc 0
    // default 0 | sm_length 5 "Hello"
    bytes:
      "00000035 00000004 00000000 00000002 00 05 00 534d534300 01 01 373730313132333435363700 00 00 00 00 00 01 00 00 00 05 48656c6c6f",
  },
  {
    name: "submit_sm with message_payload and sar TLVs",
    input: {
      command: "submit_sm",
      sequence_number: 9,
      destination_addr: "1",
      data_coding: 8,
      tlvs: {
        message_payload: hex("0416"),
        sar_msg_ref_num: 0x1234,
        sar_total_segments: 2,
        sar_segment_seqnum: 1,
      },
    },
    bytes:
      "00000038 00000004 00000000 00000009 00 00 00 00 00 00 3100 00 00 00 00 00 00 00 08 00 00 " +
      "0424 0002 0416 020c 0002 1234 020e 0001 02 020f 0001 01",
  },
  {
    name: "submit_sm_resp",
    input: { command: "submit_sm_resp", sequence_number: 2, message_id: "42" },
    bytes: "00000013 80000004 00000000 00000002 343200",
  },
  {
    name: "submit_sm_resp ESME_RTHROTTLED is header only",
    input: { command: "submit_sm_resp", sequence_number: 5, command_status: 0x58, message_id: "ignored" },
    bytes: "00000010 80000004 00000058 00000005",
  },
  {
    name: "deliver_sm receipt with the standard and the service's vendor TLVs",
    input: {
      command: "deliver_sm",
      sequence_number: 7,
      source_addr: "7",
      destination_addr: "S",
      esm_class: 4,
      short_message: new TextEncoder().encode("id:42"),
      tlvs: {
        receipted_message_id: "42",
        message_state: 2,
        network_error_code: { networkType: 3, errorCode: 0 },
        smsc_cost: "1.5000",
        smsc_flags: 0,
        smsc_parts: 1,
      },
    },
    bytes:
      "00000052 00000005 00000000 00000007 00 00 00 3700 00 00 5300 04 00 00 00 00 00 00 00 00 05 69643a3432 " +
      "001e 0003 343200 0427 0001 02 0423 0003 03 0000 2000 0007 312e3530303000 2001 0002 0000 2002 0002 0001",
  },
  {
    name: "deliver_sm_resp",
    input: { command: "deliver_sm_resp", sequence_number: 7 },
    bytes: "00000011 80000005 00000000 00000007 00",
  },
  {
    name: "query_sm",
    input: {
      command: "query_sm",
      sequence_number: 4,
      message_id: "42",
      source_addr_ton: 5,
      source_addr: "S",
    },
    bytes: "00000017 00000003 00000000 00000004 343200 05 00 5300",
  },
  {
    name: "query_sm_resp",
    input: {
      command: "query_sm_resp",
      sequence_number: 4,
      message_id: "42",
      final_date: "261124140300000+",
      message_state: 2,
    },
    // "42\0" | "261124140300000+\0" | state 2 | error_code 0
    bytes: "00000026 80000003 00000000 00000004 343200 323631313234313430333030303030 2b00 02 00",
  },
  {
    name: "enquire_link",
    input: { command: "enquire_link", sequence_number: 5 },
    bytes: "00000010 00000015 00000000 00000005",
  },
  {
    name: "enquire_link_resp",
    input: { command: "enquire_link_resp", sequence_number: 5 },
    bytes: "00000010 80000015 00000000 00000005",
  },
  {
    name: "unbind",
    input: { command: "unbind", sequence_number: 6 },
    bytes: "00000010 00000006 00000000 00000006",
  },
  {
    name: "unbind_resp",
    input: { command: "unbind_resp", sequence_number: 6 },
    bytes: "00000010 80000006 00000000 00000006",
  },
  {
    name: "generic_nack ESME_RINVCMDID",
    input: { command: "generic_nack", sequence_number: 77, command_status: 3 },
    bytes: "00000010 80000000 00000003 0000004d",
  },
];

describe("PDU codec: byte-exact fixtures", () => {
  for (const f of FIXTURES) {
    it(`encodes ${f.name}`, () => {
      expect(toHex(encodePdu(f.input))).toBe(toHex(hex(f.bytes)));
    });
    it(`decodes ${f.name}`, () => {
      const pdu = decodePdu(hex(f.bytes)) as Pdu & Record<string, unknown>;
      expect(pdu.command).toBe(f.input.command);
      expect(pdu.command_id).toBe(COMMAND_IDS[f.input.command]);
      expect(pdu.sequence_number).toBe(f.input.sequence_number);
      expect(pdu.command_status).toBe(f.input.command_status ?? 0);
      if ((f.input.command_status ?? 0) !== 0) return;
      for (const [k, v] of Object.entries(f.input)) {
        if (k === "tlvs" || k === "command_status") continue;
        expect(pdu[k], k).toEqual(v);
      }
      expect(pdu.tlvs).toEqual(f.input.tlvs ?? {});
    });
  }
});

describe("PDU codec: defaults, TLVs and errors", () => {
  it("fills unset fields with their zero values", () => {
    const pdu = decodePdu(encodePdu({ command: "submit_sm", sequence_number: 1 })) as Pdu<"submit_sm">;
    expect(pdu.destination_addr).toBe("");
    expect(pdu.esm_class).toBe(0);
    expect(pdu.short_message).toEqual(new Uint8Array(0));
  });

  it("keeps unknown TLVs by hex tag and writes them back", () => {
    const bytes = encodePdu({
      command: "deliver_sm_resp",
      sequence_number: 1,
      tlvs: { "0x1403": hex("0102") },
    });
    expect(toHex(bytes)).toBe(toHex(hex("00000017 80000005 00000000 00000001 00 1403 0002 0102")));
    const pdu = decodePdu(bytes);
    expect(pdu.tlvs["0x1403"]).toEqual(hex("0102"));
    expect(encodePdu({ ...(pdu as PduInput) })).toEqual(bytes);
  });

  it("reads a failed response without a body", () => {
    const pdu = decodePdu(hex("00000010 80000004 00000045 00000009")) as Pdu<"submit_sm_resp">;
    expect(pdu.message_id).toBe("");
    expect(commandStatusName(pdu.command_status)).toBe("ESME_RSUBMITFAIL");
  });

  const fails = (bytes: string, status: number, sequence: number) => {
    let error: unknown;
    try {
      decodePdu(hex(bytes));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SmppDecodeError);
    expect((error as SmppDecodeError).status).toBe(status);
    expect((error as SmppDecodeError).sequence).toBe(sequence);
  };

  it("rejects an unknown command id with ESME_RINVCMDID and its sequence", () => {
    fails("00000010 00000099 00000000 0000004d", SMPP_STATUS.ESME_RINVCMDID, 77);
  });
  it("rejects a command_length that disagrees with the frame", () => {
    fails("00000011 00000015 00000000 00000001", SMPP_STATUS.ESME_RINVCMDLEN, 1);
  });
  it("rejects a C-string without its NUL", () => {
    fails("00000013 80000004 00000000 00000002 343234", SMPP_STATUS.ESME_RINVCMDLEN, 2);
  });
  it("rejects a C-string longer than its field", () => {
    fails(`00000021 00000002 00000000 00000003 ${"61".repeat(16)}00`, SMPP_STATUS.ESME_RINVPARLEN, 3);
  });
  it("rejects an sm_length that runs past the body", () => {
    fails(
      "00000022 00000004 00000000 00000004 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 09 41",
      SMPP_STATUS.ESME_RINVMSGLEN,
      4,
    );
  });
  it("rejects a truncated TLV and a TLV of the wrong size", () => {
    fails("00000014 80000005 00000000 00000005 00 0427 00", SMPP_STATUS.ESME_RINVOPTPARSTREAM, 5);
    fails("00000017 80000005 00000000 00000006 00 0427 0002 0102", SMPP_STATUS.ESME_RINVPARLEN, 6);
  });
  it("refuses to encode what does not fit", () => {
    expect(() =>
      encodePdu({ command: "bind_transceiver", sequence_number: 1, system_id: "x".repeat(16) }),
    ).toThrow(RangeError);
    expect(() =>
      encodePdu({ command: "submit_sm", sequence_number: 1, short_message: new Uint8Array(255) }),
    ).toThrow(/message_payload/);
    expect(() => encodePdu({ command: "submit_sm", sequence_number: 1, esm_class: 256 })).toThrow(RangeError);
    expect(() => encodePdu({ command: "submit_sm", sequence_number: 1, source_addr: "Привет" })).toThrow(
      /Latin-1/,
    );
  });
});

describe("SmppFrameReader", () => {
  const a = encodePdu({ command: "enquire_link", sequence_number: 1 });
  const b = encodePdu({ command: "submit_sm_resp", sequence_number: 2, message_id: "123" });
  const c = encodePdu({
    command: "submit_sm",
    sequence_number: 3,
    short_message: new Uint8Array(200).fill(0x41),
  });
  const all = Uint8Array.from([...a, ...b, ...c]);

  it("returns merged PDUs one by one", () => {
    const frames = new SmppFrameReader().push(all);
    expect(frames).toEqual([a, b, c]);
  });

  it("waits for PDUs split byte by byte", () => {
    const reader = new SmppFrameReader();
    const frames: Uint8Array[] = [];
    for (const byte of all) frames.push(...reader.push(Uint8Array.of(byte)));
    expect(frames).toEqual([a, b, c]);
    expect(reader.pending).toBe(0);
  });

  it("holds a partial PDU back", () => {
    const reader = new SmppFrameReader();
    expect(reader.push(all.subarray(0, a.length + 5))).toEqual([a]);
    expect(reader.pending).toBe(5);
    expect(reader.push(all.subarray(a.length + 5))).toEqual([b, c]);
  });

  it("fails on a command_length below 16, carrying the sequence, and then refuses input", () => {
    const reader = new SmppFrameReader();
    let error: SmppDecodeError | undefined;
    try {
      reader.push(hex("0000000f 00000015 00000000 00000063"));
    } catch (e) {
      error = e as SmppDecodeError;
    }
    expect(error?.status).toBe(SMPP_STATUS.ESME_RINVCMDLEN);
    expect(error?.sequence).toBe(99);
    expect(() => reader.push(a)).toThrow(SmppDecodeError);
  });

  it("fails on a command_length above the maximum before the body arrives", () => {
    expect(() => new SmppFrameReader().push(hex("00011171 00000004"))).toThrow(/70001/);
    expect(() => new SmppFrameReader(100).push(hex("00000065"))).toThrow(SmppDecodeError);
    expect(new SmppFrameReader().maxLength).toBe(DEFAULT_MAX_PDU_LENGTH);
  });
});
