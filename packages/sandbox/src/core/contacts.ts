import {
  BOOK_LIMITS,
  CONTACT_FIELDS,
  CONTACT_PLACEHOLDERS,
  type ErrorReply,
  PHONES_COMMANDS,
  parsePhone,
} from "smsc/protocol";
import type { ContactData, ContactRecord } from "../store/contacts.js";
import type { Account } from "../store/records.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { type Blacklist, createBlacklist } from "./blacklist.js";
import type { ContactsService, PhonesReply } from "./book-types.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { type BookEntry, identityKey, type Placeholders, type Refusal } from "./plan-send.js";
import { idParam, idsParam, listParam, phonesParam, scriptCommand } from "./script-command.js";

/** The address book: phones.php (contacts, groups, the black list), and what it tells a send. */
export interface Contacts extends ContactsService {
  /** Members of group G<num> (for send.php), or undefined when the account has no such group. */
  group(accountId: number, num: number, kind: "phone" | "mail"): BookEntry[] | undefined;
  /** The placeholders of the contact a number belongs to. */
  contact(accountId: number, phone: string): Placeholders | undefined;
  /** Status 23 for a black-listed number, when its type blocks this kind of send. */
  refusal(accountId: number, phone: string, send: { mass: boolean; format: string }): Refusal | undefined;
}

/** The list fields of a contact besides its numbers and groups (stored in `fields`). */
const LIST_FIELDS = new Set(["mails", "otherPhones", "tags"]);
/** The fields a request may set besides name, numbers and groups. */
const EXTRA_FIELDS = (Object.keys(CONTACT_FIELDS) as Array<keyof typeof CONTACT_FIELDS>).filter(
  (k) => k !== "phones" && k !== "name" && k !== "groups",
);
const BIRTHDAY = /^\d{2}\.\d{2}\.\d{4}$/;

type Failure = { error: ErrorReply };
const fail = (code: number): Failure => ({ error: apiError(code, "phones") });
const failed = (v: unknown): v is Failure => typeof v === "object" && v !== null && "error" in v;

