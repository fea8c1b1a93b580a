import type { ErrorReply, Fmt } from "../types.js";
import {
  decodeFieldRecord,
  encodeFieldRecord,
  type FieldTable,
  type RecordSchema,
  type WireField,
} from "./field-records.js";

/** documents.php commands (api-surface §7): the flag a request sets to 1. */
export const DOCUMENTS_COMMANDS = {
  add_account: "issue an invoice to a sub-client (`user` or `user_id`, `sum`, `service`)",
  get_account: "an invoice (`id`)",
  get_act: "the act of an invoice (`id` or `num`)",
} as const;

const f = (wire: string, kind: WireField["kind"], doc: string): WireField => ({ wire, kind, doc });

/** An invoice request's fields: SDK name → wire name. */
export const INVOICE_FIELDS = {
  user: f("user", "text", "the sub-client's login"),
  userId: f("user_id", "number", "the sub-client's id, instead of its login"),
  sum: f("sum", "money", "the amount"),
  service: f("service", "text", "what the invoice is for"),
} as const satisfies FieldTable;

/** The document a get_account or get_act request means: the invoice's id, or (acts) its number. */
export const DOCUMENT_REF_FIELDS = {
  id: f("id", "number", "the invoice's id"),
  num: f("num", "number", "the invoice's number"),
} as const satisfies FieldTable;

/** How an invoice or an act is written (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Documents"). */
export const DOCUMENT_SCHEMA: RecordSchema = {
  item: "document",
  fields: {
    id: f("id", "number", "the invoice's id"),
    num: f("num", "text", "its number"),
    kind: f("type", "text", "account (an invoice) or act"),
    date: f("date", "text", "issue date, DD.MM.YYYY"),
    user: INVOICE_FIELDS.user,
    userId: INVOICE_FIELDS.userId,
    sum: INVOICE_FIELDS.sum,
    currency: f("currency", "text", "the issuer's currency"),
    service: INVOICE_FIELDS.service,
  },
  line: ["id", "num", "type", "date", "user", "user_id", "sum", "currency", "service"],
};

/** An invoice or act as documents.php get_account=1 / get_act=1 returns it. */
export interface SubclientDocument {
  id: number;
  num?: string;
  /** "account" (an invoice) or "act". */
  kind?: string;
  /** Issue date, "DD.MM.YYYY". */
  date?: string;
  user?: string;
  userId?: number;
  sum?: number;
  currency?: string;
  service?: string;
}

/** Writes a document in one of the four formats. */
export function encodeDocument(doc: SubclientDocument, fmt: Fmt): string {
  return encodeFieldRecord(DOCUMENT_SCHEMA, doc as unknown as Record<string, unknown>, fmt);
}

/** Reads a document (or the error). */
export function decodeDocument(body: string, fmt: Fmt): SubclientDocument | ErrorReply {
  return decodeFieldRecord(DOCUMENT_SCHEMA, body, fmt) as SubclientDocument | ErrorReply;
}
