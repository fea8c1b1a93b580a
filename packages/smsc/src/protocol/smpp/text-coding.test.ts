import { describe, expect, it } from "vitest";
import { encodeGsm7 } from "../text/gsm-codec.js";
import { ConcatAssembler, splitMessage, userData } from "./concat.js";
import { ESM_CLASS } from "./constants.js";
import {
  chooseAlphabet,
  dataCodingFor,
  decodeMessageText,
  describeDataCoding,
  encodeMessageText,
} from "./data-coding.js";
import { packGsm7, udhFillBits, unpackGsm7 } from "./gsm-packing.js";
import { decodePdu, encodePdu, type Pdu } from "./pdu.js";
import { concatUdh, parseUdh } from "./udh.js";

const hex = (b: Uint8Array) =>
  Array.from(b, (x) => x.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();

describe("GSM-7 packing", () => {
  it("packs the textbook vectors", () => {
    // 3GPP TS 23.038 / 23.040 examples as found in every SMS PDU tutorial
    expect(hex(packGsm7(encodeGsm7("hellohello")))).toBe("E8329BFD4697D9EC37");
    expect(hex(packGsm7(encodeGsm7("12345678")))).toBe("31D98C56B3DD70");
  });

  it("pads seven spare bits with CR (7 septets) and drops that CR when unpacking", () => {
    // '7' = 0x37 leaves its top bit in octet 7, CR (0x0D) shifted left by one fills the rest: 0x1A
    const packed = packGsm7(encodeGsm7("1234567"));
    expect(hex(packed)).toBe("31D98C56B3DD1A");
    expect(unpackGsm7(packed)).toEqual(encodeGsm7("1234567"));
  });

  it("keeps an 8-septet text ending in @ (zero bits that are not padding)", () => {
    const septets = encodeGsm7("1234567@");
    expect(packGsm7(septets)).toHaveLength(7);
    expect(unpackGsm7(packGsm7(septets))).toEqual(septets);
  });

  it("adds a second CR when a wanted CR ends on an octet boundary", () => {
    const septets = encodeGsm7("1234567\r");
    const packed = packGsm7(septets);
    expect(packed).toHaveLength(8);
    expect(unpackGsm7(packed)).toEqual(Uint8Array.from([...septets, 0x0d]));
  });

  it("round-trips 160 septets in 140 octets, and escape pairs", () => {
    const text = "x".repeat(150) + "€[]{}";
    const septets = encodeGsm7(text);
    expect(septets).toHaveLength(160);
    const packed = packGsm7(septets);
    expect(packed).toHaveLength(140);
    expect(unpackGsm7(packed)).toEqual(septets);
    expect(Array.from(septets.slice(150, 152))).toEqual([0x1b, 0x65]);
  });

  it("round-trips every length from 0 to 170 with and without UDH fill bits", () => {
    for (const fill of [0, 1, 6])
      for (let n = 0; n <= 170; n++) {
        const septets = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 128);
        const packed = packGsm7(septets, fill);
        expect(unpackGsm7(packed, fill, n)).toEqual(septets);
      }
  });

  it("aligns text after a UDH: 1 fill bit after 6 octets, none after 7", () => {
    expect(udhFillBits(6)).toBe(1);
    expect(udhFillBits(7)).toBe(0);
    expect(udhFillBits(0)).toBe(0);
  });

  it("rejects values that are not septets", () => {
    expect(() => packGsm7([0x80])).toThrow(RangeError);
    expect(() => unpackGsm7([0x41], 0, 2)).toThrow(RangeError);
  });
});

