import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GSM_BASIC, GSM_EXTENSION } from "./gsm-alphabet.js";
import { decodeGsm7, encodeGsm7, isGsm7 } from "./gsm-codec.js";

const gsmChars = [...[...GSM_BASIC].filter((c) => c !== "\u001b"), ...Object.keys(GSM_EXTENSION)];
const gsmText = fc.array(fc.constantFrom(...gsmChars), { maxLength: 300 }).map((a) => a.join(""));

describe("GSM-7 codec", () => {
  it("round-trips every GSM text, one septet per basic and two per extension character", () => {
    fc.assert(
      fc.property(gsmText, (t) => {
        const bytes = encodeGsm7(t);
        expect(decodeGsm7(bytes)).toBe(t);
        for (const b of bytes) expect(b).toBeLessThan(0x80);
        expect(isGsm7(t)).toBe(true);
      }),
    );
  });

  it("encodes @ as 0, € as ESC 0x65 and \\f as ESC 0x0A", () => {
    expect([...encodeGsm7("@a€\f")]).toEqual([0x00, 0x61, 0x1b, 0x65, 0x1b, 0x0a]);
  });

  it("refuses a character outside the alphabet, naming it", () => {
    expect(() => encodeGsm7("ok ж")).toThrow(/"ж" at 3/);
    expect(isGsm7("ok ж")).toBe(false);
    expect(isGsm7("😀")).toBe(false);
  });

  it("decodes unknown escapes as 3GPP TS 23.038 says: the basic character, and a space for ESC ESC or a final ESC", () => {
    expect(decodeGsm7([0x1b, 0x41])).toBe("A");
    expect(decodeGsm7([0x1b, 0x1b, 0x41])).toBe(" A");
    expect(decodeGsm7([0x41, 0x1b])).toBe("A ");
    expect(() => decodeGsm7([0x80])).toThrow(RangeError);
  });
});
