import {
  type Charset,
  DEFAULT_CHARSET,
  decodeText,
  normalizeCharset,
  percentDecode,
  percentDecodeRange,
  REQUEST_LIMITS,
  splitForm,
} from "smsc/protocol";
import { type TurnBudget, turnBudget } from "../../core/turn-budget.js";
import { MultipartError, multipartBoundary, parseMultipart } from "./multipart.js";

/** Largest request body accepted (MMS attachments included): protocol `REQUEST_LIMITS.maxBodyBytes`. */
export const MAX_BODY_BYTES = REQUEST_LIMITS.maxBodyBytes;

/** A request's parameters, decoded with its charset. */
export interface RequestParams {
  params: Record<string, string>;
  charset: Charset;
}

/** Thrown for a body that cannot be read as a form (or has too many fields); the adapter answers error 1. */
export class BadBodyError extends Error {
  override name = "BadBodyError";
}

/** Bytes of a value decoded at a time; a longer one is decoded in slices with a chance to yield between them. */
const SLICE = 64 * 1024;

/** Bytes of query and body below which a request is parsed in one go. */
const SMALL_REQUEST = 16 * 1024;

/** A name and value still as the request wrote them: form text (percent-encoded) or bytes. */
type RawField =
  | { text: readonly [string, string] }
  | { bytes: readonly [Uint8Array, Uint8Array]; escaped: boolean };

/**
 * Merges the query string and the body (urlencoded or multipart/form-data; the body wins on a repeated name) and
 * decodes every value with the request's `charset` parameter, windows-1251 by default (spec §1.5). Percent-decoding
 * happens on bytes first, then the bytes are read in the charset. File parts are accepted and ignored. More than
 * `REQUEST_LIMITS.maxFields` fields is a BadBodyError.
 */
