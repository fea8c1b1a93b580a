-- Operator templates of op_templates.php (api-surface §6) and the invoices of documents.php (api-surface §7), per
-- account. An invoice is issued by an account to another account (its sub-client); its act shares its number.

CREATE TABLE op_templates (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  sender TEXT NOT NULL,
  message TEXT NOT NULL,
  operators TEXT NOT NULL,                     -- JSON: the operator flags set (protocol OP_TEMPLATE_OPERATORS)
  created_at INTEGER NOT NULL
);
CREATE INDEX op_templates_account ON op_templates (account_id, id);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  num INTEGER NOT NULL,                        -- per issuing account, from 1
  user_id INTEGER NOT NULL REFERENCES accounts(id),
  sum_minor INTEGER NOT NULL,
  service TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, num)
);
