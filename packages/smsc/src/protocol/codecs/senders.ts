import type { ErrorReply, Fmt } from "../types.js";
import {
  decodeFieldRecords,
  encodeFieldRecords,
  type FieldTable,
  type RecordSchema,
  type WireField,
} from "./field-records.js";

/** senders.php commands (api-surface §5): the flag a request sets to 1. */
export const SENDERS_COMMANDS = {
  get: "list the names approved by the moderator (`all=1`: every name of the account)",
  add: "register a name (it goes to moderation; a digital one waits for its code)",
  chg: "change a name's comment and details (found by `id` or `sender`)",
  del: "delete a name",
  send_code: "send a confirmation code by SMS to a digital sender (a phone number)",
  check_code: "check the code a digital sender received",
} as const;

/** A senders.php command. */
export type SendersCommand = keyof typeof SENDERS_COMMANDS;

/**
 * Where a sender name is (the sandbox's `status` field; the service's list shape is not documented beyond the
 * `sender` key, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Sender names"): 0 on moderation, 1 approved, 2 rejected, 3 waiting for its code.
 */
export const SENDER_STATES = {
  0: { name: "moderation", en: "on moderation", ru: "На модерации" },
  1: { name: "approved", en: "approved", ru: "Активно" },
  2: { name: "rejected", en: "rejected", ru: "Отклонено" },
  3: { name: "awaitingCode", en: "waiting for the confirmation code", ru: "Ожидает подтверждения кодом" },
} as const;

/** A sender name's state code. */
export type SenderState = keyof typeof SENDER_STATES;

/** State codes by name. */
export const SENDER_STATE = { moderation: 0, approved: 1, rejected: 2, awaitingCode: 3 } as const;

const f = (wire: string, kind: WireField["kind"], doc: string): WireField => ({ wire, kind, doc });

/** A sender name's request fields: SDK name → wire name (api-surface §5). */
export const SENDER_FIELDS = {
  sender: f("sender", "text", "the name: up to 11 Latin letters, digits and symbols, or up to 15 digits"),
  comment: f("cmt", "text", "comment"),
  legalName: f("fio", "text", "legal name of the owner"),
  inn: f("inn", "text", "tax number (INN, EDRPOU)"),
  site: f("site", "text", "web site"),
  email: f("email", "text", "contact e-mail"),
  address: f("address", "text", "postal address"),
  description: f("desc", "text", "description of the services"),
  purpose: f("subj", "text", "purpose of the messages"),
} as const satisfies FieldTable;

/** An e-mail sender address (add=1 with `mail`, api-surface §5): the address and a comment for it. */
export const SENDER_MAIL_FIELDS = {
  mail: f("mail", "text", "the e-mail address"),
  comment: f("name", "text", "comment for it"),
} as const satisfies FieldTable;

/** The name a chg, del, send_code or check_code request means: by id, or by its text. */
export const SENDER_REF_FIELDS = {
  id: f("id", "number", "the name's id"),
  sender: SENDER_FIELDS.sender,
} as const satisfies FieldTable;

/** The confirmation-code fields of send_code and check_code. */
export const SENDER_CODE_FIELDS = {
  siteName: f("site_name", "text", "site named in the code's SMS"),
  code: f("code", "text", "the code received"),
} as const satisfies FieldTable;

/** The filters of a listing (get=1). */
export const SENDER_QUERY_FIELDS = {
  all: f("all", "flag", "every name of the account, not only the approved ones"),
  fromDate: f("from_date", "text", "only names whose state changed since this day, dd.mm.yyyy"),
  prevId: f("prev_id", "number", "only names after this id (paging)"),
  cnt: f("cnt", "number", "at most this many"),
} as const satisfies FieldTable;

/** How sender names are listed. */
export const SENDER_SCHEMA: RecordSchema = {
  item: "item",
  fields: {
    id: f("id", "number", "the name's id"),
    sender: SENDER_FIELDS.sender,
    state: f("status", "number", "0 on moderation, 1 approved, 2 rejected, 3 waiting for its code"),
    comment: SENDER_FIELDS.comment,
    legalName: SENDER_FIELDS.legalName,
    inn: SENDER_FIELDS.inn,
    site: SENDER_FIELDS.site,
    email: SENDER_FIELDS.email,
    address: SENDER_FIELDS.address,
    description: SENDER_FIELDS.description,
    purpose: SENDER_FIELDS.purpose,
    created: f("created", "text", "when it was added, DD.MM.YYYY hh:mm:ss"),
  },
  line: ["id", "status", "sender", "cmt"],
};

/** A sender name as senders.php get=1 lists it. */
export interface SenderName {
  id: number;
  sender?: string;
  /** 0 on moderation, 1 approved, 2 rejected, 3 waiting for its code (SENDER_STATES). */
  state?: number;
  comment?: string;
  legalName?: string;
  inn?: string;
  site?: string;
  email?: string;
  address?: string;
  description?: string;
  purpose?: string;
  /** When it was added, "DD.MM.YYYY hh:mm:ss". */
  created?: string;
}

/** Writes sender names in one of the four formats. */
export function encodeSenders(list: ReadonlyArray<SenderName>, fmt: Fmt): string {
  return encodeFieldRecords(SENDER_SCHEMA, list as unknown as Array<Record<string, unknown>>, fmt);
}

/** Reads a sender-name listing (or the error). */
export function decodeSenders(body: string, fmt: Fmt): SenderName[] | ErrorReply {
  return decodeFieldRecords(SENDER_SCHEMA, body, fmt) as SenderName[] | ErrorReply;
}