describe("data_coding", () => {
  it("reads the service's coding × 4 and SMPP 3.4's table", () => {
    expect(describeDataCoding(0)).toEqual({ alphabet: "gsm7" });
    expect(describeDataCoding(4)).toEqual({ alphabet: "latin1" });
    expect(describeDataCoding(4, { convention: "smpp34" })).toEqual({ alphabet: "binary" });
    expect(describeDataCoding(8)).toEqual({ alphabet: "ucs2" });
    expect(describeDataCoding(1)).toEqual({ alphabet: "ascii" });
    expect(describeDataCoding(3)).toEqual({ alphabet: "latin1" });
    expect(describeDataCoding(6)).toEqual({ alphabet: "cyrillic" });
    expect(describeDataCoding(2)).toEqual({ alphabet: "binary" });
    expect(describeDataCoding(0, { systemType: "ISO" })).toEqual({ alphabet: "latin1" });
  });

  it("reads GSM 03.38 coding groups with their message class", () => {
    expect(describeDataCoding(0x10)).toEqual({ alphabet: "gsm7", messageClass: 0 });
    expect(describeDataCoding(0x18)).toEqual({ alphabet: "ucs2", messageClass: 0 });
    expect(describeDataCoding(0x19)).toEqual({ alphabet: "ucs2", messageClass: 1 });
    expect(describeDataCoding(0xf0)).toEqual({ alphabet: "gsm7", messageClass: 0 });
    expect(describeDataCoding(0xf6)).toEqual({ alphabet: "binary", messageClass: 2 });
    expect(describeDataCoding(0x20)).toEqual({ alphabet: "binary" });
    expect(describeDataCoding(0xe0)).toEqual({ alphabet: "ucs2" });
  });

  it("writes the service's values: 0, 4, 8", () => {
    expect(dataCodingFor("gsm7")).toBe(0);
    expect(dataCodingFor("latin1")).toBe(4);
    expect(dataCodingFor("latin1", "smpp34")).toBe(3);
    expect(dataCodingFor("ucs2")).toBe(8);
  });

  it("encodes and decodes every text alphabet", () => {
    expect(hex(encodeMessageText("Привет 🙂", "ucs2"))).toBe("041F044004380432043504420020D83DDE42");
    expect(decodeMessageText(encodeMessageText("Привет 🙂", "ucs2"), "ucs2")).toBe("Привет 🙂");
    expect(decodeMessageText(Uint8Array.of(0x41, 0xe9), "latin1")).toBe("Aé");
    expect(decodeMessageText(Uint8Array.of(0x41, 0x24, 0x0d, 0x0a), "ascii")).toBe("A$\r\n");
    // node-smpp's "data_coding 1": GSM septets, here "H@${"
    expect(decodeMessageText(Uint8Array.of(0x48, 0x00, 0x02, 0x1b, 0x28), "ascii")).toBe("H@${");
    expect(decodeMessageText(encodeMessageText("Жизнь №5 §", "cyrillic"), "cyrillic")).toBe("Жизнь №5 §");
    expect(hex(encodeMessageText("Ж", "cyrillic"))).toBe("B6");
    expect(decodeMessageText(encodeMessageText("Hello @ {world} $5", "gsm7"), "gsm7")).toBe(
      "Hello @ {world} $5",
    );
    expect(() => encodeMessageText("Ж", "latin1")).toThrow(/latin1/);
    expect(() => encodeMessageText("é", "ascii")).toThrow(RangeError);
  });

  it("chooses GSM-7 when it can and UCS-2 otherwise", () => {
    expect(chooseAlphabet("Hello {€}")).toBe("gsm7");
    expect(chooseAlphabet("Hello ж")).toBe("ucs2");
  });
});

