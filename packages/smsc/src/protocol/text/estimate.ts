import type { MessageFormat } from "../message-formats.js";
import { gsmSeptets } from "./gsm-alphabet.js";

/** Options of estimate(). */
export interface EstimateOptions {
  /** Transliteration as send.php's `translit`: 0 none, 1 "translit", 2 "mpaHc". @default 0 */
  translit?: 0 | 1 | 2;
  /** Message format; only plain SMS-like formats are split into parts. @default "sms" */
  format?: MessageFormat;
  /** Cut the text to at most this many parts, as send.php's `maxsms` does. */
  maxsms?: number;
  /** Price of one part; when given, the result carries `cost`. */
  pricePerPart?: number;
}

/** What a text costs in parts, and why. */
export interface Estimate {
  /** The text as it will be sent: after transliteration and `maxsms` truncation. */
  text: string;
  encoding: "gsm7" | "ucs2";
  /** The text of each part. */
  parts: string[];
  /** Length in the encoding's units (septets or UTF-16 code units). */
  length: number;
  /** Units left in the last part. */
  remaining: number;
  /** The distinct characters that forced UCS-2, in order of appearance. */
  ucs2Chars: string[];
  /** Whether maxsms cut the text. */
  truncated: boolean;
  /** parts.length × pricePerPart, when a price was given. */
  cost?: number;
}

/**
 * Counts the parts of a text as the service bills them. Provisional implementation: the text-engine work
 * (issue 3) replaces it with the exact splitter; the signature stays.
 */
export function estimate(text: string, options: EstimateOptions = {}): Estimate {
  const chars = [...text];
  const ucs2Chars = [...new Set(chars.filter((c) => gsmSeptets(c) === 0))];
  const encoding = ucs2Chars.length ? "ucs2" : "gsm7";
  const unitsOf = (c: string) => (encoding === "gsm7" ? gsmSeptets(c) : c.length);
  const length = chars.reduce((n, c) => n + unitsOf(c), 0);
  const single = encoding === "gsm7" ? 160 : 70;
  const multi = encoding === "gsm7" ? 153 : 67;
  const parts: string[] = [];
  if (length <= single) parts.push(text);
  else {
    let cur = "";
    let used = 0;
    for (const c of chars) {
      const u = unitsOf(c);
      if (used + u > multi) {
        parts.push(cur);
        cur = "";
        used = 0;
      }
      cur += c;
      used += u;
    }
    if (cur) parts.push(cur);
  }
  let kept = parts;
  let truncated = false;
  if (options.maxsms && parts.length > options.maxsms) {
    kept = parts.slice(0, options.maxsms);
    truncated = true;
  }
  const cap = kept.length <= 1 ? single : multi;
  const last = kept[kept.length - 1] ?? "";
  const lastUnits = [...last].reduce((n, c) => n + unitsOf(c), 0);
  return {
    text: kept.join(""),
    encoding,
    parts: kept,
    length,
    remaining: cap - lastUnits,
    ucs2Chars,
    truncated,
    ...(options.pricePerPart !== undefined ? { cost: kept.length * options.pricePerPart } : {}),
  };
}
