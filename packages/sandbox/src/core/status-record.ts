import { formatWireDate, type StatusRecord, statusName, toMessageId } from "smsc/protocol";
import { hlrFields, mccmnc, phoneInfo } from "./phone-info.js";
import type { Message } from "./types.js";

/**
 * A stored message as a status.php record with every field filled; the protocol codec picks the ones the
 * request's `all` and format show. With all=0 `phone` echoes the number as the request gave it, as the service
 * does in multi replies (spec §4.4 [OBS]); with all≥1 it is the stored number.
 */
export function statusRecord(m: Message, all: 0 | 1 | 2, askedPhone?: string): StatusRecord {
  const last = Math.floor(m.statusAt / 1000);
  const sent = Math.floor(m.sendAt / 1000);
  const info = phoneInfo(m.phone);
  return {
    status: m.status,
    lastDate: formatWireDate(last),
    lastTimestamp: last,
    err: m.err,
    flag: 0,
    id: m.id,
    phone: all === 0 && askedPhone !== undefined ? askedPhone : m.phone,
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
    ...(m.format === "hlr" ? { hlr: hlrFields(m.phone) } : {}),
  };
}

/** The record of a message that was not found: status -3 (spec §4.1, §4.2). */
export function notFoundRecord(id: string, phone: string | undefined): StatusRecord {
  return { status: -3, lastDate: "", lastTimestamp: 0, err: 0, id: toMessageId(id), phone: phone ?? "" };
}
