import {
  type Contact,
  type ContactGroup,
  ENDPOINTS,
  encodeContacts,
  encodeDoneReply,
  encodeGroups,
  encodeIdReply,
} from "smsc/protocol";
import type { PhonesReply } from "../../core/book-types.js";
import type { ContactRecord, GroupRecord } from "../../store/contacts.js";
import type { SysScript } from "./sys-script.js";

/** A stored contact as phones.php lists it. */
const contact = (c: ContactRecord): Contact => ({
  id: c.id,
  phones: c.phones,
  name: c.name,
  groups: c.groups,
  ...c.fields,
});
/** A stored group as phones.php lists it. */
const group = (g: GroupRecord): ContactGroup => ({
  id: g.id,
  name: g.name,
  num: g.num,
  type: g.type,
  members: g.members,
});

/** phones.php (api-surface §4): contacts, groups and the black list, through the core's address book. */
export const phonesScript: SysScript<PhonesReply> = {
  path: ENDPOINTS.phones,
  table: "phones",
  serve: (core, { params, account }) => core.contacts.serve(account, params),
  encode(reply, { fmt }) {
    switch (reply.kind) {
      case "id":
        return encodeIdReply(reply.id, fmt);
      case "done":
        return encodeDoneReply(fmt);
      case "contacts":
        return encodeContacts(reply.list.map(contact), fmt);
      case "groups":
        return encodeGroups(reply.list.map(group), fmt);
    }
  },
};
