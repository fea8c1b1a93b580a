-- A send with more recipients than one transaction takes (store/send-writer.ts) is written in pieces, a turn of the
-- event loop apart: its debit and first rows in the first transaction, the `sends` row that makes its rows visible
-- in the last. Meanwhile it is listed here, so that a send cut short (the process killed, a failed write) is undone
-- when the store opens: the money goes back and the rows, which no read could see, are deleted.
CREATE TABLE pending_sends (
  send_id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  first_row INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  cost_minor INTEGER NOT NULL
);
