import { PART_LIMITS } from "../text/estimate.js";
import { gsmSeptets } from "../text/gsm-alphabet.js";
import { ESM_CLASS } from "./constants.js";
import {
  type Alphabet,
  chooseAlphabet,
  type DataCodingConvention,
  dataCodingFor,
  encodeMessageText,
} from "./data-coding.js";
import type { Pdu, Tlvs } from "./pdu.js";
import { type ConcatInfo, concatUdh, parseUdh } from "./udh.js";

/**
 * How a long text travels: UDH with an 8-bit or 16-bit reference in each short_message, sar_* TLVs on each
 * part, or the whole text in one message_payload TLV.
 */
export type ConcatMode = "udh8" | "udh16" | "sar" | "payload";

/** Options of splitMessage(). */
export interface SplitOptions {
  /** @default chooseAlphabet(text): GSM-7 when possible, else UCS-2 */
  alphabet?: Alphabet;
  /** @default "udh8" */
  concat?: ConcatMode;
  /** The concatenation reference shared by the parts (8 or 16 bits wide). @default 0 */
  reference?: number;
  /** @default "smsc" */
  convention?: DataCodingConvention;
}

/** The submit_sm fields of one part. */
export interface SmSegment {
  short_message: Uint8Array;
  esm_class: number;
  data_coding: number;
  tlvs: Tlvs;
  /** The text this part carries. */
  text: string;
}

/**
 * Units per part of each alphabet: septets, UTF-16 code units, octets. `multi` is what an 8-bit reference UDH
 * leaves (estimate()'s PART_LIMITS); a 16-bit reference takes one more octet. SAR parts get the 8-bit figure,
 * as the service adds that header on the air.
 */
function partLimits(alphabet: Alphabet, mode: ConcatMode): { single: number; multi: number } {
  const base =
    alphabet === "gsm7" ? PART_LIMITS.gsm7 : alphabet === "ucs2" ? PART_LIMITS.ucs2 : PART_LIMITS.binary;
  // The 16-bit reference element is one octet longer: one septet, UCS-2 unit or octet less per part.
  return mode === "udh16" ? { single: base.single, multi: base.multi - 1 } : base;
}

/**
 * Splits a text into submit_sm parts. A text that fits one SMS is one part without header. Parts never split
 * a GSM-7 escape pair or a UTF-16 surrogate pair. `payload` always yields one part with an empty short_message.
 * @throws RangeError when the alphabet cannot carry the text, or a text needs more than 255 parts.
 */
export function splitMessage(text: string, options: SplitOptions = {}): SmSegment[] {
  const alphabet = options.alphabet ?? chooseAlphabet(text);
  const mode = options.concat ?? "udh8";
  const data_coding = dataCodingFor(alphabet, options.convention);
  if (mode === "payload")
    return [
      {
        short_message: new Uint8Array(0),
        esm_class: 0,
        data_coding,
        tlvs: { message_payload: encodeMessageText(text, alphabet) },
        text,
      },
    ];
  const width = widthOf(alphabet);
  const { single, multi } = partLimits(alphabet, mode);
  const texts = unitsIn(text, width) <= single ? [text] : cutParts(text, multi, width);
  if (texts.length > 255) throw new RangeError(`text needs ${texts.length} parts, at most 255 fit`);
  if (texts.length === 1)
    return [{ short_message: encodeMessageText(text, alphabet), esm_class: 0, data_coding, tlvs: {}, text }];
  const reference = options.reference ?? 0;
  return texts.map((part, i) => {
    const body = encodeMessageText(part, alphabet);
    const seq = i + 1;
    if (mode === "sar")
      return {
        short_message: body,
        esm_class: 0,
        data_coding,
        tlvs: {
          sar_msg_ref_num: reference & 0xffff,
          sar_total_segments: texts.length,
          sar_segment_seqnum: seq,
        },
        text: part,
      };
    const udh = concatUdh({ reference, total: texts.length, seq, wide: mode === "udh16" });
    const short_message = new Uint8Array(udh.length + body.length);
    short_message.set(udh);
    short_message.set(body, udh.length);
    return { short_message, esm_class: ESM_CLASS.UDHI, data_coding, tlvs: {}, text: part };
  });
}

type Width = (text: string, i: number) => number;

