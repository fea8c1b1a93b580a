import { GSM_BASIC, GSM_ESCAPE, gsmBasicCode, gsmExtensionChar, gsmExtensionCode } from "./gsm-alphabet.js";

/**
 * Encodes a text as unpacked GSM 03.38 septets, one per byte (an extension character becomes the escape 0x1B and
 * its code). The SMPP codec packs these; estimate() counts them.
 * @throws RangeError naming the first character (and its index) that has no GSM-7 form.
 */
export function encodeGsm7(text: string): Uint8Array {
  const out = new Uint8Array(gsm7Length(text, true));
  let n = 0;
  for (const ch of text) {
    const basic = gsmBasicCode(ch);
    if (basic !== undefined) out[n++] = basic;
    else {
      out[n++] = GSM_ESCAPE;
      out[n++] = gsmExtensionCode(ch) as number;
    }
  }
  return out;
}

/**
 * Decodes unpacked GSM 03.38 septets. An escape followed by a code the extension table lacks decodes as that
 * code's basic character, and a double escape (or a trailing one) as a space: 3GPP TS 23.038 §6.2.1.1 tells a
 * receiving entity to display exactly that.
 * @throws RangeError on a byte above 0x7F (not a septet).
 */
export function decodeGsm7(septets: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < septets.length; i++) {
    const b = septets[i] as number;
    if (b > 0x7f || b < 0) throw new RangeError(`byte ${b} at ${i} is not a GSM-7 septet`);
    if (b !== GSM_ESCAPE) {
      out += GSM_BASIC[b];
      continue;
    }
    const next = septets[i + 1];
    if (next === undefined || next === GSM_ESCAPE) {
      out += " ";
      i++;
      continue;
    }
    if (next > 0x7f || next < 0) throw new RangeError(`byte ${next} at ${i + 1} is not a GSM-7 septet`);
    out += gsmExtensionChar(next) ?? GSM_BASIC[next];
    i++;
  }
  return out;
}

/** Whether every character of the text is in the GSM 03.38 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  return gsm7Length(text, false) >= 0;
}

/** Septets the text takes in GSM-7, or -1 (or a RangeError when `strict`) when a character has no GSM-7 form. */
function gsm7Length(text: string, strict: boolean): number {
  let n = 0;
  let i = 0;
  for (const ch of text) {
    if (gsmBasicCode(ch) !== undefined) n += 1;
    else if (gsmExtensionCode(ch) !== undefined) n += 2;
    else if (strict) throw new RangeError(`character ${JSON.stringify(ch)} at ${i} has no GSM-7 form`);
    else return -1;
    i += ch.length;
  }
  return n;
}
