-- Requests to confirm a number by the subscriber's call (wait_call.php, spec §6.13): which account waits for a call
-- from which number, the number it was told to dial, until when, and the calls that came.
CREATE TABLE wait_calls (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  phone TEXT NOT NULL,                         -- the subscriber's number (digits)
  number TEXT NOT NULL,                        -- the number to dial (digits), from the sandbox's pool
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  calls INTEGER NOT NULL DEFAULT 0,
  called_at INTEGER                            -- the last call, NULL while none came
);
CREATE INDEX wait_calls_phone ON wait_calls (phone, id);
CREATE INDEX wait_calls_account ON wait_calls (account_id, id);