export function parseParams(rawQuery: string, contentType: string | undefined, body: Buffer): RequestParams {
  if (body.length + rawQuery.length <= SMALL_REQUEST && !MULTIPART.test(contentType ?? ""))
    return parseSmallForm(rawQuery, body);
  const steps = parseSteps(rawQuery, contentType, body);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * parseParams for a request being served: a big body is decoded in slices, and between two slices the request
 * waits when the turn of the event loop has used its budget, so other clients are served meanwhile.
 */
export async function readParams(
  rawQuery: string,
  contentType: string | undefined,
  body: Buffer,
  budget: TurnBudget = turnBudget,
): Promise<RequestParams> {
  // a request of a few kilobytes parses in microseconds: only a bigger one is worth slicing
  if (body.length + rawQuery.length <= SMALL_REQUEST) return parseParams(rawQuery, contentType, body);
  const steps = parseSteps(rawQuery, contentType, body);
  const pause = budget.task();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/**
 * parseParams for a small urlencoded request, all as text: the body's bytes read as latin1 (one character per byte)
 * and escaped as the query is, so both decode the same way; the same fields and charset rule as the general path.
 */
function parseSmallForm(rawQuery: string, body: Buffer): RequestParams {
  const fields = splitForm(escapeHigh(rawQuery));
  if (body.length > 0) for (const f of splitForm(escapeHigh(body.toString("latin1")))) fields.push(f);
  countFields(fields.length);
  let charset: Charset = DEFAULT_CHARSET;
  for (const [name, value] of fields) charset = textCharset(name, value) ?? charset;
  const params: Record<string, string> = {};
  for (const [name, value] of fields) params[percentDecode(name, charset)] = percentDecode(value, charset);
  return { params, charset };
}

/** A content type of multipart form data (with or without its boundary). */
const MULTIPART = /^\s*multipart\//i;

/** The charset a form field written as text names, when it is the `charset` field (its value is ASCII). */
function textCharset(name: string, value: string): Charset | undefined {
  return percentDecode(name, "utf-8") === "charset"
    ? normalizeCharset(percentDecode(value, "utf-8"))
    : undefined;
}

/** The parse, yielding where it may be paused: between fields and between slices of a long value. */
function* parseSteps(
  rawQuery: string,
  contentType: string | undefined,
  body: Buffer,
): Generator<void, RequestParams> {
  const fields: RawField[] = splitForm(escapeHigh(rawQuery)).map((f) => ({ text: f }));
  const boundary = multipartBoundary(contentType);
  if (boundary !== undefined) {
    let parts: ReturnType<typeof parseMultipart>;
    try {
      parts = parseMultipart(body, boundary);
    } catch (err) {
      if (err instanceof MultipartError) throw new BadBodyError(err.message);
      throw err;
    }
    countFields(fields.length + parts.length);
    for (const p of parts)
      if (p.filename === undefined) fields.push({ bytes: [p.name, p.data], escaped: false });
  } else if (MULTIPART.test(contentType ?? "")) {
    throw new BadBodyError("multipart body without a boundary");
  } else if (body.length > 0) {
    // any other body is read as a urlencoded form, as lenient servers do; garbage yields no known names
    for (const f of splitBody(body, REQUEST_LIMITS.maxFields - fields.length))
      fields.push({ bytes: f, escaped: true });
  }
  countFields(fields.length);
  yield;

  // the charset's own value is ASCII, so it can be found before anything else is decoded
  let charset: Charset = DEFAULT_CHARSET;
  for (const f of fields) {
    if ("text" in f) charset = textCharset(f.text[0], f.text[1]) ?? charset;
    else if (f.bytes[1].length <= 64 && decodeText(bytesOf(f.bytes[0], f.escaped), "utf-8") === "charset")
      charset = normalizeCharset(decodeText(bytesOf(f.bytes[1], f.escaped), "utf-8")) ?? charset;
  }
  const params: Record<string, string> = {};
  for (const f of fields) {
    yield;
    if ("text" in f) params[percentDecode(f.text[0], charset)] = percentDecode(f.text[1], charset);
    else {
      const name = decodeText(bytesOf(f.bytes[0], f.escaped), charset);
      const bytes = f.escaped ? yield* bytesOfSliced(f.bytes[1]) : f.bytes[1];
      params[name] = yield* decodeSliced(bytes, charset);
    }
  }
  return { params, charset };
}

function countFields(n: number): void {
  if (n > REQUEST_LIMITS.maxFields)
    throw new BadBodyError(`more than ${REQUEST_LIMITS.maxFields} parameters in one request`);
}

/**
 * The name/value pairs of an urlencoded body, as views into it: split on "&" (empty pieces dropped) and at the first
 * "=". Stops one past `max` pairs, so a body of a million "&"s costs no more than the limit.
 */
function splitBody(body: Buffer, max: number): Array<readonly [Uint8Array, Uint8Array]> {
  const out: Array<readonly [Uint8Array, Uint8Array]> = [];
  for (let start = 0; start < body.length && out.length <= max; ) {
    let end = body.indexOf(0x26, start);
    if (end < 0) end = body.length;
    if (end > start) {
      const piece = body.subarray(start, end);
      const eq = piece.indexOf(0x3d);
      out.push(
        eq < 0 ? [piece, piece.subarray(piece.length)] : [piece.subarray(0, eq), piece.subarray(eq + 1)],
      );
    }
    start = end + 1;
  }
  return out;
}

/** The bytes a (short) urlencoded value stands for; a raw byte >= 0x80 stands for itself. */
function bytesOf(raw: Uint8Array, escaped: boolean): Uint8Array {
  if (!escaped || isPlain(raw)) return raw;
  const out = new Uint8Array(raw.length);
  return out.subarray(0, percentDecodeRange(raw, 0, raw.length, out, 0).written);
}

/** Whether urlencoded bytes stand for themselves: no "%" or "+" (most values of most requests). */
function isPlain(raw: Uint8Array): boolean {
  for (let i = 0; i < raw.length; i++) if (raw[i] === 0x25 || raw[i] === 0x2b) return false;
  return true;
}

/** bytesOf for a value of any length, a slice at a time. */
function* bytesOfSliced(raw: Uint8Array): Generator<void, Uint8Array> {
  if (raw.length <= SLICE) return bytesOf(raw, true);
  const out = new Uint8Array(raw.length);
  let read = 0;
  let written = 0;
  while (read < raw.length) {
    if (read > 0) yield;
    ({ read, written } = percentDecodeRange(raw, read, Math.min(raw.length, read + SLICE), out, written));
  }
  return out.subarray(0, written);
}

/** decodeText for bytes of any length, a slice at a time (UTF-8 through a streaming decoder). */
function* decodeSliced(bytes: Uint8Array, charset: Charset): Generator<void, string> {
  if (bytes.length <= SLICE) return decodeText(bytes, charset);
  const utf8 = charset === "utf-8" ? new TextDecoder("utf-8") : undefined;
  const pieces: string[] = [];
  for (let at = 0; at < bytes.length; at += SLICE) {
    if (at > 0) yield;
    const slice = bytes.subarray(at, at + SLICE);
    pieces.push(
      utf8 ? utf8.decode(slice, { stream: at + SLICE < bytes.length }) : decodeText(slice, charset),
    );
  }
  return pieces.join("");
}

/** A raw byte >= 0x80, as a latin1 character. */
const HIGH = /[\u0080-\u00ff]/;

/**
 * Writes raw bytes >= 0x80 (given as latin1 characters) as %XX, so that `decodeForm` sees every byte of the request
 * as it came instead of re-encoding the characters as UTF-8.
 */
function escapeHigh(latin1: string): string {
  if (!HIGH.test(latin1)) return latin1;
  return latin1.replace(/[\u0080-\u00ff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
