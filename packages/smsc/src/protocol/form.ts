import { type Charset, decodeText, encodeText } from "./charset.js";

/** Request parameters in order; a name may repeat. */
export type FormFields = ReadonlyArray<readonly [name: string, value: string]>;

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes text as the bytes of a charset (application/x-www-form-urlencoded, space as "+"). */
export function percentEncode(text: string, charset: Charset): string {
  let out = "";
  for (const b of encodeText(text, charset)) {
    const c = String.fromCharCode(b);
    if (b < 0x80 && UNRESERVED.test(c)) out += c;
    else if (b === 0x20) out += "+";
    else out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Writes fields as an urlencoded body whose values are bytes of `charset` (the service's convention, spec §1.5). */
export function encodeForm(fields: FormFields, charset: Charset): string {
  return fields.map(([k, v]) => `${percentEncode(k, charset)}=${percentEncode(v, charset)}`).join("&");
}

/** Characters that percentDecode has to work on: "+", "%" and anything outside ASCII. */
const ENCODED = /[+%\u0080-\uffff]/;

/** Reverses percentEncode: "+" is a space, %XX a byte, and the bytes are read in `charset`. */
export function percentDecode(s: string, charset: Charset): string {
  // plain ASCII reads the same in every supported charset
  if (!ENCODED.test(s)) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b) bytes.push(0x20);
    else if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else for (const b of encodeText(s[i]!, "utf-8")) bytes.push(b);
  }
  return decodeText(Uint8Array.from(bytes), charset);
}

/** Splits an urlencoded string into raw (still encoded) name/value pairs. */
export function splitForm(body: string): Array<[string, string]> {
  if (body === "") return [];
  return body
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      return eq < 0 ? [p, ""] : [p.slice(0, eq), p.slice(eq + 1)];
    });
}

/** Parses an urlencoded body whose bytes are in `charset`. */
export function decodeForm(body: string, charset: Charset): Array<[string, string]> {
  return splitForm(body).map(([k, v]) => [percentDecode(k, charset), percentDecode(v, charset)]);
}
