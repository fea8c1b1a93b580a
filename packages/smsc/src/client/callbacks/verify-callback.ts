import { CALLBACK_HASHES } from "./callback-fields.js";
import { constantTimeEqual, signCallback } from "./sign-callback.js";
import type { Callback } from "./types.js";

/**
 * Whether a callback's signature matches the secret: recomputes its `md5`, `sha1` or `crc32` field (the one it
 * carries) from the signed fields (spec §6.14) and compares in constant time. A callback without a signature
 * field is not verified (false).
 * @param secret the value of `md5=`/`sha1=`/`crc32=` in the handler URL set in the account
 */
export function verifyCallback(callback: Callback, secret: string): boolean {
  const algorithm = CALLBACK_HASHES.find((h) => callback.raw[h] !== undefined);
  if (!algorithm) return false;
  const expected = signCallback(callback.kind, callback.raw, algorithm, secret, callback.charset);
  return constantTimeEqual(expected, callback.raw[algorithm]!.trim().toLowerCase());
}
