-- Store what a message is, once (issue "Sandbox engine"): the send's request, sender, format and shared text go in
-- one `sends` row; each recipient's row keeps only its own fields. The status lifecycle (-1 → 0 → final) is not
-- written at all: it follows from the send's time and the sandbox's delays when a message is read, so a status
-- change rewrites nothing. Only an outcome set from outside (the inspection API) is written, as `fixed_*` and a
-- trail of the history up to it. Search goes through a trigram index, one document per send.

CREATE TABLE sends (
  id INTEGER PRIMARY KEY,                      -- the server id of the send (global, monotonic)
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  wire_id TEXT NOT NULL,                       -- the id status.php knows: the client's own, or the server id
  origin TEXT NOT NULL,
  sender TEXT NOT NULL,
  format TEXT NOT NULL,
  type INTEGER NOT NULL,
  text TEXT NOT NULL,                          -- the text of the first recipient; others store theirs only if it differs
  created_at INTEGER NOT NULL,
  send_at INTEGER NOT NULL,
  first_row INTEGER NOT NULL,                  -- the recipients are rows first_row … first_row + rows - 1
  rows INTEGER NOT NULL,
  request TEXT NOT NULL                        -- JSON of the wire parameters without credentials
);
CREATE INDEX sends_wire ON sends (account_id, wire_id);
CREATE INDEX sends_time ON sends (send_at);

-- fixed_* is an outcome set from outside; trail then holds every change after creation up to it, as
-- `status[:err]@ms` (ms after the send's created_at), `;`-separated.
CREATE TABLE messages_new (
  row_id INTEGER PRIMARY KEY,
  send_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  phone TEXT NOT NULL,
  text TEXT,                                   -- NULL: the send's text
  parts INTEGER NOT NULL,
  cost_minor INTEGER NOT NULL,
  final_status INTEGER,                        -- where the lifecycle ends; NULL: delivered (1)
  final_err INTEGER,                           -- NULL: 0
  fixed_status INTEGER,
  fixed_err INTEGER,
  fixed_at INTEGER,
  trail TEXT,
  comment TEXT,                                -- NULL: ''
  deleted_at INTEGER
);

INSERT INTO sends (id, account_id, wire_id, origin, sender, format, type, text, created_at, send_at, first_row, rows,
                   request)
  SELECT send_id, account_id, wire_id, origin, sender, format, type, text, created_at, send_at, min(row_id), count(*),
         params
  FROM messages GROUP BY send_id;

-- Messages that had reached a final status keep it, and their whole history, as fixed; messages still on their
-- way (-1 or 0) follow the lifecycle from their send's time.
INSERT INTO messages_new (row_id, send_id, account_id, phone, text, parts, cost_minor, final_status, final_err,
                          fixed_status, fixed_err, fixed_at, trail, comment, deleted_at)
  SELECT m.row_id, m.send_id, m.account_id, m.phone, nullif(m.text, s.text), m.parts, m.cost_minor,
         CASE WHEN m.final_status = 1 AND m.final_err = 0 THEN NULL ELSE m.final_status END,
         CASE WHEN m.final_status = 1 AND m.final_err = 0 THEN NULL ELSE nullif(m.final_err, 0) END,
         CASE WHEN m.next_at IS NULL THEN m.status END,
         CASE WHEN m.next_at IS NULL THEN m.err END,
         CASE WHEN m.next_at IS NULL THEN m.status_at END,
         CASE WHEN m.next_at IS NULL THEN
           (SELECT group_concat(h.status || CASE WHEN h.err != 0 THEN ':' || h.err ELSE '' END || '@' ||
                                (h.at - m.created_at), ';' ORDER BY h.id)
              FROM status_history h
             WHERE h.row_id = m.row_id
               AND h.id > (SELECT min(h0.id) FROM status_history h0 WHERE h0.row_id = m.row_id)) END,
         nullif(m.comment, ''), m.deleted_at
  FROM messages m JOIN sends s ON s.id = m.send_id;

-- Row ids and send ids are handed out by the store from these counters, so they are never reused, even after a
-- reset or retention has deleted the newest rows.
INSERT INTO counters (name, value)
  SELECT 'row_id', max(coalesce((SELECT max(row_id) FROM messages), 0),
                       coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0));

DROP TRIGGER messages_history_insert;
DROP TRIGGER messages_history_update;
DROP TABLE status_history;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;

CREATE INDEX messages_phone ON messages (phone);
CREATE INDEX messages_account ON messages (account_id);

-- One document per send: its texts, sender and recipients, lower-cased by the store. Contentless (the text lives in
-- the tables above); matches are checked against the rows, so a trigram index without positions is enough.
CREATE VIRTUAL TABLE search USING fts5(body, content = '', contentless_delete = 1, tokenize = 'trigram', detail = none);
CREATE TRIGGER sends_search_delete AFTER DELETE ON sends BEGIN
  DELETE FROM search WHERE rowid = OLD.id;
END;

-- smsc_fold is the store's Unicode lower-casing, registered on the connection before migrations run. Later sends
-- are indexed in bulk after they are stored (store/search-index.ts); the counter says up to which send.
INSERT INTO counters (name, value) SELECT 'search_indexed', coalesce(max(id), 0) FROM sends;
INSERT INTO search (rowid, body)
  SELECT s.id, smsc_fold(s.sender || char(10) || s.text || char(10) ||
                         (SELECT group_concat(m.phone || coalesce(char(10) || m.text, ''), char(10))
                            FROM messages m WHERE m.send_id = s.id))
  FROM sends s;
