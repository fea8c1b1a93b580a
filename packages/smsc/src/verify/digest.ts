import { constantTimeEqual } from "../client/callbacks/sign-callback.js";

/** Computes the hex HMAC-SHA-256 of a code bound to its id. */
export type Digester = (id: string, code: string) => Promise<string>;

/** Shortest secret accepted, in bytes (HMAC-SHA-256 keys shorter than this are guessable offline). */
export const MIN_SECRET_BYTES = 16;

/**
 * An HMAC-SHA-256 digester (Web Crypto: Node 20, Bun, Deno, Workers, browsers). The key is imported once, as
 * non-extractable. The message is `id + ":" + code`, so a code only ever matches the record it was issued for.
 */
export function createDigester(secret: Uint8Array, subtle: SubtleCrypto): Digester {
  let key: Promise<CryptoKey> | undefined;
  const utf8 = new TextEncoder();
  return async (id, code) => {
    key ??= subtle.importKey("raw", new Uint8Array(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    const mac = new Uint8Array(await subtle.sign("HMAC", await key, utf8.encode(`${id}:${code}`)));
    let hex = "";
    for (const b of mac) hex += b.toString(16).padStart(2, "0");
    return hex;
  };
}

/** Compares two digests in time that depends only on their length, never on where they differ. */
export function digestsEqual(a: string, b: string): boolean {
  return constantTimeEqual(a, b);
}
