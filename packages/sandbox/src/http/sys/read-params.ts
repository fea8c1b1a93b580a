import {
  type Charset,
  DEFAULT_CHARSET,
  decodeText,
  normalizeCharset,
  percentDecode,
  splitForm,
} from "smsc/protocol";
import { type FormPart, MultipartError, multipartBoundary, parseMultipart } from "./multipart.js";

/** Largest request body accepted (MMS attachments included). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A request's parameters, decoded with its charset. */
export interface RequestParams {
  params: Record<string, string>;
  charset: Charset;
}

/** Thrown for a body that cannot be read as a form; the adapter answers error 1. */
export class BadBodyError extends Error {
  override name = "BadBodyError";
}

/**
 * Merges the query string and the body (urlencoded or multipart/form-data; the body wins on a repeated name) and
 * decodes every value with the request's `charset` parameter, windows-1251 by default (spec §1.5). Percent-decoding
 * happens on bytes first (protocol `decodeForm`), then the bytes are read in the charset. File parts are accepted
 * and ignored.
 */
export function parseParams(rawQuery: string, contentType: string | undefined, body: Buffer): RequestParams {
  const sources: Array<{ form: string } | { parts: FormPart[] }> = [{ form: escapeHigh(rawQuery) }];
  const boundary = multipartBoundary(contentType);
  if (boundary !== undefined) {
    try {
      sources.push({ parts: parseMultipart(body, boundary).filter((p) => p.filename === undefined) });
    } catch (err) {
      if (err instanceof MultipartError) throw new BadBodyError(err.message);
      throw err;
    }
  } else if (/^\s*multipart\//i.test(contentType ?? "")) {
    throw new BadBodyError("multipart body without a boundary");
  } else if (body.length > 0) {
    // any other body is read as a urlencoded form, as lenient servers do; garbage yields no known names
    sources.push({ form: escapeHigh(body.toString("latin1")) });
  }
  type Raw = { form: Array<[string, string]> } | { parts: Array<readonly [Buffer, Buffer]> };
  const raw = sources.map(
    (src): Raw =>
      "form" in src
        ? { form: splitForm(src.form) }
        : { parts: src.parts.map((p) => [p.name, p.data] as const) },
  );
  // the charset's own value is ASCII, so it can be found before anything else is decoded
  let charset: Charset = DEFAULT_CHARSET;
  for (const src of raw) {
    if ("form" in src) {
      for (const [k, v] of src.form)
        if (percentDecode(k, "utf-8") === "charset")
          charset = normalizeCharset(percentDecode(v, "utf-8")) ?? charset;
    } else {
      for (const [k, v] of src.parts)
        if (k.toString("latin1") === "charset") charset = normalizeCharset(v.toString("latin1")) ?? charset;
    }
  }
  const params: Record<string, string> = {};
  for (const src of raw) {
    if ("form" in src)
      for (const [k, v] of src.form) params[percentDecode(k, charset)] = percentDecode(v, charset);
    else for (const [k, v] of src.parts) params[decodeText(k, charset)] = decodeText(v, charset);
  }
  return { params, charset };
}

/**
 * Writes raw bytes >= 0x80 (given as latin1 characters) as %XX, so that `decodeForm` sees every byte of the request
 * as it came instead of re-encoding the characters as UTF-8.
 */
function escapeHigh(latin1: string): string {
  return latin1.replace(/[\u0080-\u00ff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
