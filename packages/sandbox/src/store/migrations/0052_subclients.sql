-- Sub-clients (users.php) are accounts of their own, with a parent, a type (0…4) and the test-mode flag fl2[27].
ALTER TABLE accounts ADD COLUMN parent_id INTEGER REFERENCES accounts(id);
ALTER TABLE accounts ADD COLUMN user_type INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN test_mode INTEGER NOT NULL DEFAULT 0;
CREATE INDEX accounts_parent ON accounts (parent_id) WHERE parent_id IS NOT NULL;

-- The rest of a sub-client's users.php settings (e-mail, phone, fio, limits, flags…), kept as sent.
CREATE TABLE subclient_settings (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
  settings TEXT NOT NULL                        -- JSON of wire name → value
);

-- Money moved by users.php pay=1 (from the parent to the sub-client; negative amounts move it back).
CREATE TABLE payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  from_id INTEGER NOT NULL REFERENCES accounts(id),
  to_id INTEGER NOT NULL REFERENCES accounts(id),
  amount_minor INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX payments_to ON payments (to_id, at);
CREATE INDEX payments_from ON payments (from_id, at);
