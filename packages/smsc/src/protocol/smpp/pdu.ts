import {
  COMMAND_IDS,
  type CommandName,
  RESPONSE_BIT,
  SMPP_STATUS,
  TLV_TAGS,
  type TlvName,
} from "./constants.js";
import { type FieldSpec, PDU_FIELDS, type PduBody } from "./pdu-fields.js";

/** Octets of the PDU header: command_length, command_id, command_status, sequence_number (§3.2). */
export const HEADER_LENGTH = 16;

/** The largest sequence_number; the next one wraps to 1 (§5.1.4: 0x00000001–0x7FFFFFFF). */
export const MAX_SEQUENCE = 0x7fffffff;

/** network_error_code: a network type (NETWORK_TYPES) and that network's error code (§5.3.2.31). */
export interface NetworkErrorCode {
  networkType: number;
  errorCode: number;
}

type TlvValue<T> = T extends "u8" | "u16"
  ? number
  : T extends "cstring"
    ? string
    : T extends "network_error"
      ? NetworkErrorCode
      : Uint8Array;

/**
 * A PDU's TLVs by name. Tags the table does not know keep their raw value under their hex tag ("0x1403"), so
 * they survive a decode/encode round trip.
 */
export type Tlvs = { -readonly [K in TlvName]?: TlvValue<(typeof TLV_TAGS)[K]["type"]> } & {
  [tag: `0x${string}`]: Uint8Array | undefined;
};

/** A decoded PDU: header fields, the mandatory body fields (SMPP field names) and the TLVs. */
export type Pdu<C extends CommandName = CommandName> = C extends CommandName
  ? {
      command: C;
      command_id: number;
      command_status: number;
      sequence_number: number;
      tlvs: Tlvs;
    } & PduBody<C>
  : never;

/** What encodePdu() takes: body fields default to "" / 0 / no bytes, command_status to 0, tlvs to none. */
export type PduInput<C extends CommandName = CommandName> = C extends CommandName
  ? { command: C; sequence_number: number; command_status?: number; tlvs?: Tlvs } & Partial<PduBody<C>>
  : never;

/**
 * A PDU that cannot be read. `status` is the command_status to answer it with; `sequence` the offending PDU's
 * sequence_number when it could be read (else 0), and `commandId` its command_id.
 */
export class SmppDecodeError extends Error {
  override name = "SmppDecodeError";
  constructor(
    message: string,
    readonly status: number,
    readonly commandId: number,
    readonly sequence: number,
  ) {
    super(message);
  }
}

const commandById = new Map<number, CommandName>(
  Object.entries(COMMAND_IDS).map(([k, v]) => [v, k as CommandName]),
);
const tlvByTag = new Map<number, TlvName>(Object.entries(TLV_TAGS).map(([k, v]) => [v.tag, k as TlvName]));

/** The PDU name of a command_id, or undefined for ids this codec does not speak. */
export function commandName(id: number): CommandName | undefined {
  return commandById.get(id >>> 0);
}

/** Whether a command_id is a response (bit 31 set). */
export function isResponseId(id: number): boolean {
  return (id & RESPONSE_BIT) !== 0;
}

/** The `_resp` name of a request ("submit_sm" → "submit_sm_resp"). */
export function responseName<C extends CommandName>(command: C): `${C}_resp` & CommandName {
  return `${command}_resp` as `${C}_resp` & CommandName;
}

/**
 * Encodes a PDU. A response with a non-zero command_status is written header only, as §4 requires for
 * submit_sm_resp and bind_resp ("the body is not returned if command_status is non-zero").
 * @throws RangeError on a C-string longer than its field allows, a non-Latin-1 character in a C-string, a
 * short_message over 254 octets, or an integer field out of range.
 */
export function encodePdu(input: PduInput): Uint8Array {
  const id = COMMAND_IDS[input.command];
  const status = input.command_status ?? 0;
  const w = new Writer();
  w.u32(0);
  w.u32(id);
  w.u32(status);
  w.u32(input.sequence_number);
  if (!(isResponseId(id) && status !== 0)) {
    const values = input as unknown as Record<string, unknown>;
    for (const f of PDU_FIELDS[input.command] as ReadonlyArray<FieldSpec>) writeField(w, f, values[f.name]);
    if (input.tlvs) writeTlvs(w, input.tlvs);
  }
  const out = w.bytes();
  new DataView(out.buffer, out.byteOffset).setUint32(0, out.length);
  return out;
}

