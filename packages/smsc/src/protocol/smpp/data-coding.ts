import { decodeGsm7, encodeGsm7, isGsm7 } from "../text/gsm-codec.js";
import { DATA_CODING, SMSC_CODING } from "./constants.js";

/** How the octets of a short_message or message_payload carry text. */
export type Alphabet = "gsm7" | "ascii" | "latin1" | "cyrillic" | "ucs2" | "binary";

/**
 * Which meaning of data_coding to apply. `smsc`: the service's `data_coding = coding × 4`, where 4 is ISO-8859-1
 * text (spec §8). `smpp34`: the SMPP 3.4 table, where 4 is 8-bit binary.
 */
export type DataCodingConvention = "smsc" | "smpp34";

/** What a data_coding value means. */
export interface DataCodingInfo {
  alphabet: Alphabet;
  /** GSM 03.38 message class when the value carries one (class 0 is a flash SMS). */
  messageClass?: 0 | 1 | 2 | 3;
}

/** Options of describeDataCoding() and decodeMessageText(). */
export interface DataCodingOptions {
  /** @default "smsc" */
  convention?: DataCodingConvention;
  /** The session's bind system_type: "ISO" makes data_coding 0 ISO-8859-1 instead of GSM-7 (spec §8). */
  systemType?: string;
}

/**
 * Reads a data_coding octet. 0x00–0x0F follow the SMPP 3.4 table (with the service's reading of 4 under the
 * `smsc` convention); higher values are GSM 03.38 data coding schemes: bits 3–2 choose the alphabet, bit 4 (or
 * group 0xF0) adds a message class, compressed and reserved groups read as binary.
 */
export function describeDataCoding(dc: number, options: DataCodingOptions = {}): DataCodingInfo {
  const convention = options.convention ?? "smsc";
  if (dc < 0x10) {
    switch (dc) {
      case DATA_CODING.DEFAULT:
        return { alphabet: options.systemType?.toUpperCase() === "ISO" ? "latin1" : "gsm7" };
      case DATA_CODING.IA5:
        return { alphabet: "ascii" };
      case DATA_CODING.LATIN1:
        return { alphabet: "latin1" };
      case DATA_CODING.BINARY:
        return { alphabet: convention === "smsc" ? "latin1" : "binary" };
      case DATA_CODING.CYRILLIC:
        return { alphabet: "cyrillic" };
      case DATA_CODING.UCS2:
        return { alphabet: "ucs2" };
      default:
        return { alphabet: "binary" };
    }
  }
  const cls = (dc & 0x03) as 0 | 1 | 2 | 3;
  if (dc < 0x80) {
    // General data coding groups 00xx and 01xx (auto-deletion): bit 5 compressed, bit 4 class present.
    if (dc & 0x20) return { alphabet: "binary" };
    const alphabet = (["gsm7", "binary", "ucs2", "binary"] as const)[(dc >> 2) & 0x03] as Alphabet;
    return dc & 0x10 ? { alphabet, messageClass: cls } : { alphabet };
  }
  if (dc >= 0xf0) return { alphabet: dc & 0x04 ? "binary" : "gsm7", messageClass: cls };
  if (dc >= 0xc0) return { alphabet: dc >= 0xe0 ? "ucs2" : "gsm7" };
  return { alphabet: "binary" };
}

/** The data_coding the service expects for an alphabet: `SMSC_CODING × 4` (0, 4, 8); others by SMPP 3.4. */
export function dataCodingFor(alphabet: Alphabet, convention: DataCodingConvention = "smsc"): number {
  switch (alphabet) {
    case "gsm7":
      return SMSC_CODING.gsm7 * 4;
    case "ucs2":
      return SMSC_CODING.ucs2 * 4;
    case "latin1":
      return convention === "smsc" ? SMSC_CODING.latin1 * 4 : DATA_CODING.LATIN1;
    case "ascii":
      return DATA_CODING.IA5;
    case "cyrillic":
      return DATA_CODING.CYRILLIC;
    default:
      return DATA_CODING.BINARY;
  }
}

/** GSM-7 when every character has a GSM-7 form, UCS-2 otherwise: the choice estimate() bills by. */
export function chooseAlphabet(text: string): "gsm7" | "ucs2" {
  return isGsm7(text) ? "gsm7" : "ucs2";
}

/**
 * Encodes text in an alphabet as SMPP carries it: GSM-7 one septet per octet (unpacked, the SMPP convention;
 * packGsm7 packs), Latin-1/ASCII/ISO-8859-5 one octet per character, UCS-2 as UTF-16BE.
 * @throws RangeError naming the first character the alphabet cannot carry, or for `binary`.
 */
export function encodeMessageText(text: string, alphabet: Alphabet): Uint8Array {
  switch (alphabet) {
    case "gsm7":
      return encodeGsm7(text);
    case "ucs2": {
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 * i] = c >> 8;
        out[2 * i + 1] = c & 0xff;
      }
      return out;
    }
    case "latin1":
    case "ascii":
    case "cyrillic": {
      const limit = alphabet === "ascii" ? 0x7f : 0xff;
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const ch = text[i] as string;
        const b = alphabet === "cyrillic" ? toIso88595(ch) : ch.charCodeAt(0);
        if (b === undefined || b > limit)
          throw new RangeError(`character ${JSON.stringify(ch)} at ${i} has no ${alphabet} form`);
        out[i] = b;
      }
      return out;
    }
    default:
      throw new RangeError("binary data has no text form");
  }
}

/**
 * Decodes message octets in an alphabet. Lenient, as a server must be: GSM-7 octets above 0x7F lose their top
 * bit, an odd trailing UCS-2 octet is dropped, and IA5 octets that contain GSM control septets read as
 * GSM-7 (node-smpp sends GSM septets under data_coding 1). `binary` reads as Latin-1 so no octet is lost.
 */
export function decodeMessageText(bytes: Uint8Array, alphabet: Alphabet): string {
  switch (alphabet) {
    case "gsm7":
      return decodeGsm7(bytes.map((b) => b & 0x7f));
    case "ucs2": {
      let s = "";
      for (let i = 0; i + 1 < bytes.length; i += 2)
        s += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
      return s;
    }
    case "ascii":
      // node-smpp sends GSM 03.38 septets under data_coding 1: control octets other than CR and LF ("@" is 0,
      // "$" 2, the escape 0x1B) never occur in IA5 text, so they mark the octets as GSM-7.
      if (bytes.some((b) => b < 0x20 && b !== 0x0a && b !== 0x0d))
        return decodeGsm7(bytes.map((b) => b & 0x7f));
      return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
    case "cyrillic":
      return Array.from(bytes, fromIso88595).join("");
    default:
      return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  }
}

// ISO-8859-5: 0xA1–0xFF are Cyrillic (U+0401–U+045F) except 0xAD soft hyphen, 0xF0 "№" and 0xFD "§".
const ISO_8859_5_SPECIAL: Record<number, number> = { 173: 0x00ad, 240: 0x2116, 253: 0x00a7 };

function fromIso88595(b: number): string {
  if (b <= 0xa0) return String.fromCharCode(b);
  return String.fromCharCode(ISO_8859_5_SPECIAL[b] ?? b - 0xa0 + 0x0400);
}

function toIso88595(ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  if (c <= 0xa0) return c;
  for (const [b, u] of Object.entries(ISO_8859_5_SPECIAL)) if (u === c) return Number(b);
  const b = c - 0x0400 + 0xa0;
  return b > 0xa0 && b <= 0xff && ISO_8859_5_SPECIAL[b] === undefined ? b : undefined;
}
