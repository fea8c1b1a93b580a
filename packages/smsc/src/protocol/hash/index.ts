/**
 * Zero-dependency MD5, SHA-1 and CRC-32 for callback signatures (spec §6.14): synchronous, pure, and the same in
 * browsers, workers and Node (WebCrypto has no MD5 and is asynchronous).
 * @module
 */
export { toHex } from "./bytes.js";
export { crc32 } from "./crc32.js";
export { md5, md5Hex } from "./md5.js";
export { sha1, sha1Hex } from "./sha1.js";
