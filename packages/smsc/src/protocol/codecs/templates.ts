import type { ErrorReply, Fmt } from "../types.js";
import { decodeWireRecords, mapRecord, type WireRecord, type WireRecordShape } from "./wire-records.js";

/** The `format` values a template may have (spec §6 templates.php; "" = not specified). */
export const TEMPLATE_FORMATS = ["", "sms", "flash", "bin", "push", "mms", "call", "mail", "viber"] as const;

/** A template's `format`. */
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

/** templates.php?get=1 records: id, format, sender, then the free texts name and msg **[INF]**. */
export const TEMPLATE_SHAPE: WireRecordShape = {
  tag: "template",
  fields: ["id", "format", "sender", "name", "msg"],
};

/** A stored message template (templates.php). Fields the service adds are kept under their wire names. */
export interface Template {
  id: number;
  name: string;
  /** The text (`msg`); `%1`, `%2`… are filled by `renderTemplate`. */
  message: string;
  /** "" when not specified. */
  format: string;
  /** "" when not specified. */
  sender: string;
  [field: string]: unknown;
}

const MAP = {
  id: ["id", "number"],
  name: ["name", "string"],
  msg: ["message", "string"],
  format: ["format", "string"],
  sender: ["sender", "string"],
} as const;

/** A template as the wire carries it. */
export function templateRecord(t: {
  id: number;
  name: string;
  msg: string;
  format: string;
  sender: string;
}): WireRecord {
  return { id: t.id, format: t.format, sender: t.sender, name: t.name, msg: t.msg };
}

/** Reads a templates.php?get=1 reply (any format), or the error. */
export function decodeTemplates(body: string, fmt: Fmt): Template[] | ErrorReply {
  const list = decodeWireRecords(body, TEMPLATE_SHAPE, fmt);
  if (!Array.isArray(list)) return list;
  return list.map((r) => ({
    id: 0,
    name: "",
    message: "",
    format: "",
    sender: "",
    ...mapRecord<Template>(r, MAP),
  }));
}

/**
 * Fills a template's placeholders: `%1`, `%2`… with the arguments in order (the convention public clients use;
 * https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Templates"). `%%` is a literal percent sign; a placeholder without an argument stays as it is.
 */
export function renderTemplate(text: string, args: readonly (string | number)[]): string {
  return text.replace(/%%|%(\d{1,2})/g, (m, n?: string) => {
    if (n === undefined) return "%";
    const v = args[Number(n) - 1];
    return v === undefined ? m : String(v);
  });
}
