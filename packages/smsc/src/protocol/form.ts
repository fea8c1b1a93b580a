import { type Charset, decodeText, encodeText } from "./charset.js";

/** Request parameters in order; a name may repeat. */
export type FormFields = ReadonlyArray<readonly [name: string, value: string]>;

/** Text that needs no encoding at all: only unreserved characters (RFC 3986). */
const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** How each byte is written: itself when unreserved, "+" for a space, %XX otherwise. */
const BYTE_FORM: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  const c = String.fromCharCode(b);
  if (b < 0x80 && ALL_UNRESERVED.test(c)) return c;
  return b === 0x20 ? "+" : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
});

/** Percent-encodes text as the bytes of a charset (application/x-www-form-urlencoded, space as "+"). */
export function percentEncode(text: string, charset: Charset): string {
  // every request's login, fmt, ids and numbers: nothing to do (this ran once per field of every request)
  if (ALL_UNRESERVED.test(text)) return text;
  let out = "";
  if (!NON_ASCII.test(text)) {
    // ASCII is the same byte in every supported charset: no encoder needed
    for (let i = 0; i < text.length; i++) out += BYTE_FORM[text.charCodeAt(i)];
    return out;
  }
  for (const b of encodeText(text, charset)) out += BYTE_FORM[b];
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
  return decodeText(percentDecodeBytes(s), charset);
}

/** Any character outside ASCII: its UTF-8 bytes stand for it. */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The bytes an urlencoded string stands for: "+" is 0x20, %XX that byte (a "%" not followed by two hex digits is
 * itself), other ASCII its own byte, and any other character its UTF-8 bytes. One pass into a preallocated array.
 */
function percentDecodeBytes(s: string): Uint8Array {
  const out = new Uint8Array(NON_ASCII.test(s) ? s.length * 3 : s.length);
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b) out[j++] = 0x20;
    else if (c === 0x25 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) out[j++] = c;
      else {
        out[j++] = (hi << 4) | lo;
        i += 2;
      }
    } else if (c < 0x80) out[j++] = c;
    else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else {
      let cp = c;
      const next = s.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[j++] = 0xf0 | (cp >> 18);
        out[j++] = 0x80 | ((cp >> 12) & 0x3f);
      } else {
        // a lone surrogate is no character: U+FFFD, as TextEncoder writes it
        if (c >= 0xd800 && c <= 0xdfff) cp = 0xfffd;
        out[j++] = 0xe0 | (cp >> 12);
      }
      out[j++] = 0x80 | ((cp >> 6) & 0x3f);
      out[j++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, j);
}

/**
 * Percent-decodes raw urlencoded bytes (a body as it came, where a byte >= 0x80 stands for itself) from `start`
 * up to `end` into `out` from `at`: "+" is 0x20, %XX that byte, a "%" without two hex digits after it itself. An
 * escape that begins before `end` is finished past it, so a long value decoded in slices, each call going on from
 * the `read` the last returned, gives the bytes one call over all of it gives. `out` needs room for as many bytes as are read.
 */
export function percentDecodeRange(
  raw: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
): { read: number; written: number } {
  let i = start;
  let j = at;
  while (i < end) {
    const c = raw[i]!;
    if (c === 0x2b) out[j++] = 0x20;
    else if (c === 0x25 && i + 2 < raw.length) {
      const hi = hexValue(raw[i + 1]!);
      const lo = hexValue(raw[i + 2]!);
      if (hi < 0 || lo < 0) out[j++] = c;
      else {
        out[j++] = (hi << 4) | lo;
        i += 2;
      }
    } else out[j++] = c;
    i++;
  }
  return { read: i, written: j };
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
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
