import { type FormatIndex, type MessageFormat, resolveFormat } from "../message-formats.js";
import { gsmSeptets } from "./gsm-alphabet.js";
import { type TranslitMode, transliterate } from "./transliterate.js";

/** The longest `mes` send.php takes, in characters (Unicode code points) (spec §2.1 `mes`). */
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * Units per SMS part: GSM-7 septets, UCS-2 code units, or bytes for binary messages. `multi` is what is left
 * when the 6- or 7-octet concatenation header (UDH) is added (spec §2.1 `mes`: 160/153 and 70/67).
 */
export const PART_LIMITS = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
  binary: { single: 140, multi: 134 },
} as const;

/** How a text is carried: GSM 03.38 septets, UCS-2 (UTF-16) code units, or raw bytes (`bin`, `binHex`). */
export type TextEncoding = keyof typeof PART_LIMITS;

/**
 * How estimate() counts each message format. `split`: SMS text split into parts; `bytes`/`hex`: binary
 * split into 140/134-byte parts; `single`: one billed message whatever the text (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Text engine").
 */
export const FORMAT_COUNTING = {
  sms: "split",
  flash: "split",
  push: "single",
  hlr: "single",
  bin: "bytes",
  binHex: "hex",
  ping: "single",
  mms: "single",
  mail: "single",
  call: "single",
  viber: "single",
  soc: "single",
  tg: "single",
  whatsapp: "single",
} as const satisfies Record<MessageFormat, "split" | "bytes" | "hex" | "single">;

/** Options of estimate(). */
export interface EstimateOptions {
  /** Transliteration as send.php's `translit`: 0 none, 1 "translit", 2 "mpaHc". @default 0 */
  translit?: TranslitMode;
  /** Message format, by name or library index 0–11; see FORMAT_COUNTING. @default "sms" */
  format?: MessageFormat | FormatIndex;
  /** Cut the text to at most this many parts, as send.php's `maxsms` does; 0 or absent means no limit. */
  maxsms?: number;
  /** Price of one part; when given, the result carries `cost`. */
  pricePerPart?: number;
}

/** What a text costs in parts, and why. */
export interface Estimate {
  /** The text as it will be sent: after transliteration and `maxsms` truncation. */
  text: string;
  /** `binary` only for the `bin` and `binHex` formats. */
  encoding: "gsm7" | "ucs2" | "binary";
  /** The text of each part (for binary formats, the slice of the input each part carries). */
  parts: string[];
  /** Length of the whole text (before `maxsms`) in the encoding's units: septets, UTF-16 code units or bytes. */
  length: number;
  /** Units left in the last part (0 for formats billed as one message whatever their length). */
  remaining: number;
  /** The distinct characters that forced UCS-2, in order of appearance. */
  ucs2Chars: string[];
  /** Whether maxsms cut the text. */
  truncated: boolean;
  /** parts.length × pricePerPart, when a price was given. */
  cost?: number;
  /** Characters (Unicode code points) of the text as given, before transliteration: what MAX_MESSAGE_LENGTH limits. */
  characters: number;
  /** The text is longer than MAX_MESSAGE_LENGTH: the service answers error 1 and sends nothing. */
  tooLong: boolean;
  /** Units one part holds here: 160/153, 70/67 or 140/134 (0 for formats billed as one message). */
  partLimit: number;
  /** Why the service would refuse this text for its format (bad hex, a non-byte character in `bin`), if it would. */
  invalid?: string;
}

// Septets per UTF-16 code unit below 0x2100 (covers "€" U+20AC); everything above is not GSM.
const SEPTETS = new Uint8Array(0x2100);
for (let c = 0; c < SEPTETS.length; c++) SEPTETS[c] = gsmSeptets(String.fromCharCode(c));

/**
 * Counts the parts of a text as the service bills them: the exact splitter the sandbox charges with.
 * GSM-7 when every character is in the GSM 03.38 default or extension table (an extension character takes two
 * septets), UCS-2 otherwise (every UTF-16 code unit counts one, so a character outside the BMP takes two and an
 * extension character only one). A part never splits an escape pair or a surrogate pair; a text that fits one
 * part is never split. Texts past MAX_MESSAGE_LENGTH are still counted and flagged `tooLong`.
 * @throws RangeError on a maxsms that is not a non-negative integer, or an unknown format.
 */
export function estimate(text: string, options: EstimateOptions = {}): Estimate {
  const format = resolveFormat(options.format ?? "sms");
  const maxsms = options.maxsms ?? 0;
  if (!Number.isInteger(maxsms) || maxsms < 0)
    throw new RangeError(`maxsms must be a non-negative integer, got ${maxsms}`);
  const counting = FORMAT_COUNTING[format];
  const sent =
    options.translit && counting !== "bytes" && counting !== "hex"
      ? transliterate(text, options.translit)
      : text;
  const result: Estimate =
    counting === "split"
      ? splitText(sent, maxsms)
      : counting === "single"
        ? single(sent)
        : splitBinary(sent, counting === "hex", maxsms);
  // The 1000-character limit applies to `mes` as given, before transliteration lengthens it.
  if (sent !== text) result.characters = countCodePoints(text);
  result.tooLong = result.characters > MAX_MESSAGE_LENGTH;
  if (options.pricePerPart !== undefined)
    result.cost = roundMoney(result.parts.length * options.pricePerPart);
  return result;
}

