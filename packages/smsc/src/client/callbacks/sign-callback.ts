import { type Charset, crc32, encodeText, md5Hex, sha1Hex } from "../../protocol/index.js";
import { CALLBACK_KINDS, type CallbackHash, type CallbackKind } from "./callback-fields.js";

/**
 * The signature of a callback: `<algorithm>("<f1>:<f2>:<f3>:<secret>")` over the kind's signed fields (status:
 * id, phone, status; incoming: phone, mes, to; spec §6.14). The string is hashed as bytes of the callback's
 * charset, so a handler that hashes the raw received values gets the same result [INF]. CRC-32 is written as an
 * unsigned decimal number, as PHP's `crc32()` prints it [INF]; MD5 and SHA-1 as lower-case hex.
 */
export function signCallback(
  kind: CallbackKind,
  fields: Readonly<Record<string, string | number | undefined>>,
  algorithm: CallbackHash,
  secret: string,
  charset: Charset = "utf-8",
): string {
  const text = [...CALLBACK_KINDS[kind].signed.map((f) => String(fields[f] ?? "")), secret].join(":");
  const bytes = encodeText(text, charset);
  if (algorithm === "md5") return md5Hex(bytes);
  if (algorithm === "sha1") return sha1Hex(bytes);
  return String(crc32(bytes));
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
