import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimate, MAX_MESSAGE_LENGTH, PART_LIMITS } from "./estimate.js";
import { GSM_BASIC, GSM_EXTENSION, gsmSeptets } from "./gsm-alphabet.js";

const basicChars = [...GSM_BASIC].filter((c) => c !== "\u001b");
const extChars = Object.keys(GSM_EXTENSION);
const gsmChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...basicChars) },
  { weight: 1, arbitrary: fc.constantFrom(...extChars) },
);
const gsmText = fc.array(gsmChar, { maxLength: 700 }).map((a) => a.join(""));
const anyChar = fc.oneof(
  gsmChar,
  fc.constantFrom("ж", "ә", "қ", "😀", "👍🏽", "中", "\u00a0", "«"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
);
const anyText = fc.array(anyChar, { maxLength: 400 }).map((a) => a.join(""));

const septets = (s: string) => [...s].reduce((n, c) => n + gsmSeptets(c), 0);
const unitsIn = (s: string, enc: string) => (enc === "gsm7" ? septets(s) : s.length);
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

describe("estimate: properties", () => {
  it("parts join back into the text", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        expect(estimate(t).parts.join("")).toBe(t);
      }),
    );
  });

  it("no part goes over its limit, and only a single part may use the single-part limit", () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, anyText), (t) => {
        const e = estimate(t);
        const lim = PART_LIMITS[e.encoding as "gsm7" | "ucs2"];
        const cap = e.parts.length === 1 ? lim.single : lim.multi;
        for (const p of e.parts) expect(unitsIn(p, e.encoding)).toBeLessThanOrEqual(cap);
        expect(e.partLimit).toBe(cap);
        expect(e.remaining).toBe(cap - unitsIn(e.parts.at(-1) as string, e.encoding));
      }),
    );
  });

  it("parts are as few as possible: each full part could not take the next character", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const e = estimate(t);
        const cap = PART_LIMITS[e.encoding as "gsm7" | "ucs2"].multi;
        for (let i = 0; i + 1 < e.parts.length; i++) {
          const next = String.fromCodePoint((e.parts[i + 1] as string).codePointAt(0) as number);
          expect(unitsIn((e.parts[i] as string) + next, e.encoding)).toBeGreaterThan(cap);
        }
      }),
    );
  });

  it("no part starts inside a surrogate pair", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        for (const p of estimate(t).parts.slice(1)) expect(isLowSurrogate(p.charCodeAt(0))).toBe(false);
      }),
    );
  });

  it("GSM-only texts are gsm7 and count septets; anything else is ucs2 and counts UTF-16 units", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const e = estimate(t);
        const gsm = [...t].every((c) => gsmSeptets(c) > 0);
        expect(e.encoding).toBe(gsm ? "gsm7" : "ucs2");
        expect(e.length).toBe(gsm ? septets(t) : t.length);
        expect(e.ucs2Chars).toEqual([...new Set([...t].filter((c) => gsmSeptets(c) === 0))]);
      }),
    );
  });

  it("with translit 1 or 2 any text is counted in GSM-7", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(1 as const, 2 as const), (t, translit) => {
        const e = estimate(t, { translit });
        expect(e.encoding).toBe("gsm7");
        expect(e.ucs2Chars).toEqual([]);
      }),
    );
  });

  it("maxsms keeps a prefix in at most maxsms parts", () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 5 }), (t, maxsms) => {
        const full = estimate(t);
        const e = estimate(t, { maxsms });
        expect(e.parts.length).toBe(Math.min(maxsms, full.parts.length));
        expect(t.startsWith(e.text)).toBe(true);
        expect(e.truncated).toBe(e.text !== t);
        expect(e.parts.join("")).toBe(e.text);
        const lim = PART_LIMITS[e.encoding as "gsm7" | "ucs2"];
        const cap = e.parts.length === 1 ? lim.single : lim.multi;
        expect(e.remaining).toBe(cap - unitsIn(e.parts.at(-1) as string, e.encoding));
      }),
    );
  });
});

