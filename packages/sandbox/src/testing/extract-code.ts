/** Words after which a message states its code (English, Russian, Kazakh). */
const KEYWORD = /(?:code|код|kod|коды|pin|otp|passcode|password|пароль|құпиясөз)/iu;

// Digits glued to other digits by . : / or , are dates, times, amounts or versions, never a code.
/** A run of digits written in groups ("123-456", "123 456"). */
const GROUPED = /(?<![\d-]|\d[.:/,])\d{2,4}(?:[- ]\d{2,4}){1,3}(?![\d-]|[.:/,]\d)/gu;
/** A run of 4–8 digits. */
const PLAIN = /(?<!\d|\d[.:/,])\d{4,8}(?!\d|[.:/,]\d)/gu;

/**
 * Finds the one-time code in a message text: 4–8 digits, possibly grouped with `-` or spaces. A number after a
 * word such as "code", "код", "PIN" or "OTP" wins; otherwise the first 4–8 digit number. Throws when there is none.
 * @example
 * extractCode("Код: 1234"); // "1234"
 * extractCode("code 123-456"); // "123456"
 * extractCode("Your code is 987654"); // "987654"
 */
export function extractCode(text: string): string {
  const keyword = KEYWORD.exec(text);
  if (keyword) {
    const code = firstCode(text.slice(keyword.index + keyword[0].length));
    if (code !== undefined) return code;
  }
  const code = firstCode(text);
  if (code === undefined) throw new Error(`no 4–8 digit code in the text ${JSON.stringify(text)}`);
  return code;
}

/** The first grouped or plain 4–8 digit number of a text. */
function firstCode(text: string): string | undefined {
  const found: Array<{ at: number; digits: string }> = [];
  for (const m of text.matchAll(GROUPED)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length >= 4 && digits.length <= 8) found.push({ at: m.index, digits });
  }
  for (const m of text.matchAll(PLAIN)) found.push({ at: m.index, digits: m[0] });
  found.sort((a, b) => a.at - b.at || b.digits.length - a.digits.length);
  return found[0]?.digits;
}
