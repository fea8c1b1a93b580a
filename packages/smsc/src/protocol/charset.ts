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
  const table = encodeTable(charset);
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = table.get(c);
      if (b !== undefined) out.push(b);
      else for (const d of `&#${c};`) out.push(d.charCodeAt(0));
    }
  }
  return Uint8Array.from(out);
}

const UTF8 = new TextDecoder("utf-8");

/** Decodes bytes written in a charset. Invalid UTF-8 becomes U+FFFD. */
export function decodeText(bytes: Uint8Array, charset: Charset): string {
  if (charset === "utf-8") return UTF8.decode(bytes);
  const high = HIGH_HALF[charset];
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += b < 0x80 ? String.fromCharCode(b) : high[b - 0x80];
  }
  return s;
}
