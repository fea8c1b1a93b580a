import { xmlElement } from "../../protocol/codecs/shared.js";
import {
  type Charset,
  DEFAULT_CHARSET,
  encodeForm,
  encodeText,
  normalizeCharset,
} from "../../protocol/index.js";
import {
  CALLBACK_HASHES,
  CALLBACK_KINDS,
  CALLBACK_NUMERIC_FIELDS,
  type CallbackHash,
  type CallbackKind,
} from "./callback-fields.js";
import { signCallback } from "./sign-callback.js";

/** What a handler URL asks for (spec §6.14), read from its query. */
export interface CallbackTarget {
  /** The URL to POST to: the handler URL without its `md5`/`sha1`/`crc32` parameters (the secret never travels). */
  url: string;
  /** The same URL with every secret replaced by `***`, safe for logs. */
  redactedUrl: string;
  /** Charset of the values. @default "windows-1251" */
  charset: Charset;
  /** 0 = form fields (default), 2 = XML, 3 = JSON. */
  fmt: 0 | 2 | 3;
  /** The signature to add, when the URL names an algorithm. */
  hash?: { algorithm: CallbackHash; secret: string };
}

/**
 * Reads a handler URL: `charset=utf-8|koi8-r|windows-1251`, `fmt=2|3` and one of `md5=`/`sha1=`/`crc32=` with the
 * secret. With `fmt`, koi8-r is not used (spec §6.14); the default windows-1251 is used instead [INF].
 * @throws TypeError for a URL that is not http(s) or a charset/fmt the service does not know
 */
export function callbackTarget(handlerUrl: string): CallbackTarget {
  const u = new URL(handlerUrl);
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new TypeError("callback URL must be http or https");
  const q = u.searchParams;
  const charsetParam = q.get("charset");
  let charset = charsetParam === null ? DEFAULT_CHARSET : normalizeCharset(charsetParam);
  if (!charset) throw new TypeError(`callback URL charset must be utf-8, koi8-r or windows-1251`);
  const fmtParam = q.get("fmt");
  const fmt =
    fmtParam === null || fmtParam === "0" ? 0 : fmtParam === "2" ? 2 : fmtParam === "3" ? 3 : undefined;
  if (fmt === undefined) throw new TypeError("callback URL fmt must be 2 or 3");
  if (fmt !== 0 && charset === "koi8-r") charset = DEFAULT_CHARSET;
  const algorithm = CALLBACK_HASHES.find((h) => q.has(h));
  const hash = algorithm ? { algorithm, secret: q.get(algorithm)! } : undefined;
  const clean = new URL(u);
  const redacted = new URL(u);
  for (const h of CALLBACK_HASHES) {
    clean.searchParams.delete(h);
    if (redacted.searchParams.has(h)) redacted.searchParams.set(h, "***");
  }
  return {
    url: clean.href,
    redactedUrl: redacted.href.replaceAll("%2A%2A%2A", "***"),
    charset,
    fmt,
    ...(hash ? { hash } : {}),
  };
}

/** An encoded callback request. */
export interface EncodedCallback {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** The fields sent, the signature included. */
  fields: Record<string, string>;
}

/**
 * Encodes one callback for a target: the kind's fields in order (undefined ones left out), the signature field,
 * as an urlencoded form, XML (`<result>…</result>`) or JSON object in the target's charset.
 */
export function encodeCallback(
  kind: CallbackKind,
  values: Readonly<Record<string, string | number | undefined>>,
  target: Pick<CallbackTarget, "charset" | "fmt" | "hash">,
): EncodedCallback {
  const fields: Record<string, string> = {};
  for (const f of CALLBACK_KINDS[kind].fields) {
    const v = values[f];
    if (v !== undefined) fields[f] = String(v);
  }
  if (target.hash) {
    const { algorithm, secret } = target.hash;
    fields[algorithm] = signCallback(kind, fields, algorithm, secret, target.charset);
  }
  const entries = Object.entries(fields);
  const cs = target.charset;
  const bytes = (text: string, charset = cs) => encodeText(text, charset) as Uint8Array<ArrayBuffer>;
  if (target.fmt === 3) {
    const obj = Object.fromEntries(
      entries.map(([k, v]) => [k, CALLBACK_NUMERIC_FIELDS.has(k) && /^-?\d+$/.test(v) ? Number(v) : v]),
    );
    return {
      body: bytes(JSON.stringify(obj)),
      contentType: `application/json; charset=${cs}`,
      fields,
    };
  }
  if (target.fmt === 2) {
    const xml = `<?xml version="1.0" encoding="${cs}"?>\n${xmlElement("result", entries)}`;
    return { body: bytes(xml), contentType: `application/xml; charset=${cs}`, fields };
  }
  return {
    body: bytes(encodeForm(entries, cs), "utf-8"),
    contentType: `application/x-www-form-urlencoded; charset=${cs}`,
    fields,
  };
}
