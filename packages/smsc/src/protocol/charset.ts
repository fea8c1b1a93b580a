/**
 * The three request and response charsets of the service (spec §1.5) with their byte tables, so that bodies can be
 * encoded and decoded with no dependency and on every runtime (TextEncoder only speaks UTF-8, and not every
 * runtime's TextDecoder knows the legacy Cyrillic code pages).
 */
export const CHARSETS = ["windows-1251", "utf-8", "koi8-r"] as const;

/** A charset the service accepts. */
export type Charset = (typeof CHARSETS)[number];

/** The service's default charset. */
export const DEFAULT_CHARSET: Charset = "windows-1251";

/** Bytes 0x80–0xFF of each single-byte charset, as the characters they stand for (WHATWG Encoding tables). */
const HIGH_HALF = {
  "windows-1251":
    "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя",
  "koi8-r":
    "─│┌┐└┘├┤┬┴┼▀▄█▌▐░▒▓⌠■∙√≈≤≥\u00a0⌡°²·÷═║╒ё╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡Ё╢╣╤╥╦╧╨╩╪╫╬©юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ",
} as const;

type SingleByte = keyof typeof HIGH_HALF;

const encodeTables = new Map<SingleByte, Map<number, number>>();

function encodeTable(charset: SingleByte): Map<number, number> {
  let table = encodeTables.get(charset);
  if (!table) {
    table = new Map();
    const high = HIGH_HALF[charset];
    for (let i = 0; i < high.length; i++) table.set(high.charCodeAt(i), 0x80 + i);
    encodeTables.set(charset, table);
  }
  return table;
}

/** Normalises a charset name ('cp1251', 'UTF8', 'koi8r' …) to one of CHARSETS, or undefined. */
export function normalizeCharset(name: string | undefined | null): Charset | undefined {
  if (!name) return undefined;
  const n = name.trim().toLowerCase().replace(/[_\s]/g, "-");
  if (n === "utf-8" || n === "utf8") return "utf-8";
  if (n === "windows-1251" || n === "cp1251" || n === "win-1251" || n === "cp-1251" || n === "windows1251")
    return "windows-1251";
  if (n === "koi8-r" || n === "koi8r" || n === "koi8") return "koi8-r";
  return undefined;
}

/** Whether every character of a text can be written in a charset. */
export function canEncode(text: string, charset: Charset): boolean {
  if (charset === "utf-8") return true;
  const table = encodeTable(charset);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && !table.has(c)) return false;
  }
  return true;
}

/**
 * Encodes text in a charset. A character the charset lacks becomes a numeric character reference
 * (`&#128512;`), as browsers do in forms, so nothing is silently dropped.
 */
export function encodeText(text: string, charset: Charset): Uint8Array {
  if (charset === "utf-8") return new TextEncoder().encode(text);
  if (!NON_ASCII.test(text)) {
    // ASCII is the same byte in both single-byte charsets (most replies are all ASCII)
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  const bytes = byteTable(charset);
  // one pass to size the result and one to write it: a long text costs no array of numbers
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || bytes[c] !== 0) size++;
    else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      size += `&#${cp};`.length;
    }
  }
  const out = new Uint8Array(size);
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[j++] = c;
    else if (bytes[c] !== 0) out[j++] = bytes[c]!;
    else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const d of `&#${cp};`) out[j++] = d.charCodeAt(0);
    }
  }
  return out;
}

const byteTables = new Map<SingleByte, Uint8Array>();

/** The byte of every UTF-16 code unit in a single-byte charset (0: none; ASCII is written as itself). */
function byteTable(charset: SingleByte): Uint8Array {
  let table = byteTables.get(charset);
  if (!table) {
    table = new Uint8Array(0x10000);
    for (const [code, byte] of encodeTable(charset)) table[code] = byte;
    byteTables.set(charset, table);
  }
  return table;
}

const NON_ASCII = /[^\x00-\x7f]/;

const UTF8 = new TextDecoder("utf-8");

/** Decodes bytes written in a charset. Invalid UTF-8 becomes U+FFFD. */
export function decodeText(bytes: Uint8Array, charset: Charset): string {
  if (charset === "utf-8") return UTF8.decode(bytes);
  const codes = decodeTable(charset);
  // String.fromCharCode over slices of code units: a long text costs no string per byte
  const units = new Uint16Array(Math.min(bytes.length, DECODE_SLICE));
  let s = "";
  for (let start = 0; start < bytes.length; start += DECODE_SLICE) {
    const end = Math.min(bytes.length, start + DECODE_SLICE);
    for (let i = start; i < end; i++) units[i - start] = codes[bytes[i]!]!;
    s += String.fromCharCode.apply(null, units.subarray(0, end - start) as unknown as number[]);
  }
  return s;
}

/** Code units per String.fromCharCode call (well under every engine's argument limit). */
const DECODE_SLICE = 8192;

const decodeTables = new Map<SingleByte, Uint16Array>();

/** Every byte of a single-byte charset as the UTF-16 code unit it stands for. */
function decodeTable(charset: SingleByte): Uint16Array {
  let table = decodeTables.get(charset);
  if (!table) {
    table = new Uint16Array(256);
    const high = HIGH_HALF[charset];
    for (let b = 0; b < 256; b++) table[b] = b < 0x80 ? b : high.charCodeAt(b - 0x80);
    decodeTables.set(charset, table);
  }
  return table;
}
