-- Sender names of senders.php (api-surface §5), per account. A name's state is derived when read, like a message's
-- status: a decision taken by hand (the inspection API) or by a confirmation code wins; otherwise it is approved
-- once the clock passes approve_at (NULL: moderation only by hand), and a digital name waits for its code.

CREATE TABLE senders (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  sender TEXT NOT NULL,
  digital INTEGER NOT NULL,                    -- 1: a phone number, confirmed by code instead of moderation
  details TEXT NOT NULL,                       -- JSON: comment, legalName, inn, … (protocol SENDER_FIELDS)
  created_at INTEGER NOT NULL,
  approve_at INTEGER,
  decision INTEGER,                            -- 1 approved, 2 rejected
  decided_at INTEGER,
  code TEXT,                                   -- the last confirmation code sent
  code_sent_at INTEGER,
  UNIQUE (account_id, sender)
);
