import { createHash } from "node:crypto";

/** Lower-case hex MD5 of a text's UTF-8 bytes: the form of `psw` the service accepts besides the password. */
export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/**
 * A short collision-resistant digest of a text, or of texts one after another (SHA-1, base64), for keys that stand
 * in for long values.
 */
export function digest(text: string | readonly string[]): string {
  const hash = createHash("sha1");
  for (const piece of typeof text === "string" ? [text] : text) hash.update(piece, "utf8");
  return hash.digest("base64");
}
