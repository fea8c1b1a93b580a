import { SMPP_STATUS } from "./constants.js";
import { HEADER_LENGTH, SmppDecodeError } from "./pdu.js";

/**
 * The default largest PDU accepted: a 64 KB message_payload (the SMPP 3.4 GSM/UMTS implementation guide's limit)
 * plus room for the header and the mandatory fields.
 */
export const DEFAULT_MAX_PDU_LENGTH = 70_000;

/**
 * Cuts a byte stream into whole PDUs: feed it chunks as they arrive (split or merged anyhow) and it returns
 * every PDU completed so far, each a copy the caller owns.
 * @example
 * const reader = new SmppFrameReader();
 * socket.on("data", (chunk) => { for (const frame of reader.push(chunk)) handle(decodePdu(frame)); });
 */
export class SmppFrameReader {
  private buf: Uint8Array = new Uint8Array(0);
  private failed = false;

  /** @param maxLength largest command_length accepted. @default DEFAULT_MAX_PDU_LENGTH */
  constructor(readonly maxLength = DEFAULT_MAX_PDU_LENGTH) {}

  /**
   * Appends a chunk and returns the PDUs it completes.
   * @throws SmppDecodeError (status ESME_RINVCMDLEN, the sequence_number when the header was whole) when a
   * command_length is below 16 or above maxLength. The stream cannot be resynchronised after that: the reader
   * refuses further input and the session should answer generic_nack and close.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw new SmppDecodeError("stream already failed", SMPP_STATUS.ESME_RINVCMDLEN, 0, 0);
    this.buf = this.buf.length === 0 ? chunk : concat(this.buf, chunk);
    const frames: Uint8Array[] = [];
    let at = 0;
    while (this.buf.length - at >= 4) {
      const view = new DataView(this.buf.buffer, this.buf.byteOffset + at);
      const length = view.getUint32(0);
      if (length < HEADER_LENGTH || length > this.maxLength) {
        this.failed = true;
        const whole = this.buf.length - at >= HEADER_LENGTH;
        throw new SmppDecodeError(
          `command_length ${length} is outside ${HEADER_LENGTH}–${this.maxLength}`,
          SMPP_STATUS.ESME_RINVCMDLEN,
          whole ? view.getUint32(4) : 0,
          whole ? view.getUint32(12) : 0,
        );
      }
      if (this.buf.length - at < length) break;
      frames.push(this.buf.slice(at, at + length));
      at += length;
    }
    this.buf = at === this.buf.length ? new Uint8Array(0) : this.buf.slice(at);
    return frames;
  }

  /** Octets held back waiting for the rest of a PDU. */
  get pending(): number {
    return this.buf.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
