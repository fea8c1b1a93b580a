-- The address book of phones.php (api-surface §4), per account (a sub-client is an account of its own): contacts,
-- their numbers, groups and membership, and the black list. A number belongs to at most one contact of an account,
-- which is how chg, del and move_group find it. The contact's other fields are one JSON object.

CREATE TABLE contact_groups (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  num INTEGER NOT NULL,                        -- send.php phones=G<num>
  type INTEGER NOT NULL,                       -- 0 phone numbers, 1 e-mail addresses
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, num)
);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  fields TEXT NOT NULL,                        -- JSON: mails, otherPhones, firstName, … (protocol CONTACT_FIELDS)
  created_at INTEGER NOT NULL
);
CREATE INDEX contacts_account ON contacts (account_id, id);

CREATE TABLE contact_phones (
  account_id INTEGER NOT NULL,
  phone TEXT NOT NULL,                         -- digits
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (account_id, phone)
);
CREATE INDEX contact_phones_contact ON contact_phones (contact_id, position);

CREATE TABLE contact_members (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES contact_groups(id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, group_id)
);
CREATE INDEX contact_members_group ON contact_members (group_id, contact_id);

CREATE TABLE blacklist (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  phone TEXT NOT NULL,                         -- digits
  type INTEGER NOT NULL,                       -- 0 all messages, 1 mass mailings, 2 single messages
  comment TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, phone)
);
