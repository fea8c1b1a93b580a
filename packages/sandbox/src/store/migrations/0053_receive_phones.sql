-- Dedicated inbound numbers (receive_phones.php): who rents which number, paid until when, and whether it renews.
CREATE TABLE rented_numbers (
  phone TEXT PRIMARY KEY,                       -- digits
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  rented_at INTEGER NOT NULL,
  paid_until INTEGER NOT NULL,
  noprolong INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rented_numbers_account ON rented_numbers (account_id);

-- What the rentals cost: the first (partial) month at buy=1, each renewal after it.
CREATE TABLE number_charges (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  phone TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  amount_minor INTEGER NOT NULL,
  kind TEXT NOT NULL,                           -- 'buy' or 'renew'
  at INTEGER NOT NULL
);
CREATE INDEX number_charges_account ON number_charges (account_id, at);
