import { createHash } from "node:crypto";

/** Lower-case hex MD5 of a text's UTF-8 bytes: the form of `psw` the service accepts besides the password. */
export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** A short collision-resistant digest of a text (SHA-1, base64), for keys that stand in for long values. */
export function digest(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("base64");
}
