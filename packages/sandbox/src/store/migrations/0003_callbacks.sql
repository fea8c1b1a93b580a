-- Each account's callback handler URL (spec §6.14). It may carry the signing secret, like the service's settings.
CREATE TABLE callback_urls (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
  url TEXT NOT NULL
);

-- One row per delivery attempt of a callback. The URL is stored with its secret redacted.
CREATE TABLE callback_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  event TEXT NOT NULL,
  ref TEXT NOT NULL,
  url TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  http_status INTEGER,
  error TEXT,
  ok INTEGER NOT NULL,
  final INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX callback_log_account ON callback_log (account_id, id);
