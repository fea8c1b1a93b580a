/** Default code alphabet: digits, which every phone keyboard types and every autofill recognises. */
export const DIGITS = "0123456789";

/**
 * A code of `length` characters drawn uniformly from `alphabet` with `random` (uniform in [0, 1)). With a 32-bit
 * source such as `cryptoRandom` the bias is below alphabet.length / 2^32.
 */
export function generateCode(length: number, alphabet: string, random: () => number): string {
  const chars = [...alphabet];
  let out = "";
  for (let i = 0; i < length; i++)
    out += chars[Math.min(chars.length - 1, Math.floor(random() * chars.length))];
  return out;
}

/**
 * What the user typed, as it is compared: spaces and dashes removed (codes are read out in groups, "123-456"),
 * and upper-cased when the alphabet has no lower-case letters.
 */
export function normalizeCode(input: string, alphabet: string): string {
  const bare = String(input).replace(/[\s-]/g, "");
  return alphabet === alphabet.toUpperCase() ? bare.toUpperCase() : bare;
}

/** Why an alphabet cannot make codes, or undefined when it can. */
export function alphabetProblem(alphabet: unknown): string | undefined {
  if (typeof alphabet !== "string") return "must be a string";
  const chars = [...alphabet];
  if (chars.length < 2) return "needs at least 2 characters";
  if (new Set(chars).size !== chars.length) return "has a repeated character";
  if (/[\s-]/.test(alphabet))
    return "may not contain spaces or dashes (they are stripped from what users type)";
  return undefined;
}

/** Lower-case letters and digits: ids of codes and verifications. */
const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random id of 20 characters of [a-z0-9] (103 bits). */
export function randomId(random: () => number): string {
  return generateCode(20, ID_ALPHABET, random);
}