describe("estimate: binary properties", () => {
  it("bin and binHex parts join back, hold at most 140 (one part) or 134 bytes, and obey maxsms", () => {
    const bytes = fc.uint8Array({ maxLength: 700 });
    fc.assert(
      fc.property(bytes, fc.boolean(), fc.integer({ min: 0, max: 4 }), (data, hex, maxsms) => {
        const text = hex
          ? Array.from(data, (b) => b.toString(16).padStart(2, "0")).join("")
          : String.fromCharCode(...data);
        const per = hex ? 2 : 1;
        const full = estimate(text, { format: hex ? "binHex" : "bin" });
        expect(full.parts.join("")).toBe(text);
        expect(full.length).toBe(data.length);
        expect(full.invalid).toBeUndefined();
        const cap = full.parts.length === 1 ? 140 : 134;
        for (const p of full.parts) expect(p.length / per).toBeLessThanOrEqual(cap);
        expect(full.parts.length).toBe(data.length <= 140 ? 1 : Math.ceil(data.length / 134));
        const cut = estimate(text, { format: hex ? "binHex" : "bin", maxsms });
        if (maxsms) expect(cut.parts.length).toBeLessThanOrEqual(maxsms);
        expect(text.startsWith(cut.text)).toBe(true);
        expect(cut.truncated).toBe(cut.text !== text);
      }),
    );
  });
});

describe("estimate: the bugs of other counters", () => {
  it("an extension character counts 2 septets in GSM-7 (€ is two)", () => {
    expect(estimate("€").length).toBe(2);
    expect(estimate("€".repeat(80)).parts).toHaveLength(1);
    expect(estimate("€".repeat(81)).parts).toHaveLength(2);
  });

  it("an extension character counts 1 unit once the text is UCS-2", () => {
    const e = estimate(`ж${"[".repeat(69)}`);
    expect(e.encoding).toBe("ucs2");
    expect(e.length).toBe(70);
    expect(e.parts).toHaveLength(1);
    expect(e.remaining).toBe(0);
  });

  it("\\f is an extension character", () => {
    const e = estimate("a\fb");
    expect(e.encoding).toBe("gsm7");
    expect(e.length).toBe(4);
  });

  it("CRLF counts as two", () => {
    expect(estimate("\r\n").length).toBe(2);
    expect(estimate(`${"a".repeat(158)}\r\n`).parts).toHaveLength(1);
    expect(estimate(`${"a".repeat(159)}\r\n`).parts).toHaveLength(2);
  });

  it("the 161st GSM character makes 2 parts of 153 + 8", () => {
    expect(estimate("a".repeat(160)).parts).toHaveLength(1);
    const e = estimate("a".repeat(161));
    expect(e.parts.map((p) => p.length)).toEqual([153, 8]);
    expect(e.remaining).toBe(145);
  });

  it("UCS-2 boundary: 70 code units is 1 part, 71 is 2 parts of 67 + 4", () => {
    expect(estimate("ж".repeat(70)).parts).toHaveLength(1);
    const e = estimate("ж".repeat(71));
    expect(e.parts.map((p) => p.length)).toEqual([67, 4]);
    expect(e.remaining).toBe(63);
  });

  it("an escape pair is never split at the 153-septet boundary", () => {
    const e = estimate(`${"a".repeat(152)}€${"b".repeat(10)}`);
    expect(e.parts[0]).toBe("a".repeat(152));
    expect(e.parts[1]).toBe(`€${"b".repeat(10)}`);
    expect(e.remaining).toBe(153 - 12);
  });

  it("an emoji is never split at the 67-unit boundary", () => {
    const e = estimate(`${"ж".repeat(66)}😀${"ж".repeat(10)}`);
    expect(e.length).toBe(78);
    expect(e.parts[0]).toBe("ж".repeat(66));
    expect(e.parts[1]).toBe(`😀${"ж".repeat(10)}`);
    expect(e.ucs2Chars).toEqual(["ж", "😀"]);
  });

  it("an emoji counts two units: 35 emoji fit one part, 36 do not", () => {
    expect(estimate("😀".repeat(35)).parts).toHaveLength(1);
    expect(estimate("😀".repeat(36)).parts.map((p) => p.length)).toEqual([66, 6]);
  });

  it("maxsms truncates; maxsms=1 keeps a whole single part of 160", () => {
    const t = "x".repeat(500);
    const two = estimate(t, { maxsms: 2 });
    expect(two.parts).toHaveLength(2);
    expect(two.text).toBe("x".repeat(306));
    expect(two.truncated).toBe(true);
    const one = estimate(t, { maxsms: 1 });
    expect(one.text).toBe("x".repeat(160));
    expect(one.remaining).toBe(0);
    expect(estimate(t, { maxsms: 4 }).truncated).toBe(false);
    expect(() => estimate(t, { maxsms: -1 })).toThrow(RangeError);
  });
});

