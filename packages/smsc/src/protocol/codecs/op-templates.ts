import type { ErrorReply, Fmt } from "../types.js";
import {
  decodeFieldRecords,
  encodeFieldRecords,
  type FieldTable,
  type RecordSchema,
  type WireField,
} from "./field-records.js";

/** op_templates.php commands (api-surface §6): the flag a request sets to 1. */
export const OP_TEMPLATES_COMMANDS = {
  add: "register a template with the operators chosen by the flags",
  get: "list the templates",
} as const;

const f = (wire: string, kind: WireField["kind"], doc: string): WireField => ({ wire, kind, doc });

/** The operator flags of a template (api-surface §6): each operator, service or transactional class. */
export const OP_TEMPLATE_OPERATORS = {
  mtsService: f("mts_srv", "flag", "MTS, service"),
  mtsTransactional: f("mts_trn", "flag", "MTS, transactional"),
  megafonService: f("mega_srv", "flag", "MegaFon, service"),
  megafonTransactional: f("mega_trn", "flag", "MegaFon, transactional"),
  beelineService: f("bee_srv", "flag", "Beeline, service"),
  beelineTransactional: f("bee_trn", "flag", "Beeline, transactional"),
  tele2Service: f("tele2_srv", "flag", "Tele2, service"),
  tele2Transactional: f("tele2_trn", "flag", "Tele2, transactional"),
} as const satisfies FieldTable;

/** An operator template's request fields: SDK name → wire name. */
export const OP_TEMPLATE_FIELDS = {
  sender: f("sender", "text", "the sender name the template is for"),
  message: f("msg", "text", "the template text"),
  ...OP_TEMPLATE_OPERATORS,
} as const satisfies FieldTable;

/** How operator templates are listed. */
export const OP_TEMPLATE_SCHEMA: RecordSchema = {
  item: "template",
  fields: {
    id: f("id", "number", "the template's id"),
    ...OP_TEMPLATE_FIELDS,
    created: f("created", "text", "when it was added, DD.MM.YYYY hh:mm:ss"),
  },
  line: ["id", "sender", ...Object.values(OP_TEMPLATE_OPERATORS).map((o) => o.wire), "msg"],
};

/** An operator template as op_templates.php get=1 lists it. */
export interface OpTemplate {
  id: number;
  sender?: string;
  message?: string;
  mtsService?: boolean;
  mtsTransactional?: boolean;
  megafonService?: boolean;
  megafonTransactional?: boolean;
  beelineService?: boolean;
  beelineTransactional?: boolean;
  tele2Service?: boolean;
  tele2Transactional?: boolean;
  created?: string;
}

/** Writes operator templates in one of the four formats. */
export function encodeOpTemplates(list: ReadonlyArray<OpTemplate>, fmt: Fmt): string {
  return encodeFieldRecords(OP_TEMPLATE_SCHEMA, list as unknown as Array<Record<string, unknown>>, fmt);
}

/** Reads an operator-template listing (or the error). */
export function decodeOpTemplates(body: string, fmt: Fmt): OpTemplate[] | ErrorReply {
  return decodeFieldRecords(OP_TEMPLATE_SCHEMA, body, fmt) as OpTemplate[] | ErrorReply;
}
