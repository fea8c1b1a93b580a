import { xmlFields } from "../../protocol/codecs/shared.js";
import {
  type Charset,
  DEFAULT_CHARSET,
  decodeText,
  normalizeCharset,
  percentDecode,
  splitForm,
} from "../../protocol/index.js";
import { CallbackError } from "./callback-error.js";
import { CALLBACK_HASHES, CALLBACK_KINDS, type CallbackKind } from "./callback-fields.js";
import type { Callback } from "./types.js";

/** Options of parseCallback. */
export interface ParseCallbackOptions {
  /**
   * Charset of the body's bytes (the handler URL's `charset`). For a Request the `charset` of its Content-Type, then
   * of its URL query, is used when this is not given.
   * @default "windows-1251" (the service's default)
   */
  charset?: Charset;
}

/** What parseCallback reads synchronously. URLSearchParams and objects are taken as already decoded text. */
export type CallbackInput = string | Uint8Array | URLSearchParams | Readonly<Record<string, unknown>>;

/**
 * Reads a callback the service POSTed to a handler URL (spec §6.14) into a typed object: a form body (string or
 * bytes, decoded from the charset), a JSON or XML body (`fmt=3` / `fmt=2` handler URLs), URLSearchParams, a plain
 * object (e.g. Express's `req.body`), or a fetch `Request` (then it returns a Promise).
 * @throws CallbackError when the body is none of these or carries no known kind (status / incoming / waitcall)
 * @example
 * const cb = parseCallback("id=12&phone=77011234567&status=1&err=0");
 * if (cb.kind === "status") console.log(cb.id, cb.status);
 */
export function parseCallback(input: Request, options?: ParseCallbackOptions): Promise<Callback>;
export function parseCallback(input: CallbackInput, options?: ParseCallbackOptions): Callback;
export function parseCallback(
  input: CallbackInput | Request,
  options: ParseCallbackOptions = {},
): Callback | Promise<Callback> {
  if (typeof Request !== "undefined" && input instanceof Request) return parseRequest(input, options);
  const charset = options.charset ?? DEFAULT_CHARSET;
  return toCallback(readFields(input as CallbackInput, charset), charset);
}

async function parseRequest(request: Request, options: ParseCallbackOptions): Promise<Callback> {
  const charset =
    options.charset ??
    normalizeCharset(/charset=([^;\s]+)/i.exec(request.headers.get("content-type") ?? "")?.[1]) ??
    normalizeCharset(new URL(request.url).searchParams.get("charset")) ??
    DEFAULT_CHARSET;
  const bytes = new Uint8Array(await request.arrayBuffer());
  return toCallback(readFields(bytes, charset), charset);
}

function readFields(input: CallbackInput, charset: Charset): Record<string, string> {
  if (input instanceof URLSearchParams) return Object.fromEntries(input);
  if (input instanceof Uint8Array) {
    const first = input.find((b) => b > 0x20);
    // JSON and XML bodies are text in the charset; a form body is ASCII with percent-encoded charset bytes
    const text = first === 0x7b || first === 0x3c ? decodeText(input, charset) : decodeText(input, "utf-8");
    return readText(text, charset);
  }
  if (typeof input === "string") return readText(input, charset);
  if (typeof input === "object" && input !== null) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined && v !== null) out[k] = String(v);
    return out;
  }
  throw new CallbackError(
    "smsc: a callback must be a string, bytes, URLSearchParams, an object or a Request",
  );
}

function readText(text: string, charset: Charset): Record<string, string> {
  const t = text.trim();
  if (t.startsWith("{")) {
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch {
      throw new CallbackError("smsc: the callback body is not valid JSON");
    }
    if (typeof obj !== "object" || obj === null || Array.isArray(obj))
      throw new CallbackError("smsc: the callback JSON is not an object");
    return readFields(obj as Record<string, unknown>, charset);
  }
  if (t.startsWith("<")) return Object.fromEntries(xmlFields(t.replace(/^<\?xml[^>]*\?>/, "")));
  const out: Record<string, string> = {};
  for (const [k, v] of splitForm(t)) out[percentDecode(k, charset)] = percentDecode(v, charset);
  return out;
}

const int = (v: string | undefined) => (v === undefined || !/^-?\d+$/.test(v.trim()) ? undefined : Number(v));
const dec = (v: string | undefined) =>
  v === undefined || v.trim() === "" || !Number.isFinite(Number(v)) ? undefined : Number(v);

function opt<T>(key: string, v: T | undefined): Record<string, T> {
  return v === undefined ? {} : { [key]: v };
}

function kindOf(raw: Record<string, string>): CallbackKind | undefined {
  if (raw[CALLBACK_KINDS.waitcall.marker] !== undefined) return "waitcall";
  if (raw[CALLBACK_KINDS.incoming.marker] !== undefined) return "incoming";
  if (raw[CALLBACK_KINDS.status.marker] !== undefined) return "status";
  return undefined;
}

function toCallback(raw: Record<string, string>, charset: Charset): Callback {
  const kind = kindOf(raw);
  if (!kind)
    throw new CallbackError("smsc: the body is not an SMSC callback (no status, mes or waitcall field)");
  const algorithm = CALLBACK_HASHES.find((h) => raw[h] !== undefined);
  const base = { raw, charset, ...(algorithm ? { signature: { algorithm, value: raw[algorithm]! } } : {}) };
  const phone = raw.phone ?? "";
  if (kind === "waitcall")
    return { ...base, kind, phone, waitcall: raw.waitcall!, ...opt("ts", int(raw.ts)) };
  if (kind === "incoming")
    return {
      ...base,
      kind,
      phone,
      mes: raw.mes!,
      to: raw.to ?? "",
      ...opt("id", raw.id),
      ...opt("sent", int(raw.sent)),
      ...opt("ts", int(raw.ts)),
    };
  const status = int(raw.status);
  if (status === undefined || raw.id === undefined)
    throw new CallbackError("smsc: a status callback needs a numeric status and an id");
  return {
    ...base,
    kind,
    id: raw.id,
    phone,
    status,
    err: int(raw.err) ?? 0,
    ...opt("type", int(raw.type)),
    ...opt("flag", int(raw.flag)),
    ...opt("ts", int(raw.ts)),
    ...opt("cnt", int(raw.cnt)),
    ...opt("cost", dec(raw.cost)),
    ...opt("sender", raw.sender),
  };
}
