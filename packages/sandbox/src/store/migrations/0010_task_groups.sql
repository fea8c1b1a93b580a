-- Task groups of ping.php (event notifications): whom a notification goes to and its failure and recovery texts.
-- Configuration like the callback URLs: a reset of the messages keeps them.
CREATE TABLE task_groups (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  id INTEGER NOT NULL,
  phones TEXT NOT NULL,
  failure TEXT NOT NULL,
  recovery TEXT NOT NULL,
  sender TEXT,                                 -- NULL: the account's default sender
  PRIMARY KEY (account_id, id)
);
