import * as crypto from "node:crypto";

const { createHash } = crypto;

/** Node's one-shot hash (20.12 and later): a digest without a Hash object. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "base64") => string }).hash;

/** Lower-case hex MD5 of a text's UTF-8 bytes: the form of `psw` the service accepts besides the password. */
export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/**
 * A short collision-resistant digest of a text, or of texts one after another (SHA-1, base64), for keys that stand
 * in for long values.
 */
export function digest(text: string | readonly string[]): string {
  // a send's identity is hashed on every send; below a few kilobytes one joined string is the cheaper way
  if (oneShot && totalLength(text) < 4096)
    return oneShot("sha1", typeof text === "string" ? text : text.join(""), "base64");
  const hash = createHash("sha1");
  for (const piece of typeof text === "string" ? [text] : text) hash.update(piece, "utf8");
  return hash.digest("base64");
}

function totalLength(text: string | readonly string[]): number {
  if (typeof text === "string") return text.length;
  let n = 0;
  for (const piece of text) n += piece.length;
  return n;
}
