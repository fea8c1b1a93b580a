import { toBytes } from "./bytes.js";

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (IEEE 802.3, the zlib / PHP `crc32()` one) of a UTF-8 string or bytes, as an unsigned integer. */
export function crc32(input: string | Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (const b of toBytes(input)) c = t[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
