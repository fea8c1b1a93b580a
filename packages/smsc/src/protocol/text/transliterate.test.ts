import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isGsm7 } from "./gsm-codec.js";
import { TRANSLIT_LATIN, TRANSLIT_LOOKALIKE, transliterate } from "./transliterate.js";

const cyrillic = [...Object.keys(TRANSLIT_LATIN), ...Object.keys(TRANSLIT_LOOKALIKE)];
const letters = [...new Set([...cyrillic, ...cyrillic.map((c) => c.toUpperCase())])];
const mixedText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...letters),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
      fc.string({ unit: "binary", minLength: 1, maxLength: 2 }),
    ),
    { maxLength: 80 },
  )
  .map((a) => a.join(""));

describe("transliterate", () => {
  it("modes 1 and 2 output GSM-7 only, for any text", () => {
    fc.assert(
      fc.property(mixedText, fc.constantFrom(1 as const, 2 as const), (t, mode) => {
        expect(isGsm7(transliterate(t, mode))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("leaves GSM-7 text unchanged, and mode 0 leaves everything unchanged", () => {
    fc.assert(
      fc.property(fc.string(), (t) => {
        expect(transliterate(t, 0)).toBe(t);
        if (isGsm7(t)) expect(transliterate(t, 1)).toBe(t);
      }),
    );
  });

  it("spells Russian in mode 1, following the case of the word", () => {
    expect(transliterate("Съешь же ещё этих мягких булок", 1)).toBe("S\"esh' zhe eschyo etih myagkih bulok");
    expect(transliterate("Жук ЖУК Щука ЩУКА Ёж", 1)).toBe("Zhuk ZHUK Schuka SCHUKA Yozh");
  });

  it("spells Kazakh with the GSM-7 letters of the Kazakh Latin alphabet", () => {
    expect(transliterate("Сәлем, Қазақстан! Өнер, Ұлы, Үй, ағаш, ең, һ, Іле", 1)).toBe(
      "Sälem, Qazaqstan! Öner, Uly, Üy, agash, eñ, h, Ile",
    );
  });

  it("spells Ukrainian, Uzbek and Tajik letters", () => {
    expect(transliterate("Єва, їжак, ґанок", 1)).toBe("Yeva, yizhak, ganok");
    expect(transliterate("ўзбек, ҳа, Ўзбекистон", 1)).toBe("o'zbek, ha, O'zbekiston");
    expect(transliterate("ӣ ӯ ҷ Ҷ", 1)).toBe("i u j J");
  });

  it("draws Cyrillic with look-alikes in mode 2", () => {
    expect(transliterate("транс", 2)).toBe("mpaHc");
    expect(transliterate("ПРИВЕТ", 2)).toBe("IIPUBET");
    expect(transliterate("Өнер қала", 2)).toBe("ΘHep kaJIa");
  });

  it("replaces punctuation and strips diacritics, dropping stray marks and unknown signs as ?", () => {
    expect(transliterate("«Да» — №5…", 1)).toBe('"Da" - N5...');
    expect(transliterate("garçon ő 😀", 1)).toBe("garcon o ?");
    expect(transliterate("и\u0306", 1)).toBe("y");
  });

  it("rejects an unknown mode", () => {
    expect(() => transliterate("a", 3 as 1)).toThrow(RangeError);
  });
});
