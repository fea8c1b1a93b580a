import { DELIVERY_ERRORS, estimate, type MessageFormat, statusName } from "smsc/protocol";
import type { IncomingMessage, Message } from "../store/records.js";

/** A message as the inspection API, the SSE stream and the test helpers show it. Times are ISO 8601 (UTC). */
export interface InspectedMessage {
  /** Unique per recipient (the store's row id); paging, get, delete and outcome use it. */
  id: number;
  /** The id status.php knows: the client's own `id`, or the send's server id. */
  messageId: string | number;
  /** The server id of the send, shared by all its recipients. */
  sendId: number;
  login: string;
  origin: string;
  phone: string;
  text: string;
  sender: string;
  format: MessageFormat;
  type: number;
  /** "gsm7", "ucs2", … as the protocol's estimate() reports for the stored text. */
  encoding: string;
  parts: number;
  cost: number;
  status: number;
  statusName: string;
  err: number;
  /** The delivery error's English description ("" for 0). */
  errName: string;
  comment: string;
  createdAt: string;
  sendAt: string;
  statusAt: string;
  /** Every status the message went through, oldest first. */
  timeline: Array<{ status: number; statusName: string; err: number; at: string }>;
  /**
   * A voice message (`call=1`): the voice asked for (`voice`, "" for the service's default) and, for `mes=code`,
   * the code that was generated and voiced (spec §2.6). Present where the send's request is read (the API's lists).
   */
  call?: { voice: string; code?: string };
}

/** An incoming SMS as the inspection API shows it. */
export interface InspectedIncoming {
  id: number;
  login: string;
  phone: string;
  to: string;
  text: string;
  receivedAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

function encodingOf(text: string, format: MessageFormat): string {
  try {
    return estimate(text, { format }).encoding;
  } catch {
    return "";
  }
}

function errName(err: number): string {
  if (err === 0) return "";
  return (DELIVERY_ERRORS as Record<number, { en: string }>)[err]?.en ?? "";
}

/** What a voice message's request asked for, when the request is known. */
function callOf(m: Message & { params?: Record<string, string> }): InspectedMessage["call"] {
  if (m.format !== "call" || m.params === undefined) return undefined;
  const code = m.params.mes === "code" ? m.text : undefined;
  return { voice: m.params.voice ?? "", ...(code !== undefined ? { code } : {}) };
}

/** The API view of a stored message (its request, when given, tells a voice message's voice and code). */
export function presentMessage(
  m: Message & { login: string; params?: Record<string, string> },
): InspectedMessage {
  const call = callOf(m);
  return {
    id: m.rowId,
    messageId: m.id,
    sendId: m.sendId,
    login: m.login,
    origin: m.origin,
    phone: m.phone,
    text: m.text,
    sender: m.sender,
    format: m.format,
    type: m.type,
    encoding: encodingOf(m.text, m.format),
    parts: m.parts,
    cost: m.cost,
    status: m.status,
    statusName: statusName(m.status),
    err: m.err,
    errName: errName(m.err),
    comment: m.comment,
    createdAt: iso(m.createdAt),
    sendAt: iso(m.sendAt),
    statusAt: iso(m.statusAt),
    timeline: m.timeline.map((t) => ({
      status: t.status,
      statusName: statusName(t.status),
      err: t.err,
      at: iso(t.at),
    })),
    ...(call ? { call } : {}),
  };
}

/** The API view of an incoming SMS. */
export function presentIncoming(m: IncomingMessage): InspectedIncoming {
  return { id: m.id, login: m.login, phone: m.phone, to: m.to, text: m.text, receivedAt: iso(m.receivedAt) };
}
