/** User data header information element ids for concatenation (3GPP TS 23.040 §9.2.3.24.1 and .8). */
export const UDH_IE = { CONCAT_8BIT: 0x00, CONCAT_16BIT: 0x08 } as const;

/** Where one part sits in a concatenated message. `wide` marks a 16-bit reference. */
export interface ConcatInfo {
  reference: number;
  total: number;
  seq: number;
  wide: boolean;
}

/** One information element of a user data header. */
export interface UdhElement {
  id: number;
  data: Uint8Array;
}

/** A parsed user data header. */
export interface Udh {
  /** Octets the header takes, UDHL included: the text starts here. */
  length: number;
  elements: UdhElement[];
  /** The concatenation element, when there is one. */
  concat?: ConcatInfo;
}

/**
 * Builds a concatenation user data header, UDHL included: `05 00 03 ref total seq` with an 8-bit reference,
 * `06 08 04 refHi refLo total seq` with a 16-bit one.
 * @throws RangeError when a value does not fit its field or seq is not within 1..total.
 */
export function concatUdh(info: ConcatInfo): Uint8Array {
  const { reference, total, seq, wide } = info;
  if (!Number.isInteger(reference) || reference < 0 || reference > (wide ? 0xffff : 0xff))
    throw new RangeError(`reference ${reference} does not fit ${wide ? 16 : 8} bits`);
  if (!Number.isInteger(total) || total < 1 || total > 255)
    throw new RangeError(`total ${total} must be 1–255`);
  if (!Number.isInteger(seq) || seq < 1 || seq > total) throw new RangeError(`seq ${seq} must be 1–${total}`);
  return wide
    ? Uint8Array.of(6, UDH_IE.CONCAT_16BIT, 4, reference >> 8, reference & 0xff, total, seq)
    : Uint8Array.of(5, UDH_IE.CONCAT_8BIT, 3, reference, total, seq);
}

/**
 * Parses the user data header at the start of a short_message (esm_class UDHI set).
 * @throws RangeError when the header or one of its elements runs past the data.
 */
export function parseUdh(bytes: Uint8Array): Udh {
  if (bytes.length === 0) throw new RangeError("empty user data has no header");
  const udhl = bytes[0] as number;
  const length = udhl + 1;
  if (length > bytes.length) throw new RangeError(`UDHL ${udhl} runs past ${bytes.length} octets`);
  const elements: UdhElement[] = [];
  let concat: ConcatInfo | undefined;
  for (let i = 1; i < length; ) {
    const id = bytes[i] as number;
    const len = bytes[i + 1];
    if (len === undefined || i + 2 + len > length)
      throw new RangeError(`UDH element 0x${id.toString(16)} runs past the header`);
    const data = bytes.slice(i + 2, i + 2 + len);
    elements.push({ id, data });
    if (id === UDH_IE.CONCAT_8BIT && len === 3)
      concat = {
        reference: data[0] as number,
        total: data[1] as number,
        seq: data[2] as number,
        wide: false,
      };
    else if (id === UDH_IE.CONCAT_16BIT && len === 4)
      concat = {
        reference: ((data[0] as number) << 8) | (data[1] as number),
        total: data[2] as number,
        seq: data[3] as number,
        wide: true,
      };
    i += 2 + len;
  }
  return concat ? { length, elements, concat } : { length, elements };
}