/** Creates the address book over the store (migration 0040); the black list is kept in memory as well. */
export function createContacts(deps: { store: Store; clock: () => number; limits: Limits }): Contacts {
  const { store, clock, limits } = deps;
  const book = store.contacts;
  const blacklist: Blacklist = createBlacklist({ store, clock });

  /** The fields of a request besides name, numbers and groups; `base` keeps those it does not name. */
  function fieldsOf(params: Record<string, string>, base: ContactRecord["fields"] = {}) {
    const fields: ContactRecord["fields"] = { ...base };
    for (const key of EXTRA_FIELDS) {
      const v = params[CONTACT_FIELDS[key].wire];
      if (v === undefined) continue;
      if (key === "birthday" && v.trim() !== "" && !BIRTHDAY.test(v.trim())) return fail(1);
      if (key === "otherPhones") fields[key] = listParam(v).map((p) => parsePhone(p)?.digits ?? p);
      else fields[key] = LIST_FIELDS.has(key) ? listParam(v) : v.trim();
    }
    return fields;
  }

  /** Group ids of a request, each a group of the account (3 when one is not). */
  function groupsOf(accountId: number, v: string | undefined): number[] | undefined | Failure {
    const ids = idsParam(v);
    if (ids === null) return fail(1);
    if (ids?.some((id) => !book.group(accountId, id))) return fail(3);
    return ids;
  }

  /** The contacts a request's `phone` names: 1 without a valid number, 3 when none is in the book. */
  function named(accountId: number, v: string | undefined): ContactRecord[] | Failure {
    const phones = phonesParam(v);
    if (!phones?.length) return fail(1);
    const found = book.byPhones(accountId, phones);
    return found.length ? found : fail(3);
  }

  const commands = {
    add(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const phones = phonesParam(p.phone);
      if (!phones?.length) return refuse(fail(1).error);
      const groups = groupsOf(a.id, p.grp);
      if (failed(groups)) return refuse(groups.error);
      const fields = fieldsOf(p);
      if (failed(fields)) return refuse(fields.error);
      // a number belongs to one contact of an account: chg, del and move_group find contacts by it
      if (book.taken(a.id, phones).length) return refuse(fail(5).error);
      const id = book.insert(
        a.id,
        { name: (p.name ?? "").trim(), phones, groups: groups ?? [], fields },
        clock(),
      );
      return answer({ kind: "id", id });
    },
    chg(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const found = named(a.id, p.phone);
      if (failed(found)) return refuse(found.error);
      const newPhones = p.new_phone === undefined ? undefined : phonesParam(p.new_phone);
      if (newPhones === undefined && p.new_phone !== undefined) return refuse(fail(1).error);
      if (newPhones !== undefined && (newPhones.length === 0 || found.length > 1))
        return refuse(fail(1).error);
      const groups = groupsOf(a.id, p.grp);
      if (failed(groups)) return refuse(groups.error);
      const changes: ContactData[] = [];
      for (const c of found) {
        const fields = fieldsOf(p, c.fields);
        if (failed(fields)) return refuse(fields.error);
        if (newPhones && book.taken(a.id, newPhones, c.id).length) return refuse(fail(5).error);
        changes.push({
          name: p.name === undefined ? c.name : p.name.trim(),
          phones: newPhones ?? c.phones,
          groups: groups ?? c.groups,
          fields,
        });
      }
      for (const [i, c] of found.entries()) book.update(c.id, changes[i]!);
      return answer({ kind: "done" });
    },
    del(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const found = named(a.id, p.phone);
      if (failed(found)) return refuse(found.error);
      book.remove(found.map((c) => c.id));
      return answer({ kind: "done" });
    },
    move_group(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const mode = p.move_group?.trim();
      if (mode !== "1" && mode !== "2" && mode !== "3") return refuse(fail(1).error);
      const groups = groupsOf(a.id, p.grp);
      if (failed(groups)) return refuse(groups.error);
      if (!groups?.length) return refuse(fail(1).error);
      const found = named(a.id, p.phone);
      if (failed(found)) return refuse(found.error);
      for (const c of found) {
        const next =
          mode === "1"
            ? groups
            : mode === "2"
              ? [...new Set([...c.groups, ...groups])]
              : c.groups.filter((g) => !groups.includes(g));
        book.update(c.id, { name: c.name, phones: c.phones, groups: next, fields: c.fields });
      }
      return answer({ kind: "done" });
    },
    get(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const groupId = idParam(p.grp);
      const afterId = idParam(p.after_id);
      if (groupId === null || afterId === null) return refuse(fail(1).error);
      if (groupId !== undefined && !book.group(a.id, groupId)) return refuse(fail(3).error);
      const list = book.list({
        accountId: a.id,
        limit: BOOK_LIMITS.pageSize,
        ...(groupId !== undefined ? { groupId } : {}),
        ...(afterId !== undefined ? { afterId } : {}),
        ...(p.search?.trim() ? { search: p.search.trim() } : {}),
      });
      // an empty list would be an empty fmt=0/1 body, which the libraries read as a failed request
      return list.length ? answer({ kind: "contacts", list }) : refuse(fail(3).error);
    },
    add_group(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const name = (p.name ?? "").trim();
      const num = idParam(p.num);
      const type = (p.type ?? "0").trim() || "0";
      if (name === "" || num === null || (type !== "0" && type !== "1")) return refuse(fail(1).error);
      if (num !== undefined && book.groupByNum(a.id, num)) return refuse(fail(5).error);
      const id = book.insertGroup(
        a.id,
        { name, num: num ?? book.nextNum(a.id), type: Number(type) },
        clock(),
      );
      return answer({ kind: "id", id });
    },
    chg_group(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const id = idParam(p.grp);
      const num = idParam(p.num);
      if (!id || num === null || (p.name !== undefined && p.name.trim() === "")) return refuse(fail(1).error);
      const g = book.group(a.id, id);
      if (!g) return refuse(fail(3).error);
      if (num !== undefined && num !== g.num && book.groupByNum(a.id, num)) return refuse(fail(5).error);
      book.updateGroup(id, { name: p.name?.trim() ?? g.name, num: num ?? g.num });
      return answer({ kind: "done" });
    },
    del_group(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const ids = idsParam(p.grp);
      if (!ids?.length) return refuse(fail(1).error);
      const found = ids.filter((id) => book.group(a.id, id));
      if (found.length === 0) return refuse(fail(3).error);
      for (const id of found) book.removeGroup(id);
      return answer({ kind: "done" });
    },
    get_group(a: Account): Fate<PhonesReply> {
      const list = book.groups(a.id);
      return list.length ? answer({ kind: "groups", list }) : refuse(fail(3).error);
    },
    add_black(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const phones = phonesParam(p.phone);
      const type = (p.type ?? "0").trim() || "0";
      if (!phones?.length || !["0", "1", "2"].includes(type)) return refuse(fail(1).error);
      const ids = phones.map((phone) => blacklist.add(a.id, phone, Number(type), (p.cmt ?? "").trim()));
      return answer({ kind: "id", id: ids[0]! });
    },
    del_black(a: Account, p: Record<string, string>): Fate<PhonesReply> {
      const phones = phonesParam(p.phone);
      if (!phones?.length) return refuse(fail(1).error);
      return blacklist.remove(a.id, phones) ? answer({ kind: "done" }) : refuse(fail(3).error);
    },
  } satisfies Record<
    keyof typeof PHONES_COMMANDS,
    (a: Account, p: Record<string, string>) => Fate<PhonesReply>
  >;

  const placeholders = (c: ContactRecord): Placeholders =>
    Object.fromEntries(
      Object.entries(CONTACT_PLACEHOLDERS).map(([ph, key]) => [
        ph,
        key === "name" ? c.name : String(c.fields[key] ?? ""),
      ]),
    );

  return {
    serve(account, params) {
      const command = scriptCommand(params, PHONES_COMMANDS);
      if (command === undefined) return refuse(fail(1).error);
      if (!limits.perMinute(`phones:${identityKey(account.id, params)}`, BOOK_LIMITS.identicalRequests))
        return refuse(fail(9).error);
      return commands[command](account, params);
    },
    group(accountId, num, kind) {
      const g = book.groupByNum(accountId, num);
      if (!g) return undefined;
      return book.members(g.id).flatMap((c) => {
        const fields = placeholders(c);
        const addresses = kind === "mail" ? ((c.fields.mails as string[] | undefined) ?? []) : c.phones;
        return addresses.map((address) => ({ address, fields }));
      });
    },
    contact(accountId, phone) {
      const [c] = book.byPhones(accountId, [phone]);
      return c ? placeholders(c) : undefined;
    },
    refusal: (accountId, phone, send) => blacklist.refusal(accountId, phone, send),
  };
}
