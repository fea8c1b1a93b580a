-- Mailings (jobs.php). A mailing keeps the send.php parameters every run uses; the sandbox's clock runs it: each
-- run goes through the core's send path, and is recorded in job_runs with the send it produced.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  params TEXT NOT NULL,                         -- JSON: the send.php parameters of each run
  rpt INTEGER NOT NULL DEFAULT 0,               -- 0 once … 7 yearly
  rptn INTEGER,                                 -- repeats after the first run; NULL: no limit
  follow TEXT,                                  -- JSON { mes2?, sender2?, auto }: what undelivered messages get
  status INTEGER NOT NULL DEFAULT 0,            -- 0 waiting, 1 done, 2 cancelled
  created_at INTEGER NOT NULL,
  first_at INTEGER NOT NULL,                    -- the first run's time, the anchor of the repeats
  next_at INTEGER,                              -- the next run's time; NULL: none is due
  runs INTEGER NOT NULL DEFAULT 0,
  deleted_at INTEGER
);
-- mailing ids have seven digits, as the ids a public client cuts from the start of each get_all line (spec §3)
INSERT INTO sqlite_sequence (name, seq) VALUES ('jobs', 1000000);
CREATE INDEX jobs_account ON jobs (account_id, id);
CREATE INDEX jobs_due ON jobs (next_at) WHERE next_at IS NOT NULL;

CREATE TABLE job_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id),
  run INTEGER NOT NULL,                         -- 1, 2, …
  kind TEXT NOT NULL,                           -- 'run', or 'follow' (mes2 / auto-repeat of undelivered messages)
  at INTEGER NOT NULL,
  send_id INTEGER,                              -- the stored send; NULL when the send was refused or lost
  cnt INTEGER NOT NULL DEFAULT 0,
  cost_minor INTEGER NOT NULL DEFAULT 0,
  error INTEGER,                                -- the send.php error of a refused run
  follow_at INTEGER                             -- when its undelivered messages are looked for; NULL: never/done
);
CREATE INDEX job_runs_job ON job_runs (job_id, id);
CREATE INDEX job_runs_follow ON job_runs (follow_at) WHERE follow_at IS NOT NULL;
