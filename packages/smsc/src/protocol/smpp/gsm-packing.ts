/** The septet 3GPP TS 23.038 §6.1.2.3.1 pads with when seven spare bits would otherwise read as "@". */
const CR = 0x0d;

/**
 * Packs GSM-7 septets (one per byte, as encodeGsm7 gives them) eight into seven octets, least significant bit
 * first (3GPP TS 23.038 §6.1.2.1.1). `fillBits` zero bits come first, to align the text after a user data
 * header on a septet boundary (see udhFillBits). When seven bits would be left over, they are a CR, so the
 * receiver cannot read them as "@"; a text whose own last CR ends on an octet boundary gets a second CR (both
 * as §6.1.2.3.1 says).
 * @throws RangeError on a value above 0x7F.
 */
export function packGsm7(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  let list = Array.from(septets);
  const bitsOf = (n: number) => fillBits + n * 7;
  if (bitsOf(list.length) % 8 === 1) list = [...list, CR];
  else if (list.length > 0 && list[list.length - 1] === CR && bitsOf(list.length) % 8 === 0)
    list = [...list, CR];
  const out = new Uint8Array(Math.ceil(bitsOf(list.length) / 8));
  let bit = fillBits;
  for (const [i, s] of list.entries()) {
    if (!Number.isInteger(s) || s < 0 || s > 0x7f) throw new RangeError(`value ${s} at ${i} is not a septet`);
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte] = (out[byte] as number) | ((s << shift) & 0xff);
    if (shift > 1) out[byte + 1] = s >> (8 - shift);
    bit += 7;
  }
  return out;
}

/**
 * Unpacks GSM-7 septets from octets (the reverse of packGsm7), skipping `fillBits` leading bits. Without
 * `count`, every whole septet is read, and a CR that only filled seven spare bits at the end is dropped.
 */
export function unpackGsm7(bytes: ArrayLike<number>, fillBits = 0, count?: number): Uint8Array {
  const bits = bytes.length * 8 - fillBits;
  let n = count ?? Math.floor(bits / 7);
  if (n * 7 > bits) throw new RangeError(`${bytes.length} octets hold fewer than ${n} septets`);
  const out = new Uint8Array(n);
  let bit = fillBits;
  for (let i = 0; i < n; i++) {
    const byte = bit >> 3;
    const shift = bit & 7;
    let v = (bytes[byte] as number) >> shift;
    if (shift > 1) v |= (bytes[byte + 1] as number) << (8 - shift);
    out[i] = v & 0x7f;
    bit += 7;
  }
  // Seven spare bits at the end were filled with a CR by the sender (§6.1.2.3.1): not part of the text.
  if (count === undefined && n > 0 && fillBits + n * 7 === bytes.length * 8 && out[n - 1] === CR) n--;
  return out.subarray(0, n);
}

/** Fill bits after a user data header of `udhOctets` octets (UDHL included), so the text starts on a septet. */
export function udhFillBits(udhOctets: number): number {
  return (7 - ((udhOctets * 8) % 7)) % 7;
}
