import { formatWireDate, type StatusRecord, statusName, toMessageId } from "smsc/protocol";
import { hlrFields, mccmnc, phoneInfo } from "./phone-info.js";
import type { Message, MessageState } from "./types.js";

/**
 * A message's state as the status.php record of `all=0`: status, its time and err, the id and, as the service does
 * in multi replies (spec §4.4 [OBS]), the number as the request gave it. HLR requests add their HLR fields.
 */
export function stateRecord(m: MessageState, askedPhone?: string): StatusRecord {
  const last = Math.floor(m.statusAt / 1000);
  return {
    status: m.status,
    lastDate: formatWireDate(last),
    lastTimestamp: last,
    err: m.err,
    flag: 0,
    id: m.id,
    phone: askedPhone ?? m.phone,
    ...(m.format === "hlr" ? { hlr: hlrFields(m.phone) } : {}),
  };
}

/**
 * A stored message as a status.php record with every field of `all=1` and `all=2` filled; the protocol codec
 * picks the ones the request's `all` and format show (the phone is the stored number).
 */
export function statusRecord(m: Message): StatusRecord {
  const sent = Math.floor(m.sendAt / 1000);
  const info = phoneInfo(m.phone);
  return {
    ...stateRecord(m, m.phone),
    sendDate: formatWireDate(sent),
    sendTimestamp: sent,
    cost: m.cost,
    senderId: m.sender,
    statusName: statusName(m.status),
    message: m.text,
    comment: m.comment,
    type: m.type,
    smsCnt: m.parts,
    country: info.country,
    operator: info.operator,
    region: info.region,
    mccmnc: mccmnc(m.phone),
  };
}

/** The record of a message that was not found: status -3 (spec §4.1, §4.2). */
export function notFoundRecord(id: string, phone: string | undefined): StatusRecord {
  return { status: -3, lastDate: "", lastTimestamp: 0, err: 0, id: toMessageId(id), phone: phone ?? "" };
}
