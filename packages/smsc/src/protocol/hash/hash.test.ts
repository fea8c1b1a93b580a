import { createHash, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, md5Hex, sha1Hex } from "./index.js";

describe("md5 (RFC 1321 A.5 test suite)", () => {
  it.each([
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a", "0cc175b9c0f1b6a831c399e269772661"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"],
    [
      "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
      "57edf4a22be3c955ac49da2e2107b67a",
    ],
  ])("md5(%j)", (input, hex) => {
    expect(md5Hex(input)).toBe(hex);
  });
});

describe("sha1 (FIPS 180 examples)", () => {
  it.each([
    ["abc", "a9993e364706816aba3e25717850c26c9cd0d89d"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"],
    ["", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
  ])("sha1(%j)", (input, hex) => {
    expect(sha1Hex(input)).toBe(hex);
  });

  it("sha1 of a million 'a' (FIPS 180 long message)", () => {
    expect(sha1Hex("a".repeat(1_000_000))).toBe("34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  });
});

describe("crc32 (IEEE)", () => {
  it.each([
    ["", 0],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("crc32(%j)", (input, value) => {
    expect(crc32(input)).toBe(value);
  });
});

/** The CRC-32 zlib writes into a gzip trailer (RFC 1952: CRC32 then ISIZE, little-endian). */
function gzipCrc32(bytes: Uint8Array): number {
  const gz = gzipSync(bytes);
  return gz.readUInt32LE(gz.length - 8);
}

describe("agrees with node:crypto and zlib on random inputs", () => {
  it("for 300 random byte strings of lengths 0–300 and their UTF-8 text forms", () => {
    for (let n = 0; n < 300; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(md5Hex(bytes)).toBe(createHash("md5").update(bytes).digest("hex"));
      expect(sha1Hex(bytes)).toBe(createHash("sha1").update(bytes).digest("hex"));
      expect(crc32(bytes)).toBe(gzipCrc32(bytes));
      const text = `${n}:Привет:${Buffer.from(bytes).toString("base64")}`;
      expect(md5Hex(text)).toBe(createHash("md5").update(text, "utf8").digest("hex"));
      expect(sha1Hex(text)).toBe(createHash("sha1").update(text, "utf8").digest("hex"));
    }
  });
});
