import {
  type ConcatInfo,
  decodeMessageText,
  describeDataCoding,
  ESM_CLASS,
  type HlrFields,
  isHlrReceipt,
  type NetworkErrorCode,
  type Pdu,
  parseHlrReceipt,
  parseReceipt,
  type StatusCode,
  statusFromMessageState,
  statusFromStat,
  type Tlvs,
  userData,
} from "../protocol/index.js";

/** A delivery receipt (deliver_sm with esm_class "SMSC delivery receipt"), parsed. */
export interface SmppReceipt {
  /** The message id: receipted_message_id, else the text's `id:`; the id submit() returned. */
  id: string;
  /** The `stat:` word: DELIVRD, UNDELIV, EXPIRED, REJECTD… */
  stat: string;
  /** The service status code (spec §4.2) the receipt stands for: 1 delivered, 20 undeliverable… */
  status?: StatusCode;
  /** message_state TLV (1–8), when sent. */
  messageState?: number;
  /** The `err:` delivery error code (spec §4.3). */
  err: number;
  /** Parts submitted and delivered (`sub:`, `dlvrd:`). */
  sub: number;
  dlvrd: number;
  submitDate?: Date;
  doneDate?: Date;
  /** The `text:` field: the first 20 characters of the message. */
  text: string;
  /** The recipient of the original message (the receipt's source_addr). */
  phone: string;
  /** The original sender (the receipt's destination_addr). */
  sender: string;
  /** The service's vendor TLVs: cost 0x2000, flags 0x2001 (bits 0–3 message type), parts 0x2002. */
  cost?: number;
  flags?: number;
  parts?: number;
  networkError?: NetworkErrorCode;
  /** The HLR record, for a receipt of `__HLR__`. */
  hlr?: HlrFields;
  /** The whole receipt text as sent. */
  raw: string;
  tlvs: Tlvs;
}

/** A mobile-originated message (deliver_sm that is not a receipt). */
export interface SmppMessage {
  from: string;
  to: string;
  text: string;
  dataCoding: number;
  esmClass: number;
  /** How many parts the message came in; SmppClient joins them before emitting it. @default 1 */
  parts?: number;
  /** Where this part belongs, on a single part read by toMessage(). */
  concat?: ConcatInfo;
  tlvs: Tlvs;
}

/** Whether a deliver_sm is a delivery receipt (esm_class message type 0x04). */
export function isReceipt(pdu: Pdu<"deliver_sm">): boolean {
  return (pdu.esm_class & ESM_CLASS.TYPE_MASK) === ESM_CLASS.TYPE_DELIVERY_RECEIPT;
}

/** The text of a deliver_sm, by its data_coding, without any UDH. */
function textOf(pdu: Pdu<"deliver_sm">): { text: string; concat?: ConcatInfo } {
  const ud = userData(pdu);
  const { alphabet } = describeDataCoding(pdu.data_coding);
  return { text: decodeMessageText(ud.body, alphabet), ...(ud.concat ? { concat: ud.concat } : {}) };
}

/** Reads a receipt deliver_sm: the Appendix B text (or the HLR record) and the TLVs. */
export function toReceipt(pdu: Pdu<"deliver_sm">): SmppReceipt {
  const { text: raw } = textOf(pdu);
  const t = pdu.tlvs;
  const hlr = isHlrReceipt(raw) ? parseHlrReceipt(raw) : undefined;
  const parsed = hlr ? undefined : parseReceipt(raw);
  const stat = hlr?.stat ?? parsed?.stat ?? "";
  const status =
    statusFromStat(stat) ??
    (t.message_state !== undefined ? statusFromMessageState(t.message_state) : undefined);
  const r: SmppReceipt = {
    id: t.receipted_message_id ?? hlr?.id ?? parsed?.id ?? "",
    stat,
    err: hlr?.err ?? parsed?.err ?? t.network_error_code?.errorCode ?? 0,
    sub: parsed?.sub ?? 0,
    dlvrd: parsed?.dlvrd ?? 0,
    text: parsed?.text ?? "",
    phone: pdu.source_addr,
    sender: pdu.destination_addr,
    raw,
    tlvs: t,
  };
  if (status !== undefined) r.status = status;
  if (t.message_state !== undefined) r.messageState = t.message_state;
  if (parsed?.submitDate !== undefined) r.submitDate = new Date(parsed.submitDate * 1000);
  if (parsed?.doneDate !== undefined) r.doneDate = new Date(parsed.doneDate * 1000);
  if (t.smsc_cost !== undefined && t.smsc_cost !== "") r.cost = Number(t.smsc_cost);
  if (t.smsc_flags !== undefined) r.flags = t.smsc_flags;
  if (t.smsc_parts !== undefined) r.parts = t.smsc_parts;
  if (t.network_error_code) r.networkError = t.network_error_code;
  if (hlr) {
    const { id: _id, stat: _stat, err: _err, ...fields } = hlr;
    r.hlr = fields;
  }
  return r;
}

/** Reads a mobile-originated deliver_sm. */
export function toMessage(pdu: Pdu<"deliver_sm">): SmppMessage {
  const { text, concat } = textOf(pdu);
  return {
    from: pdu.source_addr,
    to: pdu.destination_addr,
    text,
    dataCoding: pdu.data_coding,
    esmClass: pdu.esm_class,
    ...(concat ? { concat } : {}),
    tlvs: pdu.tlvs,
  };
}