/**
 * Decodes one whole PDU (a frame from SmppFrameReader). A response with a non-zero status may omit its body;
 * its fields then read as "" and 0.
 * @throws SmppDecodeError carrying the command_status to answer with: ESME_RINVCMDLEN when the length is wrong,
 * ESME_RINVCMDID for an unknown command, ESME_RINVMSGLEN when sm_length runs past the body, ESME_RINVPARLEN for
 * an over-long or unterminated string or a TLV of the wrong size, ESME_RINVOPTPARSTREAM for a broken TLV stream.
 */
export function decodePdu(frame: Uint8Array): Pdu {
  if (frame.length < HEADER_LENGTH)
    throw new SmppDecodeError("PDU shorter than its header", SMPP_STATUS.ESME_RINVCMDLEN, 0, 0);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const length = view.getUint32(0);
  const id = view.getUint32(4);
  const status = view.getUint32(8);
  const sequence = view.getUint32(12);
  if (length !== frame.length)
    throw new SmppDecodeError(
      `command_length ${length} ≠ ${frame.length}`,
      SMPP_STATUS.ESME_RINVCMDLEN,
      id,
      sequence,
    );
  const command = commandById.get(id);
  if (!command)
    throw new SmppDecodeError(
      `unknown command_id 0x${id.toString(16)}`,
      SMPP_STATUS.ESME_RINVCMDID,
      id,
      sequence,
    );
  const pdu: Record<string, unknown> = {
    command,
    command_id: id,
    command_status: status,
    sequence_number: sequence,
    tlvs: {},
  };
  const r = new Reader(frame, HEADER_LENGTH, id, sequence);
  const bodyOptional = isResponseId(id) && status !== 0;
  for (const f of PDU_FIELDS[command] as ReadonlyArray<FieldSpec>) {
    if (bodyOptional && r.done())
      pdu[f.name] = f.type === "u8" ? 0 : f.type === "sm" ? new Uint8Array(0) : "";
    else pdu[f.name] = readField(r, f);
  }
  pdu.tlvs = readTlvs(r);
  return pdu as Pdu;
}

function writeField(w: Writer, f: FieldSpec, value: unknown): void {
  if (f.type === "u8") w.u8((value as number | undefined) ?? 0, f.name);
  else if (f.type === "c") w.cstring((value as string | undefined) ?? "", f.max as number, f.name);
  else {
    const bytes = (value as Uint8Array | undefined) ?? new Uint8Array(0);
    if (bytes.length > (f.max as number))
      throw new RangeError(`${f.name} is ${bytes.length} octets, at most ${f.max} fit (use message_payload)`);
    w.u8(bytes.length, "sm_length");
    w.raw(bytes);
  }
}

function readField(r: Reader, f: FieldSpec): unknown {
  if (f.type === "u8") return r.u8(f.name);
  if (f.type === "c") return r.cstring(f.max as number, f.name);
  const n = r.u8("sm_length");
  return r.take(n, "short_message", SMPP_STATUS.ESME_RINVMSGLEN);
}

function writeTlvs(w: Writer, tlvs: Tlvs): void {
  for (const [key, value] of Object.entries(tlvs)) {
    if (value === undefined) continue;
    const known = TLV_TAGS[key as TlvName];
    if (!known) {
      if (!/^0x[0-9a-f]{1,4}$/i.test(key)) throw new RangeError(`unknown TLV "${key}"`);
      w.tlv(Number.parseInt(key, 16), value as Uint8Array);
      continue;
    }
    const v = new Writer();
    if (known.type === "u8") v.u8(value as number, key);
    else if (known.type === "u16") v.u16(value as number, key);
    else if (known.type === "cstring") v.cstring(value as string, 0x10000, key);
    else if (known.type === "network_error") {
      const ne = value as NetworkErrorCode;
      v.u8(ne.networkType, key);
      v.u16(ne.errorCode, key);
    } else v.raw(value as Uint8Array);
    w.tlv(known.tag, v.bytes());
  }
}

const FIXED_TLV_SIZE = { u8: 1, u16: 2, network_error: 3 } as const;

