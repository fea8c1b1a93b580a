import type { ErrorReply, Fmt } from "../types.js";
import {
  decodeFieldRecords,
  encodeFieldRecords,
  type FieldTable,
  type RecordSchema,
  type WireField,
} from "./field-records.js";

/**
 * phones.php commands (api-surface §4): the flag a request sets to 1 (`move_group` to 1, 2 or 3). A request
 * carries exactly one of them.
 */
export const PHONES_COMMANDS = {
  add: "create a contact",
  add_group: "create a group",
  chg: "change a contact (found by `phone`): its numbers (`new_phone`) and fields",
  chg_group: "rename a group (`grp`, `name`)",
  move_group: "1 move a contact to the group, 2 add the group to it, 3 remove it from the group",
  del: "delete the contacts of these numbers",
  del_group: "delete a group (its contacts stay)",
  get: "list contacts (`grp`, `search`, `after_id`)",
  get_group: "list groups",
  add_black: "add numbers to the black list (`type`)",
  del_black: "remove numbers from the black list",
} as const;

/** A phones.php command. */
export type PhonesCommand = keyof typeof PHONES_COMMANDS;

/** `move_group` values (api-surface §4). */
export const MOVE_MODES = { move: 1, add: 2, remove: 3 } as const;

/** Black-list entry types (api-surface §4 `type`): what a listed number does not receive. */
export const BLACKLIST_TYPES = {
  0: "all messages",
  1: "mass mailings",
  2: "single messages",
} as const;

/** A black-list type: 0 all messages, 1 mass mailings, 2 single messages. */
export type BlacklistType = keyof typeof BLACKLIST_TYPES;

/** Group types of `add_group` (api-surface §4 `type`): 0 phone numbers, 1 e-mail addresses. */
export const GROUP_TYPES = { 0: "phone numbers", 1: "e-mail addresses" } as const;

/** A contact group type. */
export type GroupType = keyof typeof GROUP_TYPES;

const f = (wire: string, kind: WireField["kind"], doc: string): WireField => ({ wire, kind, doc });

/** A contact's fields: SDK name → wire name (api-surface §4), for requests and listings alike. */
export const CONTACT_FIELDS = {
  phones: f("phone", "list", "its numbers"),
  name: f("name", "text", "contact name"),
  groups: f("grp", "numbers", "ids of its groups"),
  mails: f("mail", "list", "its e-mail addresses"),
  otherPhones: f("pho", "list", "other numbers"),
  firstName: f("fnm", "text", "first name"),
  middleName: f("mnm", "text", "middle name"),
  lastName: f("lnm", "text", "last name"),
  fullName: f("fio", "text", "full name"),
  birthday: f("bd", "text", "birthday, dd.mm.yyyy"),
  myId: f("myid", "text", "the client's own id of the contact"),
  comment: f("cmt", "text", "comment"),
  tags: f("tags", "list", "tags"),
  limit: f("lmt", "text", "per-contact limit"),
} as const satisfies FieldTable;

/** A contact change (chg=1): CONTACT_FIELDS, with its new numbers as `new_phone` (`phone` names the contact). */
export const CONTACT_CHANGE_FIELDS = {
  ...CONTACT_FIELDS,
  phones: f("new_phone", "list", "replaces its numbers"),
} as const satisfies FieldTable;

/** The filters of a contact listing (get=1). */
export const CONTACT_QUERY_FIELDS = {
  group: f("grp", "number", "only members of this group"),
  search: f("search", "text", "only contacts whose name, numbers or fields hold this text"),
  afterId: f("after_id", "number", "only contacts after this id (paging)"),
} as const satisfies FieldTable;

/** How contacts are listed (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Address book"). */
export const CONTACT_SCHEMA: RecordSchema = {
  item: "contact",
  fields: { id: f("id", "number", "the contact's id (int_id)"), ...CONTACT_FIELDS },
  line: ["id", "phone", "grp", "name"],
};

/** A group's fields: SDK name → wire name. */
export const GROUP_FIELDS = {
  name: f("name", "text", "group name"),
  num: f("num", "number", "its number for mailings: send.php phones=G<num>"),
  type: f("type", "number", "0 phone numbers, 1 e-mail addresses"),
} as const satisfies FieldTable;

/** The group a chg_group or del_group request names (`grp`: its id, or ids). */
export const GROUP_ID_FIELDS = { ids: f("grp", "numbers", "group id(s)") } as const satisfies FieldTable;

/** How groups are listed. */
export const GROUP_SCHEMA: RecordSchema = {
  item: "group",
  fields: {
    id: f("id", "number", "the group's id (grp)"),
    ...GROUP_FIELDS,
    members: f("cnt", "number", "number of contacts in it"),
  },
  line: ["id", "num", "type", "cnt", "name"],
};

/** A black-list request's fields. */
export const BLACKLIST_FIELDS = {
  phones: f("phone", "list", "the numbers"),
  type: f("type", "number", "0 all messages, 1 mass mailings, 2 single messages"),
  comment: f("cmt", "text", "comment"),
} as const satisfies FieldTable;

/**
 * Placeholders a send's text may hold for a recipient who is a contact: `%name%`, `%fnm%`, … — each contact field's
 * wire name between percent signs (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Address book", **[INF]**).
 */
export const CONTACT_PLACEHOLDERS = Object.fromEntries(
  (["name", "firstName", "middleName", "lastName", "fullName", "birthday", "myId", "comment"] as const).map(
    (k) => [`%${CONTACT_FIELDS[k].wire}%`, k],
  ),
) as Readonly<Record<string, keyof typeof CONTACT_FIELDS>>;

/** A contact as phones.php get=1 lists it; fields the service leaves out are absent. */
export interface Contact {
  id: number;
  phones?: string[];
  name?: string;
  groups?: number[];
  mails?: string[];
  otherPhones?: string[];
  firstName?: string;
  middleName?: string;
  lastName?: string;
  fullName?: string;
  birthday?: string;
  myId?: string;
  comment?: string;
  tags?: string[];
  limit?: string;
}

/** A contact group as phones.php get_group=1 lists it. */
export interface ContactGroup {
  id: number;
  name?: string;
  /** Its number for mailings: send.php `phones=G<num>`. */
  num?: number;
  /** 0 phone numbers, 1 e-mail addresses. */
  type?: number;
  /** Number of contacts in it. */
  members?: number;
}

/** Writes contacts in one of the four formats. */
export function encodeContacts(list: ReadonlyArray<Contact>, fmt: Fmt): string {
  return encodeFieldRecords(CONTACT_SCHEMA, list as unknown as Array<Record<string, unknown>>, fmt);
}

/** Reads a contact listing (or the error). */
export function decodeContacts(body: string, fmt: Fmt): Contact[] | ErrorReply {
  return decodeFieldRecords(CONTACT_SCHEMA, body, fmt) as Contact[] | ErrorReply;
}

/** Writes groups in one of the four formats. */
export function encodeGroups(list: ReadonlyArray<ContactGroup>, fmt: Fmt): string {
  return encodeFieldRecords(GROUP_SCHEMA, list as unknown as Array<Record<string, unknown>>, fmt);
}

/** Reads a group listing (or the error). */
export function decodeGroups(body: string, fmt: Fmt): ContactGroup[] | ErrorReply {
  return decodeFieldRecords(GROUP_SCHEMA, body, fmt) as ContactGroup[] | ErrorReply;
}
