-- Short links of sends with tinyurl=1 (api-surface §8): one per account and original link, the code in its URL,
-- its clicks in all and per day (Moscow time), for tinyurls.php.
CREATE TABLE short_links (
  code TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  url TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  clicks INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, url)
);

CREATE TABLE short_link_clicks (
  code TEXT NOT NULL REFERENCES short_links(code) ON DELETE CASCADE,
  day TEXT NOT NULL,                           -- YYYY-MM-DD, Moscow time
  clicks INTEGER NOT NULL,
  PRIMARY KEY (code, day)
) WITHOUT ROWID;