function widthOf(alphabet: Alphabet): Width {
  if (alphabet === "gsm7") return (t, i) => gsmSeptets(t[i] as string) || 1;
  if (alphabet === "ucs2")
    return (t, i) => {
      const c = t.charCodeAt(i);
      return c >= 0xd800 && c <= 0xdbff && i + 1 < t.length ? -2 : 1;
    };
  return () => 1;
}

function unitsIn(text: string, width: Width): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const w = width(text, i);
    n += Math.abs(w);
    if (w < 0) i++;
  }
  return n;
}

// A negative width is a surrogate pair: two code units that must stay together.
function cutParts(text: string, limit: number, width: Width): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let used = 0;
    let i = start;
    while (i < text.length) {
      const w = width(text, i);
      if (used + Math.abs(w) > limit) break;
      used += Math.abs(w);
      i += w < 0 ? 2 : 1;
    }
    parts.push(text.slice(start, i));
    start = i;
  }
  return parts;
}

/** The user data of a submit_sm or deliver_sm: text octets with any header removed, and where the part belongs. */
export interface UserData {
  /** The message octets: message_payload when present, else short_message minus its UDH. */
  body: Uint8Array;
  /** From the UDH or the sar_* TLVs; absent for a message in one piece. */
  concat?: ConcatInfo;
}

/**
 * Extracts the user data of a submit_sm/deliver_sm: message_payload wins over short_message (§5.3.2.32), a UDH
 * is cut off when esm_class has UDHI, and concatenation comes from the UDH or from sar_* TLVs.
 * @throws RangeError on a malformed UDH.
 */
export function userData(pdu: Pdu<"submit_sm" | "deliver_sm">): UserData {
  const raw = pdu.tlvs.message_payload ?? pdu.short_message;
  let body = raw;
  let concat: ConcatInfo | undefined;
  if (pdu.esm_class & ESM_CLASS.UDHI) {
    const udh = parseUdh(raw);
    body = raw.subarray(udh.length);
    concat = udh.concat;
  }
  const { sar_msg_ref_num, sar_total_segments, sar_segment_seqnum } = pdu.tlvs;
  if (
    !concat &&
    sar_msg_ref_num !== undefined &&
    sar_total_segments !== undefined &&
    sar_segment_seqnum !== undefined
  )
    concat = { reference: sar_msg_ref_num, total: sar_total_segments, seq: sar_segment_seqnum, wide: true };
  if (concat && (concat.total < 1 || concat.seq < 1 || concat.seq > concat.total))
    throw new RangeError(`part ${concat.seq} of ${concat.total} is out of range`);
  return concat && concat.total > 1 ? { body, concat } : { body };
}

/** One part waiting in a ConcatAssembler. */
interface Pending<T> {
  parts: (T | undefined)[];
  received: number;
  firstSeen: number;
}

/**
 * Collects the parts of concatenated messages until each is whole. Keyed by the caller's key (source,
 * destination) plus reference, total and width, so parts of different messages never mix. Pure: the caller
 * passes the time, and calls expire() to drop messages whose parts stopped coming.
 */
export class ConcatAssembler<T> {
  private pending = new Map<string, Pending<T>>();

  /**
   * Adds a part. Returns every part in order once the last arrives, else undefined. A repeated part replaces
   * the earlier copy.
   */
  add(key: string, info: ConcatInfo, part: T, now: number): T[] | undefined {
    const id = `${key}\u0000${info.wide ? "w" : "n"}${info.reference}/${info.total}`;
    let p = this.pending.get(id);
    if (!p) {
      p = { parts: new Array(info.total).fill(undefined), received: 0, firstSeen: now };
      this.pending.set(id, p);
    }
    if (p.parts[info.seq - 1] === undefined) p.received++;
    p.parts[info.seq - 1] = part;
    if (p.received < info.total) return undefined;
    this.pending.delete(id);
    return p.parts as T[];
  }

  /** Drops and returns the parts of messages first seen before `olderThan`. */
  expire(olderThan: number): T[][] {
    const dropped: T[][] = [];
    for (const [id, p] of this.pending)
      if (p.firstSeen < olderThan) {
        this.pending.delete(id);
        dropped.push(p.parts.filter((x): x is T => x !== undefined));
      }
    return dropped;
  }

  /** Messages still waiting for parts. */
  get size(): number {
    return this.pending.size;
  }
}
