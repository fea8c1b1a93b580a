-- Accounts: money is kept in minor units (hundredths) so sums never drift.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  login TEXT NOT NULL UNIQUE,
  password TEXT NOT NULL,
  apikey TEXT UNIQUE,
  balance_minor INTEGER NOT NULL,
  credit_minor INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL,
  sender TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

-- Global counters; message_id is the server's monotonic message id.
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('message_id', 0);

-- One row per recipient of a send; all recipients of one send share send_id and wire_id.
CREATE TABLE messages (
  row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  send_id INTEGER NOT NULL,
  wire_id TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  origin TEXT NOT NULL,
  phone TEXT NOT NULL,
  text TEXT NOT NULL,
  sender TEXT NOT NULL,
  format TEXT NOT NULL,
  type INTEGER NOT NULL,
  parts INTEGER NOT NULL,
  cost_minor INTEGER NOT NULL,
  status INTEGER NOT NULL,
  err INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  send_at INTEGER NOT NULL,
  status_at INTEGER NOT NULL,
  next_at INTEGER,
  delivered_delay INTEGER NOT NULL,
  final_status INTEGER NOT NULL,
  final_err INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  params TEXT NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX messages_lookup ON messages (account_id, wire_id, phone);
CREATE INDEX messages_due ON messages (next_at) WHERE next_at IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX messages_send ON messages (send_id);
