import type { SqliteDatabase } from "./sqlite.js";

/** A contact of an account's address book (phones.php). */
export interface ContactRecord {
  id: number;
  accountId: number;
  name: string;
  /** Its numbers (digits), in the order given. */
  phones: string[];
  /** Ids of its groups, ascending. */
  groups: number[];
  /** The other fields by SDK name (protocol CONTACT_FIELDS): strings, and string lists for mails, tags, … */
  fields: Record<string, string | string[]>;
  createdAt: number;
}

/** A contact group. */
export interface GroupRecord {
  id: number;
  accountId: number;
  name: string;
  /** Its number for mailings: send.php `phones=G<num>`. */
  num: number;
  /** 0 phone numbers, 1 e-mail addresses. */
  type: number;
  /** Number of contacts in it. */
  members: number;
  createdAt: number;
}

/** What a new contact or a change is made of. */
export interface ContactData {
  name: string;
  phones: string[];
  groups: number[];
  fields: Record<string, string | string[]>;
}

/** A page of contacts. */
export interface ContactFilter {
  accountId: number;
  /** Only members of this group. */
  groupId?: number;
  /** Only contacts whose name, numbers or fields hold this text (case-folded). */
  search?: string;
  /** Only ids above this one. */
  afterId?: number;
  limit: number;
}

/** The address book's storage: contacts, their numbers and groups (migration 0040). */
export interface ContactQueries {
  /** Stores a contact with its numbers and groups; returns its id. */
  insert(accountId: number, c: ContactData, at: number): number;
  /** Replaces a contact's name, numbers, groups and fields. */
  update(id: number, c: ContactData): void;
  /** Deletes contacts (their numbers and memberships go with them). */
  remove(ids: number[]): void;
  /** The contacts that hold any of these numbers, by id. */
  byPhones(accountId: number, phones: string[]): ContactRecord[];
  /** Of these numbers, those that already belong to a contact other than `exceptId`. */
  taken(accountId: number, phones: string[], exceptId?: number): string[];
  list(filter: ContactFilter): ContactRecord[];
  /** The contacts of a group, by id. */
  members(groupId: number): ContactRecord[];
  insertGroup(accountId: number, g: { name: string; num: number; type: number }, at: number): number;
  group(accountId: number, id: number): GroupRecord | undefined;
  groupByNum(accountId: number, num: number): GroupRecord | undefined;
  /** The next free mailing number of an account (the highest plus one). */
  nextNum(accountId: number): number;
  updateGroup(id: number, g: { name: string; num: number }): void;
  removeGroup(id: number): void;
  groups(accountId: number): GroupRecord[];
}

interface ContactRow {
  id: number;
  account_id: number;
  name: string;
  fields: string;
  created_at: number;
  phones: string | null;
  groups: string | null;
}

interface GroupRow {
  id: number;
  account_id: number;
  name: string;
  num: number;
  type: number;
  created_at: number;
  members: number;
}

const CONTACT_COLUMNS = `c.id, c.account_id, c.name, c.fields, c.created_at,
  (SELECT group_concat(phone, ',') FROM (SELECT phone FROM contact_phones p WHERE p.contact_id = c.id
     ORDER BY position)) AS phones,
  (SELECT group_concat(group_id, ',') FROM (SELECT group_id FROM contact_members m WHERE m.contact_id = c.id
     ORDER BY group_id)) AS groups`;

const GROUP_COLUMNS = `g.id, g.account_id, g.name, g.num, g.type, g.created_at,
  (SELECT count(*) FROM contact_members m WHERE m.group_id = g.id) AS members`;

const toContact = (r: ContactRow): ContactRecord => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  phones: r.phones ? r.phones.split(",") : [],
  groups: r.groups ? r.groups.split(",").map(Number) : [],
  fields: JSON.parse(r.fields) as Record<string, string | string[]>,
  createdAt: r.created_at,
});

const toGroup = (r: GroupRow): GroupRecord => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  num: r.num,
  type: r.type,
  members: r.members,
  createdAt: r.created_at,
});

