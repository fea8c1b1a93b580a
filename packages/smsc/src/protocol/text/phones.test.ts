import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PhoneNumberError } from "./phone-number-error.js";
import { normalizePhone, parsePhone, parsePhoneList, splitPhones } from "./phones.js";

describe("phone numbers", () => {
  it.each([
    ["+7 (701) 123-45-67", "+77011234567", "KZ"],
    ["8 701 123 45 67", "+77011234567", "KZ"],
    ["77011234567", "+77011234567", "KZ"],
    ["+7 727 250-00-00", "+77272500000", "KZ"],
    ["+7 600 000 00 00", "+76000000000", "KZ"],
    ["+7 040 123 45 67", "+70401234567", "KZ"],
    ["+7 940 123 45 67", "+79401234567", "RU"],
    ["8(916)123-45-67", "+79161234567", "RU"],
    ["+7 495 123.45.67", "+74951234567", "RU"],
    ["7 383 123 45 67", "+73831234567", "RU"],
    ["8 800 555 35 35", "+78005553535", "RU"],
    ["+996 555 123 456", "+996555123456", "KG"],
    ["998 90 123 45 67", "+998901234567", "UZ"],
    ["+992 93 123 4567", "+992931234567", "TJ"],
    ["+380 (44) 123-45-67", "+380441234567", "UA"],
    ["+375 29 123-45-67", "+375291234567", "BY"],
    ["+49 30 1234567", "+49301234567", undefined],
    ["  +1 212 555 0100 ", "+12125550100", undefined],
  ])("%s → %s (%s)", (input, e164, country) => {
    const p = normalizePhone(input);
    expect(p.e164).toBe(e164);
    expect(p.digits).toBe(e164.slice(1));
    expect(p.country).toBe(country);
    expect(parsePhone(input)).toEqual(p);
  });

  it.each([
    ["", /empty/],
    ["+7 701 123 45 6", /\+7 numbers have 11 digits, got 10/],
    ["+7 701 123 45 678", /11 digits, got 12/],
    ["+7 501 123 45 67", /no \+7 zone starts with 5/],
    ["+7 201 123 45 67", /no \+7 zone starts with 2/],
    ["+7 101 123 45 67", /no \+7 zone starts with 1/],
    ["916 123 45 67", /without its country code/],
    ["+996 555 123 45", /\(KG\) numbers have 12 digits/],
    ["+380 44 123 45 6", /\(UA\) numbers have 12 digits/],
    ["7701abc4567", /"a" is not allowed/],
    ["7701+1234567", /\+ may only start/],
    ["+0 123 456 789", /never starts with 0/],
    ["+49 123", /too short/],
    ["+49 1234 5678 9012 3456", /too long/],
    ["---", /no digits/],
  ])("%j is invalid: %s", (input, reason) => {
    expect(parsePhone(input)).toBeUndefined();
    let err: unknown;
    try {
      normalizePhone(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PhoneNumberError);
    const pe = err as PhoneNumberError;
    expect(pe.input).toBe(input);
    expect(pe.reason).toMatch(reason);
    expect(pe.code).toBe(7);
    expect(pe.message).toContain(pe.reason);
  });

  it("parses a list split on , and ;, keeping order and reporting each bad item", () => {
    const { phones, errors } = parsePhoneList("+7 701 123 45 67; 8 916 123-45-67,, bad, +7 5");
    expect(phones.map((p) => p.e164)).toEqual(["+77011234567", "+79161234567"]);
    expect(errors.map((e) => e.input)).toEqual(["bad", "+7 5"]);
    expect(splitPhones(" 1 ;2,, 3 ")).toEqual(["1", "2", "3"]);
  });

  it("any +7 number from zones 0, 3, 4, 6–9 normalises to itself, whatever the separators", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("0", "3", "4", "6", "7", "8", "9"),
        fc.stringMatching(/^\d{9}$/),
        fc.constantFrom("", " ", "-"),
        fc.constantFrom("+7", "8", "7"),
        (zone, rest, sep, prefix) => {
          const digits = `7${zone}${rest}`;
          const input = `${prefix}${sep}(${zone}${rest.slice(0, 2)})${sep}${rest.slice(2, 5)}${sep}${rest.slice(5)}`;
          const p = normalizePhone(input);
          expect(p.digits).toBe(digits);
          expect(p.country).toBe("067".includes(zone) ? "KZ" : "RU");
        },
      ),
    );
  });
});