describe("UDH concatenation", () => {
  it("builds and parses 8-bit and 16-bit headers", () => {
    expect(hex(concatUdh({ reference: 0x2a, total: 2, seq: 1, wide: false }))).toBe("0500032A0201");
    expect(hex(concatUdh({ reference: 0x1234, total: 2, seq: 2, wide: true }))).toBe("06080412340202");
    expect(parseUdh(Uint8Array.of(5, 0, 3, 0x2a, 2, 1, 0x41))).toEqual({
      length: 6,
      elements: [{ id: 0, data: Uint8Array.of(0x2a, 2, 1) }],
      concat: { reference: 0x2a, total: 2, seq: 1, wide: false },
    });
    expect(parseUdh(Uint8Array.of(6, 8, 4, 0x12, 0x34, 2, 2)).concat).toEqual({
      reference: 0x1234,
      total: 2,
      seq: 2,
      wide: true,
    });
    expect(() => parseUdh(Uint8Array.of(9, 0, 3))).toThrow(RangeError);
    expect(() => concatUdh({ reference: 256, total: 2, seq: 1, wide: false })).toThrow(RangeError);
  });

  it("does not split at exactly 160 septets, splits 161 into 153 + 8", () => {
    expect(splitMessage("a".repeat(160))).toHaveLength(1);
    const parts = splitMessage("a".repeat(161), { reference: 7 });
    expect(parts.map((p) => p.text.length)).toEqual([153, 8]);
    expect(parts[0]?.esm_class).toBe(ESM_CLASS.UDHI);
    expect(hex(parts[1]?.short_message.subarray(0, 6) ?? new Uint8Array())).toBe("050003070202");
  });

  it("never splits an escape pair or a surrogate pair", () => {
    const gsm = splitMessage(`${"a".repeat(152)}€${"b".repeat(10)}`);
    expect(gsm.map((p) => p.text)).toEqual(["a".repeat(152), `€${"b".repeat(10)}`]);
    const ucs = splitMessage(`${"ж".repeat(66)}🙂xxxxx`);
    expect(ucs.map((p) => p.text)).toEqual(["ж".repeat(66), "🙂xxxxx"]);
  });

  it("uses 152 septets and 66 UCS-2 units per part with a 16-bit reference", () => {
    expect(splitMessage("b".repeat(305), { concat: "udh16" }).map((p) => p.text.length)).toEqual([
      152, 152, 1,
    ]);
    expect(splitMessage("ж".repeat(71), { concat: "udh16" }).map((p) => p.text.length)).toEqual([66, 5]);
    expect(splitMessage("ж".repeat(70))).toHaveLength(1);
    expect(splitMessage("ж".repeat(71)).map((p) => p.text.length)).toEqual([67, 4]);
  });

  it("uses sar TLVs or one message_payload on request", () => {
    const sar = splitMessage("c".repeat(200), { concat: "sar", reference: 0x1234 });
    expect(sar.map((p) => p.tlvs)).toEqual([
      { sar_msg_ref_num: 0x1234, sar_total_segments: 2, sar_segment_seqnum: 1 },
      { sar_msg_ref_num: 0x1234, sar_total_segments: 2, sar_segment_seqnum: 2 },
    ]);
    expect(sar[0]?.esm_class).toBe(0);
    const [payload] = splitMessage("ж".repeat(400), { concat: "payload" });
    expect(payload?.short_message).toHaveLength(0);
    expect(payload?.tlvs.message_payload).toHaveLength(800);
    expect(payload?.data_coding).toBe(8);
  });

  for (const concat of ["udh8", "udh16", "sar"] as const)
    it(`reassembles ${concat} parts sent through the codec, in any order`, () => {
      const text = `${"Длинное сообщение ".repeat(10)}конец`;
      const sent = splitMessage(text, { concat, reference: 0x55 });
      const pdus = sent.map(
        (s, i) =>
          decodePdu(
            encodePdu({ command: "submit_sm", sequence_number: i + 1, destination_addr: "7701", ...s }),
          ) as Pdu<"submit_sm">,
      );
      const assembler = new ConcatAssembler<Uint8Array>();
      let whole: Uint8Array[] | undefined;
      for (const pdu of [...pdus].reverse()) {
        const ud = userData(pdu);
        expect(ud.concat?.total).toBe(sent.length);
        whole = assembler.add("src>7701", ud.concat!, ud.body, 0) ?? whole;
      }
      expect(whole?.map((b) => decodeMessageText(b, "ucs2")).join("")).toBe(text);
      expect(assembler.size).toBe(0);
    });

  it("keeps messages with different references apart, and expires stale ones", () => {
    const a = new ConcatAssembler<string>();
    expect(a.add("k", { reference: 1, total: 2, seq: 1, wide: false }, "a1", 0)).toBeUndefined();
    expect(a.add("k", { reference: 2, total: 2, seq: 1, wide: false }, "b1", 5)).toBeUndefined();
    expect(a.add("k", { reference: 1, total: 2, seq: 2, wide: false }, "a2", 6)).toEqual(["a1", "a2"]);
    expect(a.expire(10)).toEqual([["b1"]]);
    expect(a.size).toBe(0);
  });

  it("reads message_payload before short_message and rejects a bad part number", () => {
    const pdu = decodePdu(
      encodePdu({
        command: "submit_sm",
        sequence_number: 1,
        short_message: Uint8Array.of(1),
        tlvs: { message_payload: Uint8Array.of(2) },
      }),
    ) as Pdu<"submit_sm">;
    expect(userData(pdu)).toEqual({ body: Uint8Array.of(2) });
    const bad = decodePdu(
      encodePdu({
        command: "submit_sm",
        sequence_number: 1,
        esm_class: 0x40,
        short_message: Uint8Array.of(5, 0, 3, 1, 2, 3, 0x41),
      }),
    ) as Pdu<"submit_sm">;
    expect(() => userData(bad)).toThrow(RangeError);
  });
});