/** `%` and `_` taken literally in a LIKE pattern. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Prepares the address book's statements on an open database. */
export function createContactQueries(db: SqliteDatabase, fold: string): ContactQueries {
  const q = {
    insert: db.prepare(
      "INSERT INTO contacts (account_id, name, fields, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    ),
    update: db.prepare("UPDATE contacts SET name = ?, fields = ? WHERE id = ?"),
    remove: db.prepare("DELETE FROM contacts WHERE id = ?"),
    clearPhones: db.prepare("DELETE FROM contact_phones WHERE contact_id = ?"),
    addPhone: db.prepare(
      "INSERT INTO contact_phones (account_id, phone, contact_id, position) VALUES (?, ?, ?, ?)",
    ),
    clearGroups: db.prepare("DELETE FROM contact_members WHERE contact_id = ?"),
    addGroup: db.prepare("INSERT OR IGNORE INTO contact_members (contact_id, group_id) VALUES (?, ?)"),
    ownerOf: db.prepare("SELECT contact_id AS id FROM contact_phones WHERE account_id = ? AND phone = ?"),
    byId: db.prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = ?`),
    list: db.prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts c
       WHERE c.account_id = @accountId AND c.id > @afterId
         AND (@groupId IS NULL OR EXISTS (SELECT 1 FROM contact_members m WHERE m.contact_id = c.id
                                          AND m.group_id = @groupId))
         AND (@search IS NULL OR ${fold}(c.name) LIKE @search ESCAPE '\\' OR ${fold}(c.fields) LIKE @search ESCAPE '\\'
              OR EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND p.phone LIKE @search ESCAPE '\\'))
       ORDER BY c.id LIMIT @limit`,
    ),
    members: db.prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts c JOIN contact_members m ON m.contact_id = c.id
       WHERE m.group_id = ? ORDER BY c.id`,
    ),
    insertGroup: db.prepare(
      "INSERT INTO contact_groups (account_id, name, num, type, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    ),
    group: db.prepare(`SELECT ${GROUP_COLUMNS} FROM contact_groups g WHERE g.account_id = ? AND g.id = ?`),
    groupByNum: db.prepare(
      `SELECT ${GROUP_COLUMNS} FROM contact_groups g WHERE g.account_id = ? AND g.num = ?`,
    ),
    maxNum: db.prepare("SELECT coalesce(max(num), 0) AS n FROM contact_groups WHERE account_id = ?"),
    updateGroup: db.prepare("UPDATE contact_groups SET name = ?, num = ? WHERE id = ?"),
    removeGroup: db.prepare("DELETE FROM contact_groups WHERE id = ?"),
    groups: db.prepare(`SELECT ${GROUP_COLUMNS} FROM contact_groups g WHERE g.account_id = ? ORDER BY g.id`),
  };
  const one = (id: number) => {
    const r = q.byId.get(id) as ContactRow | undefined;
    return r ? toContact(r) : undefined;
  };
  const write = (accountId: number, id: number, c: ContactData) => {
    q.clearPhones.run(id);
    for (const [i, p] of c.phones.entries()) q.addPhone.run(accountId, p, id, i);
    q.clearGroups.run(id);
    for (const g of c.groups) q.addGroup.run(id, g);
  };
  const accountOf = (id: number) => one(id)?.accountId;
  return {
    insert: db.transaction((accountId: number, c: ContactData, at: number) => {
      const { id } = q.insert.get(accountId, c.name, JSON.stringify(c.fields), at) as { id: number };
      write(accountId, id, c);
      return id;
    }),
    update: db.transaction((id: number, c: ContactData) => {
      const accountId = accountOf(id);
      if (accountId === undefined) return;
      q.update.run(c.name, JSON.stringify(c.fields), id);
      write(accountId, id, c);
    }),
    remove: db.transaction((ids: number[]) => {
      for (const id of ids) q.remove.run(id);
    }),
    byPhones(accountId, phones) {
      const ids = new Set<number>();
      for (const p of phones) {
        const r = q.ownerOf.get(accountId, p) as { id: number } | undefined;
        if (r) ids.add(r.id);
      }
      return [...ids].sort((a, b) => a - b).flatMap((id) => one(id) ?? []);
    },
    taken(accountId, phones, exceptId) {
      return phones.filter((p) => {
        const r = q.ownerOf.get(accountId, p) as { id: number } | undefined;
        return r !== undefined && r.id !== exceptId;
      });
    },
    list: (f) =>
      (
        q.list.all({
          accountId: f.accountId,
          afterId: f.afterId ?? 0,
          groupId: f.groupId ?? null,
          search: f.search ? likeText(f.search.toLocaleLowerCase()) : null,
          limit: f.limit,
        }) as ContactRow[]
      ).map(toContact),
    members: (groupId) => (q.members.all(groupId) as ContactRow[]).map(toContact),
    insertGroup(accountId, g, at) {
      return (q.insertGroup.get(accountId, g.name, g.num, g.type, at) as { id: number }).id;
    },
    group(accountId, id) {
      const r = q.group.get(accountId, id) as GroupRow | undefined;
      return r ? toGroup(r) : undefined;
    },
    groupByNum(accountId, num) {
      const r = q.groupByNum.get(accountId, num) as GroupRow | undefined;
      return r ? toGroup(r) : undefined;
    },
    nextNum: (accountId) => (q.maxNum.get(accountId) as { n: number }).n + 1,
    updateGroup(id, g) {
      q.updateGroup.run(g.name, g.num, id);
    },
    removeGroup(id) {
      q.removeGroup.run(id);
    },
    groups: (accountId) => (q.groups.all(accountId) as GroupRow[]).map(toGroup),
  };
}