describe("estimate: limits, formats, cost, translit", () => {
  it("flags texts past MAX_MESSAGE_LENGTH (code points) but still counts them", () => {
    expect(estimate("a".repeat(MAX_MESSAGE_LENGTH)).tooLong).toBe(false);
    const e = estimate("a".repeat(MAX_MESSAGE_LENGTH + 1));
    expect(e.tooLong).toBe(true);
    expect(e.parts).toHaveLength(7);
    expect(estimate("😀".repeat(MAX_MESSAGE_LENGTH)).characters).toBe(1000);
    expect(estimate("😀".repeat(MAX_MESSAGE_LENGTH)).tooLong).toBe(false);
  });

  it("the empty text is one part with everything left", () => {
    const e = estimate("");
    expect(e.parts).toEqual([""]);
    expect(e.remaining).toBe(160);
  });

  it("cost is parts × price, without float noise", () => {
    expect(estimate("a".repeat(400), { pricePerPart: 4.1 }).cost).toBe(12.3);
    expect(estimate("a").cost).toBeUndefined();
  });

  it("flash counts like sms; hlr, ping, viber, mail are one message whatever the text", () => {
    const t = "ж".repeat(200);
    expect(estimate(t, { format: "flash" }).parts).toHaveLength(3);
    expect(estimate(t, { format: 1 }).parts).toHaveLength(3);
    for (const format of ["hlr", "ping", "viber", "mail", "tg", "whatsapp"] as const) {
      const e = estimate(t, { format, pricePerPart: 2 });
      expect(e.parts).toEqual([t]);
      expect(e.cost).toBe(2);
    }
  });

  it("bin counts bytes: 140 in one part, 134 per part when split", () => {
    expect(estimate("\u00ff".repeat(140), { format: "bin" }).parts).toHaveLength(1);
    const e = estimate("\u0001".repeat(141), { format: "bin" });
    expect(e.encoding).toBe("binary");
    expect(e.parts.map((p) => p.length)).toEqual([134, 7]);
    expect(estimate("ж", { format: "bin" }).invalid).toMatch(/not a byte/);
  });

  it("binHex counts two hex digits per byte and flags bad hex", () => {
    expect(estimate("ab".repeat(140), { format: "binHex" }).parts).toHaveLength(1);
    const e = estimate("AB".repeat(141), { format: "binHex" });
    expect(e.length).toBe(141);
    expect(e.parts.map((p) => p.length)).toEqual([268, 14]);
    expect(e.remaining).toBe(127);
    expect(estimate("abc", { format: "binHex" }).invalid).toMatch(/odd/);
    expect(estimate("zz", { format: "binHex" }).invalid).toMatch(/hex digit/);
    expect(estimate("ab".repeat(300), { format: "binHex", maxsms: 1 }).text).toBe("ab".repeat(140));
  });

  it("translit turns a Cyrillic text into GSM-7 before counting; the limit applies to the text as given", () => {
    const e = estimate("Привет, Әлем!", { translit: 1 });
    expect(e.encoding).toBe("gsm7");
    expect(e.text).toBe("Privet, Älem!");
    expect(e.characters).toBe(13);
    const long = estimate("щ".repeat(400), { translit: 1 });
    expect(long.tooLong).toBe(false);
    expect(long.length).toBe(1200);
  });
});
