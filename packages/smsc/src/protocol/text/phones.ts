import { PhoneNumberError } from "./phone-number-error.js";

/** A parsed phone number. */
export interface PhoneNumber {
  /** E.164 with the plus: "+77011234567". */
  e164: string;
  /** Digits only, as the service prints numbers: "77011234567". */
  digits: string;
  /** ISO country, when known ("KZ", "RU", …). */
  country?: string;
}

/**
 * Country codes whose number length we check, with their total digit count (country code included). +7 is
 * shared by the first digit of the zone: Russia 3, 4, 8, 9; Kazakhstan 6 and 7 (2006 agreement) and 0 (since
 * 2024); 1, 2 and 5 are unused or reserved (https://github.com/smsc-kz/smsc/blob/main/docs/text-engine.md "Phone numbers").
 */
export const PHONE_COUNTRIES = {
  "7": { digits: 11, zones: { "0": "KZ", "3": "RU", "4": "RU", "6": "KZ", "7": "KZ", "8": "RU", "9": "RU" } },
  "373": { digits: 11, country: "MD" },
  "374": { digits: 11, country: "AM" },
  "375": { digits: 12, country: "BY" },
  "380": { digits: 12, country: "UA" },
  "992": { digits: 12, country: "TJ" },
  "993": { digits: 11, country: "TM" },
  "994": { digits: 12, country: "AZ" },
  "995": { digits: 12, country: "GE" },
  "996": { digits: 12, country: "KG" },
  "998": { digits: 12, country: "UZ" },
} as const;

/** Shortest and longest numbers accepted for a country code not in PHONE_COUNTRIES (E.164 allows 15 digits). */
export const PHONE_DIGITS = { min: 8, max: 15 } as const;

/** Splits a `phones` value on "," and ";" (spec §2.1), dropping empty items and surrounding space. */
export function splitPhones(list: string): string[] {
  return list
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/**
 * Parses one number in the forms the service accepts (+7…, 8…, 7…, with spaces, dashes, dots and parentheses).
 * Returns undefined for an invalid number; normalizePhone() says why.
 */
export function parsePhone(input: string): PhoneNumber | undefined {
  const r = parse(input);
  return typeof r === "string" ? undefined : r;
}

/**
 * Normalises one number to E.164, or says why it cannot: "8 (701) 123-45-67" → +77011234567 (KZ).
 * @throws PhoneNumberError with the input and the reason.
 */
export function normalizePhone(input: string): PhoneNumber {
  const r = parse(input);
  if (typeof r === "string") throw new PhoneNumberError(input, r);
  return r;
}

/** The numbers of a `phones` list (split on "," and ";"), in order, and an error for each invalid one. */
export function parsePhoneList(list: string): { phones: PhoneNumber[]; errors: PhoneNumberError[] } {
  const phones: PhoneNumber[] = [];
  const errors: PhoneNumberError[] = [];
  for (const item of splitPhones(list)) {
    const r = parse(item);
    if (typeof r === "string") errors.push(new PhoneNumberError(item, r));
    else phones.push(r);
  }
  return { phones, errors };
}

function parse(input: string): PhoneNumber | string {
  const trimmed = input.trim();
  if (trimmed === "") return "empty";
  const bad = trimmed.search(/[^\d\s\-().+]/);
  if (bad >= 0)
    return `character ${JSON.stringify(trimmed[bad])} is not allowed (digits, +, spaces, - . ( ) only)`;
  if (trimmed.lastIndexOf("+") > 0) return "+ may only start the number";
  const plus = trimmed.startsWith("+");
  let digits = trimmed.replace(/\D/g, "");
  if (digits === "") return "no digits";
  // 8 is the Russian and Kazakh trunk prefix: 8 701 … is +7 701 …. With a plus, 8… is a country code.
  if (!plus && digits.length === 11 && digits[0] === "8") digits = `7${digits.slice(1)}`;
  if (!plus && digits.length === 10 && digits[0] === "9")
    return "10 digits from 9 look like a Russian number without its country code: write +7 or 8 before it";
  if (digits[0] === "0") return "a country code never starts with 0";
  const code = countryCode(digits);
  if (code === "7") {
    const want = PHONE_COUNTRIES["7"].digits;
    if (digits.length !== want) return `+7 numbers have ${want} digits, got ${digits.length}`;
    const zone = digits[1] as string;
    const country = (PHONE_COUNTRIES["7"].zones as Record<string, string>)[zone];
    if (!country) return `no +7 zone starts with ${zone} (Russia: 3, 4, 8, 9; Kazakhstan: 0, 6, 7)`;
    return { e164: `+${digits}`, digits, country };
  }
  if (code) {
    const { digits: want, country } = PHONE_COUNTRIES[code];
    if (digits.length !== want)
      return `+${code} (${country}) numbers have ${want} digits, got ${digits.length}`;
    return { e164: `+${digits}`, digits, country };
  }
  if (digits.length < PHONE_DIGITS.min)
    return `too short: ${digits.length} digits, at least ${PHONE_DIGITS.min}`;
  if (digits.length > PHONE_DIGITS.max)
    return `too long: ${digits.length} digits, at most ${PHONE_DIGITS.max}`;
  return { e164: `+${digits}`, digits };
}

function countryCode(digits: string): keyof typeof PHONE_COUNTRIES | undefined {
  if (digits[0] === "7") return "7";
  const three = digits.slice(0, 3);
  return three in PHONE_COUNTRIES ? (three as keyof typeof PHONE_COUNTRIES) : undefined;
}
