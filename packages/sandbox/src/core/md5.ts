import { createHash } from "node:crypto";

/** Lower-case hex MD5 of a text's UTF-8 bytes: the form of `psw` the service accepts besides the password. */
export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}
