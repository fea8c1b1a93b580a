import { type Charset, encodeText } from "../protocol/index.js";

/** What a letter to the service is made of. */
export interface LetterInit {
  from: string;
  to: string;
  /** Subject; the service ignores it (the libraries send ""). Non-ASCII is written as RFC 2047 words. */
  subject: string;
  /** The letter text (spec §7 layout); line breaks may be LF or CRLF. */
  text: string;
  /** Charset of the body, named in Content-Type. */
  charset: Charset;
  date: Date;
  /** Message-ID without angle brackets, e.g. `1b4e…@example.com`. */
  messageId: string;
}

/** RFC 5322 §2.1.1: a line may not exceed 998 octets without its CRLF. */
const MAX_LINE = 998;

/**
 * Writes a complete letter: RFC 5322 headers and the body as `text/plain` in the given charset, `8bit`. A body
 * with a line longer than 998 bytes (a long message on one line) goes as quoted-printable instead, which relays
 * carry intact (our choice, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "SMTP").
 */
export function composeLetter(l: LetterInit): Uint8Array {
  for (const [name, v] of [
    ["from", l.from],
    ["to", l.to],
    ["messageId", l.messageId],
  ] as const)
    if (/[\r\n<>\s]/.test(v))
      throw new RangeError(`${name} must be a bare address without spaces or line breaks`);
  let text = l.text.replace(/\r\n|\r|\n/g, "\r\n");
  if (!text.endsWith("\r\n")) text += "\r\n";
  let body = encodeText(text, l.charset);
  const long = longestLine(body) > MAX_LINE;
  if (long) body = quotedPrintable(body);
  const headers = [
    `Date: ${rfc5322Date(l.date)}`,
    `From: ${l.from}`,
    `To: ${l.to}`,
    `Subject: ${encodeHeaderWords(l.subject)}`,
    `Message-ID: <${l.messageId}>`,
    "MIME-Version: 1.0",
    `Content-Type: text/plain; charset=${l.charset}`,
    `Content-Transfer-Encoding: ${long ? "quoted-printable" : "8bit"}`,
  ];
  const head = new TextEncoder().encode(`${headers.join("\r\n")}\r\n\r\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date as RFC 5322 §3.3 writes it, in UTC: `Tue, 24 Nov 2026 14:41:04 +0000`. */
export function rfc5322Date(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
  );
}

/** Header text, as is when printable ASCII, else as UTF-8 `B` encoded words (RFC 2047) folded one per line. */
function encodeHeaderWords(s: string): string {
  const flat = s.replace(/[\r\n]+/g, " ");
  if (/^[\x20-\x7e]*$/.test(flat)) return flat;
  const chars = [...flat];
  const words: string[] = [];
  // 11 code points are at most 44 bytes: a 72-character word, inside RFC 2047's 75
  for (let i = 0; i < chars.length; i += 11)
    words.push(`=?UTF-8?B?${Buffer.from(chars.slice(i, i + 11).join(""), "utf8").toString("base64")}?=`);
  return words.join("\r\n ");
}

function longestLine(bytes: Uint8Array): number {
  let max = 0;
  let len = 0;
  for (const b of bytes) {
    if (b === 0x0a) len = 0;
    else if (b !== 0x0d) max = Math.max(max, ++len);
  }
  return max;
}

/** Quoted-printable (RFC 2045 §6.7) of CRLF-separated lines, soft-broken at 76 characters. */
function quotedPrintable(bytes: Uint8Array): Uint8Array {
  const lines = Buffer.from(bytes).toString("latin1").split("\r\n");
  const out = lines.map((line) => {
    let encoded = "";
    let width = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      const last = i === line.length - 1;
      const plain = (c >= 33 && c <= 126 && c !== 61) || ((c === 32 || c === 9) && !last);
      const token = plain ? line[i]! : `=${c.toString(16).toUpperCase().padStart(2, "0")}`;
      if (width + token.length > 75) {
        encoded += "=\r\n";
        width = 0;
      }
      encoded += token;
      width += token.length;
    }
    return encoded;
  });
  return Buffer.from(out.join("\r\n"), "latin1");
}