function splitText(text: string, maxsms: number): Estimate {
  let ucs2: Set<number> | undefined;
  let septets = 0;
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const s = c < 0x2100 ? (SEPTETS[c] as number) : 0;
    if (s) {
      septets += s;
      continue;
    }
    const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c;
    ucs2 ??= new Set();
    ucs2.add(cp);
    if (cp > 0xffff) {
      i++;
      pairs++;
    }
  }
  const encoding = ucs2 ? "ucs2" : "gsm7";
  const length = encoding === "gsm7" ? septets : text.length;
  const { single: one, multi } = PART_LIMITS[encoding];
  const cut = encoding === "gsm7" ? cutGsm : cutUcs2;
  let parts: string[];
  let truncated = false;
  let lastUnits = length;
  if (length <= one) parts = [text];
  else {
    parts = [];
    let start = 0;
    const limit = maxsms === 1 ? one : multi;
    while (start < text.length) {
      if (maxsms && parts.length === maxsms) {
        truncated = true;
        break;
      }
      const end = cut(text, start, limit);
      parts.push(text.slice(start, end));
      start = end;
    }
  }
  const limit = parts.length === 1 ? one : multi;
  if (parts.length > 1 || truncated) {
    const last = parts[parts.length - 1] as string;
    lastUnits = encoding === "gsm7" ? septetsOf(last) : last.length;
  }
  return {
    text: truncated ? parts.join("") : text,
    encoding,
    parts,
    length,
    remaining: limit - lastUnits,
    ucs2Chars: ucs2 ? Array.from(ucs2, (cp) => String.fromCodePoint(cp)) : [],
    truncated,
    partLimit: limit,
    characters: text.length - pairs,
    tooLong: false,
  };
}

/** Where a GSM-7 part starting at `start` and holding `limit` septets ends: an escape pair stays whole. */
function cutGsm(text: string, start: number, limit: number): number {
  let used = 0;
  let i = start;
  for (; i < text.length; i++) {
    const s = SEPTETS[text.charCodeAt(i)] as number;
    if (used + s > limit) break;
    used += s;
  }
  return i;
}

/** Where a UCS-2 part starting at `start` and holding `limit` code units ends: a surrogate pair stays whole. */
function cutUcs2(text: string, start: number, limit: number): number {
  let end = start + limit;
  if (end >= text.length) end = text.length;
  else {
    const c = text.charCodeAt(end - 1);
    const d = text.charCodeAt(end);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) end--;
  }
  return end;
}

function septetsOf(part: string): number {
  let n = 0;
  for (let i = 0; i < part.length; i++) n += SEPTETS[part.charCodeAt(i)] as number;
  return n;
}

function single(text: string): Estimate {
  const gsm = splitText(text, 0);
  return { ...gsm, text, parts: [text], remaining: 0, truncated: false, partLimit: 0 };
}

function splitBinary(text: string, hex: boolean, maxsms: number): Estimate {
  let invalid: string | undefined;
  let bytes: number;
  if (hex) {
    const bad = text.search(/[^0-9a-fA-F]/);
    if (bad >= 0) invalid = `binHex: character ${JSON.stringify(text[bad])} at ${bad} is not a hex digit`;
    else if (text.length % 2) invalid = "binHex: odd number of hex digits";
    bytes = Math.ceil(text.length / 2);
  } else {
    const bad = text.search(/[^\u0000-\u00ff]/);
    if (bad >= 0)
      invalid = `bin: character ${JSON.stringify(text[bad])} at ${bad} is not a byte (U+0000–U+00FF)`;
    bytes = text.length;
  }
  const { single: one, multi } = PART_LIMITS.binary;
  const charsPerByte = hex ? 2 : 1;
  const parts: string[] = [];
  let truncated = false;
  if (bytes <= one) parts.push(text);
  else {
    const size = (maxsms === 1 ? one : multi) * charsPerByte;
    for (let start = 0; start < text.length; start += size) {
      if (maxsms && parts.length === maxsms) {
        truncated = true;
        break;
      }
      parts.push(text.slice(start, start + size));
    }
  }
  const limit = parts.length === 1 ? one : multi;
  const last = parts[parts.length - 1] as string;
  return {
    text: truncated ? parts.join("") : text,
    encoding: "binary",
    parts,
    length: bytes,
    remaining: limit - Math.ceil(last.length / charsPerByte),
    ucs2Chars: [],
    truncated,
    partLimit: limit,
    characters: countCodePoints(text),
    tooLong: false,
    ...(invalid ? { invalid } : {}),
  };
}

function countCodePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

// Prices are decimal money: 3 × 4.1 must read 12.3, not 12.299999999999999.
function roundMoney(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
