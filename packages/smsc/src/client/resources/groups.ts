import {
  type ContactGroup,
  decodeGroups,
  GROUP_FIELDS,
  GROUP_ID_FIELDS,
  type GroupType,
} from "../../protocol/index.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { change, create, list, wireFields } from "./wire-fields.js";

/** A group to create (phones.php add_group=1). */
export interface NewGroup {
  name: string;
  /** Its number for mailings, `phones: "G<num>"` in a send. @default the account's highest plus one */
  num?: number;
  /** 0 phone numbers, 1 e-mail addresses. @default 0 */
  type?: GroupType;
}

/** `smsc.groups`: the contact groups of phones.php (api-surface §4). Calls that change them are not retried. */
export interface Groups {
  /** Creates a group; returns its id (`grp`). Send to its members with `phones: "G<num>"`. */
  add(group: NewGroup, options?: RequestOptions): Promise<number>;
  /** Lists the groups with their member counts; [] when there are none. */
  list(options?: RequestOptions): Promise<ContactGroup[]>;
  /** Renames a group or gives it another mailing number; NotFoundError (code 3) for an unknown id. */
  change(id: number, changes: { name?: string; num?: number }, options?: RequestOptions): Promise<void>;
  /** Deletes groups (their contacts stay); NotFoundError (code 3) when none exists. */
  delete(ids: number | readonly number[], options?: RequestOptions): Promise<void>;
}

/** The `smsc.groups` resource over a transport. */
export function groupsResource(t: Transport): Groups {
  const grp = (ids: number | readonly number[]) => wireFields(GROUP_ID_FIELDS, { ids }, "groups");
  return {
    add: async (group, options) =>
      create(t, "phones", [["add_group", "1"], ...wireFields(GROUP_FIELDS, group, "groups.add")], options),
    list: async (options) => list(t, "phones", [["get_group", "1"]], (b) => decodeGroups(b, 3), options),
    change: async (id, changes, options) =>
      change(
        t,
        "phones",
        [["chg_group", "1"], ...grp(id), ...wireFields(GROUP_FIELDS, changes, "groups.change")],
        options,
      ),
    delete: async (ids, options) => change(t, "phones", [["del_group", "1"], ...grp(ids)], options),
  };
}
