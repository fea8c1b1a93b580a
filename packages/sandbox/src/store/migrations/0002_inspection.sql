-- Status history of every message, for the inspection API's timeline. Written by triggers so that every path that
-- stores or changes a message (the core's lifecycle, an outcome set by the API) is recorded without extra calls.
CREATE TABLE status_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  row_id INTEGER NOT NULL REFERENCES messages(row_id) ON DELETE CASCADE,
  status INTEGER NOT NULL,
  err INTEGER NOT NULL DEFAULT 0,
  at INTEGER NOT NULL
);
CREATE INDEX status_history_row ON status_history (row_id, id);

CREATE TRIGGER messages_history_insert AFTER INSERT ON messages
BEGIN
  INSERT INTO status_history (row_id, status, err, at) VALUES (NEW.row_id, NEW.status, NEW.err, NEW.status_at);
END;

CREATE TRIGGER messages_history_update AFTER UPDATE OF status, err ON messages
  WHEN NEW.status IS NOT OLD.status OR NEW.err IS NOT OLD.err
BEGIN
  INSERT INTO status_history (row_id, status, err, at) VALUES (NEW.row_id, NEW.status, NEW.err, NEW.status_at);
END;

-- Incoming (MO) messages: a subscriber's SMS to one of the account's numbers (get.php?get_answers=1).
CREATE TABLE incoming (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  phone TEXT NOT NULL,
  to_phone TEXT NOT NULL,
  text TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX incoming_account ON incoming (account_id, id);
