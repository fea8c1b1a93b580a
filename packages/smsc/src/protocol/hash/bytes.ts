/** Bytes of a string as UTF-8, or the bytes themselves. */
export function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === "string" ? new TextEncoder().encode(input) : input;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/**
 * The Merkle–Damgård padding MD5 and SHA-1 share: the message, a 0x80 byte, zeros up to 56 mod 64, then the
 * message length in bits as 64 bits — little-endian for MD5 (RFC 1321 §3.2), big-endian for SHA-1 (FIPS 180-4 §5.1).
 */
export function padBlocks(input: string | Uint8Array, littleEndianLength: boolean): Uint8Array {
  const msg = toBytes(input);
  const bitLen = msg.length * 8;
  const padded = new Uint8Array((((msg.length + 8) >>> 6) + 1) * 64);
  padded.set(msg);
  padded[msg.length] = 0x80;
  const view = new DataView(padded.buffer);
  const [low, high] = [bitLen >>> 0, Math.floor(bitLen / 2 ** 32)];
  if (littleEndianLength) {
    view.setUint32(padded.length - 8, low, true);
    view.setUint32(padded.length - 4, high, true);
  } else {
    view.setUint32(padded.length - 8, high);
    view.setUint32(padded.length - 4, low);
  }
  return padded;
}
