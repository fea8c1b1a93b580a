-- Message templates (templates.php): per account, a name unique within the account, the text and its defaults.
CREATE TABLE templates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  msg TEXT NOT NULL,
  format TEXT NOT NULL DEFAULT '',
  sender TEXT NOT NULL DEFAULT '',
  autosign INTEGER NOT NULL DEFAULT 0,          -- fl[1]: use for the auto-signature
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, name)
);