function readTlvs(r: Reader): Tlvs {
  const tlvs: Record<string, unknown> = {};
  while (!r.done()) {
    const tag = r.u16("TLV tag", SMPP_STATUS.ESME_RINVOPTPARSTREAM);
    const len = r.u16("TLV length", SMPP_STATUS.ESME_RINVOPTPARSTREAM);
    const value = r.take(len, `TLV 0x${tag.toString(16)}`, SMPP_STATUS.ESME_RINVOPTPARSTREAM);
    const name = tlvByTag.get(tag);
    if (!name) {
      tlvs[`0x${tag.toString(16).padStart(4, "0")}`] = value;
      continue;
    }
    const type = TLV_TAGS[name].type;
    const size = (FIXED_TLV_SIZE as Record<string, number>)[type];
    if (size !== undefined && len !== size)
      r.fail(`TLV ${name} has length ${len}, expected ${size}`, SMPP_STATUS.ESME_RINVPARLEN);
    if (type === "u8") tlvs[name] = value[0];
    else if (type === "u16") tlvs[name] = ((value[0] as number) << 8) | (value[1] as number);
    else if (type === "network_error")
      tlvs[name] = { networkType: value[0], errorCode: ((value[1] as number) << 8) | (value[2] as number) };
    // A C-string TLV is NUL-terminated, but a missing NUL is common enough in the field to read it leniently.
    else if (type === "cstring")
      tlvs[name] = latin1(value[len - 1] === 0 ? value.subarray(0, len - 1) : value);
    else tlvs[name] = value;
  }
  return tlvs as Tlvs;
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Growing big-endian byte writer. */
class Writer {
  private buf = new Uint8Array(256);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  u8(v: number, field: string): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xff)
      throw new RangeError(`${field} must be an integer 0–255, got ${v}`);
    this.room(1);
    this.buf[this.n++] = v;
  }

  u16(v: number, field: string): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff)
      throw new RangeError(`${field} must be an integer 0–65535, got ${v}`);
    this.room(2);
    this.buf[this.n++] = v >>> 8;
    this.buf[this.n++] = v & 0xff;
  }

  u32(v: number): void {
    this.room(4);
    new DataView(this.buf.buffer).setUint32(this.n, v >>> 0);
    this.n += 4;
  }

  cstring(s: string, max: number, field: string): void {
    if (s.length + 1 > max)
      throw new RangeError(`${field} is ${s.length} characters, at most ${max - 1} fit`);
    this.room(s.length + 1);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff || c === 0) throw new RangeError(`${field} has a character outside Latin-1 at ${i}`);
      this.buf[this.n++] = c;
    }
    this.buf[this.n++] = 0;
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
  }

  tlv(tag: number, value: Uint8Array): void {
    if (value.length > 0xffff)
      throw new RangeError(`TLV 0x${tag.toString(16)} is ${value.length} octets, at most 65535 fit`);
    this.u16(tag, "TLV tag");
    this.u16(value.length, "TLV length");
    this.raw(value);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/** Bounds-checked big-endian reader that fails with SmppDecodeError. */
class Reader {
  constructor(
    private readonly b: Uint8Array,
    private i: number,
    private readonly id: number,
    private readonly seq: number,
  ) {}

  done(): boolean {
    return this.i >= this.b.length;
  }

  fail(message: string, status: number): never {
    throw new SmppDecodeError(message, status, this.id, this.seq);
  }

  u8(field: string, status: number = SMPP_STATUS.ESME_RINVCMDLEN): number {
    if (this.i + 1 > this.b.length) this.fail(`PDU ends before ${field}`, status);
    return this.b[this.i++] as number;
  }

  u16(field: string, status: number): number {
    if (this.i + 2 > this.b.length) this.fail(`PDU ends inside ${field}`, status);
    const v = ((this.b[this.i] as number) << 8) | (this.b[this.i + 1] as number);
    this.i += 2;
    return v;
  }

  take(n: number, field: string, status: number): Uint8Array {
    if (this.i + n > this.b.length) this.fail(`${field} runs past the end of the PDU`, status);
    const out = this.b.slice(this.i, this.i + n);
    this.i += n;
    return out;
  }

  cstring(max: number, field: string): string {
    const end = this.b.indexOf(0, this.i);
    if (end < 0) this.fail(`${field} is not NUL-terminated`, SMPP_STATUS.ESME_RINVCMDLEN);
    if (end - this.i + 1 > max)
      this.fail(`${field} is longer than ${max - 1} characters`, SMPP_STATUS.ESME_RINVPARLEN);
    const s = latin1(this.b.subarray(this.i, end));
    this.i = end + 1;
    return s;
  }
}
