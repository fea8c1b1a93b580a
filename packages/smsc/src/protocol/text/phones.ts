/** A parsed phone number. */
export interface PhoneNumber {
  /** E.164 with the plus: "+77011234567". */
  e164: string;
  /** Digits only, as the service prints numbers: "77011234567". */
  digits: string;
  /** ISO country, when known ("KZ", "RU", …). */
  country?: string;
}

/** Splits a `phones` value on "," and ";" (spec §2.1), dropping empty items and surrounding space. */
export function splitPhones(list: string): string[] {
  return list
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/**
 * Parses one number in the forms the service accepts (+7…, 8…, 7…, with spaces, dashes and parentheses).
 * Provisional implementation: the text-engine work (issue 3) replaces it with the full rules; the signature stays.
 * Returns undefined for an invalid number.
 */
export function parsePhone(input: string): PhoneNumber | undefined {
  const trimmed = input.trim();
  if (!/^\+?[\d\s\-()]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("8") && !trimmed.startsWith("+"))
    digits = `7${digits.slice(1)}`;
  if (digits.length < 10 || digits.length > 15) return undefined;
  const country =
    digits.startsWith("77") || digits.startsWith("76") ? "KZ" : digits.startsWith("7") ? "RU" : undefined;
  return { e164: `+${digits}`, digits, ...(country ? { country } : {}) };
}
