import {
  BLACKLIST_FIELDS,
  type BlacklistType,
  CONTACT_CHANGE_FIELDS,
  CONTACT_FIELDS,
  CONTACT_QUERY_FIELDS,
  type Contact,
  decodeContacts,
  MOVE_MODES,
} from "../../protocol/index.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { change, create, list, wireFields } from "./wire-fields.js";

type Many<T> = T | readonly T[];

/** A contact to create (phones.php add=1); every field maps to one wire parameter of protocol CONTACT_FIELDS. */
export interface NewContact {
  /** Its numbers (a number belongs to at most one contact of the account). */
  phones: Many<string>;
  name?: string;
  /** Ids of its groups. */
  groups?: Many<number>;
  mails?: Many<string>;
  otherPhones?: Many<string>;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  fullName?: string;
  /** A Date, or "dd.mm.yyyy". */
  birthday?: Date | string;
  myId?: string | number;
  comment?: string;
  tags?: Many<string>;
  limit?: string | number;
}

/** What to change in a contact (phones.php chg=1): the fields given replace the stored ones. */
export interface ContactChanges extends Partial<Omit<NewContact, "phones">> {
  /** Replaces the contact's numbers (`new_phone`). */
  phones?: Many<string>;
}

/** Which contacts to list (phones.php get=1). At most 1000 come back; continue with `afterId`. */
export interface ContactQuery {
  /** Only members of this group (id). */
  group?: number;
  /** Only contacts whose name, numbers or fields contain this text. */
  search?: string;
  /** Only contacts with a greater id (the last id of the previous page). */
  afterId?: number;
}

/** `smsc.contacts`: the address book of phones.php (api-surface §4). Calls that change it are not retried. */
export interface Contacts {
  /** Creates a contact; returns its id. */
  add(contact: NewContact, options?: RequestOptions): Promise<number>;
  /** Lists contacts, oldest first; [] when there are none. */
  list(query?: ContactQuery, options?: RequestOptions): Promise<Contact[]>;
  /** Changes the contact(s) holding these numbers; NotFoundError (code 3) when none does. */
  change(phones: Many<string>, changes: ContactChanges, options?: RequestOptions): Promise<void>;
  /** Deletes the contacts holding these numbers; NotFoundError (code 3) when none does. */
  delete(phones: Many<string>, options?: RequestOptions): Promise<void>;
  /** Makes these groups the contacts' only groups (move_group=1). */
  moveToGroup(phones: Many<string>, groups: Many<number>, options?: RequestOptions): Promise<void>;
  /** Adds the contacts to these groups (move_group=2). */
  addToGroup(phones: Many<string>, groups: Many<number>, options?: RequestOptions): Promise<void>;
  /** Takes the contacts out of these groups (move_group=3). */
  removeFromGroup(phones: Many<string>, groups: Many<number>, options?: RequestOptions): Promise<void>;
}

/** `smsc.blacklist`: the black list of phones.php (add_black, del_black). */
export interface Blacklist {
  /**
   * Lists numbers: `type` 0 (default) blocks every message to them, 1 mass mailings, 2 single messages. Returns the
   * id of the (first) entry. A listed number gets the new type.
   */
  add(
    phones: Many<string>,
    entry?: { type?: BlacklistType; comment?: string },
    options?: RequestOptions,
  ): Promise<number>;
  /** Takes numbers off the list; NotFoundError (code 3) when none was on it. */
  remove(phones: Many<string>, options?: RequestOptions): Promise<void>;
}

/** The `smsc.contacts` resource over a transport. */
export function contactsResource(t: Transport): Contacts {
  const move =
    (mode: number) => async (phones: Many<string>, groups: Many<number>, options?: RequestOptions) =>
      change(
        t,
        "phones",
        [["move_group", String(mode)], ...wireFields(CONTACT_FIELDS, { phones, groups }, "contacts.move")],
        options,
      );
  const named = (phones: Many<string>, where: string) => wireFields(CONTACT_FIELDS, { phones }, where);
  return {
    add: async (contact, options) =>
      create(t, "phones", [["add", "1"], ...wireFields(CONTACT_FIELDS, contact, "contacts.add")], options),
    list: async (query = {}, options) =>
      list(
        t,
        "phones",
        [["get", "1"], ...wireFields(CONTACT_QUERY_FIELDS, query, "contacts.list")],
        (b) => decodeContacts(b, 3),
        options,
      ),
    change: async (phones, changes, options) =>
      change(
        t,
        "phones",
        [
          ["chg", "1"],
          ...named(phones, "contacts.change"),
          ...wireFields(CONTACT_CHANGE_FIELDS, changes, "contacts.change"),
        ],
        options,
      ),
    delete: async (phones, options) =>
      change(t, "phones", [["del", "1"], ...named(phones, "contacts.delete")], options),
    moveToGroup: move(MOVE_MODES.move),
    addToGroup: move(MOVE_MODES.add),
    removeFromGroup: move(MOVE_MODES.remove),
  };
}

/** The `smsc.blacklist` resource over a transport. */
export function blacklistResource(t: Transport): Blacklist {
  return {
    add: async (phones, entry = {}, options) =>
      create(
        t,
        "phones",
        [["add_black", "1"], ...wireFields(BLACKLIST_FIELDS, { ...entry, phones }, "blacklist.add")],
        options,
      ),
    remove: async (phones, options) =>
      change(
        t,
        "phones",
        [["del_black", "1"], ...wireFields(BLACKLIST_FIELDS, { phones }, "blacklist.remove")],
        options,
      ),
  };
}
