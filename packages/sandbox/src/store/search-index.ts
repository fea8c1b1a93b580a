import { FOLD_FUNCTION, MAX_SEARCH_BODY, PARTIAL } from "./search.js";
import type { SqliteDatabase } from "./sqlite.js";

/** Sends indexed per transaction. */
const CHUNK = 2000;
/** How long a committed send waits at most before the indexer takes it (with the others waiting then), ms. */
const IDLE_MS = 200;

/** The search index's upkeep: sends are indexed in bulk after they are stored, not in the send's transaction. */
export interface SearchIndexer {
  /** New sends were committed: index them soon (at once in bulk once enough are waiting). */
  committed(): void;
  /** Indexes every send not indexed yet (before a search reads the index). */
  catchUp(): void;
  /** Forgets what is pending (after every send was deleted). */
  reset(): void;
  /** Stops the timer, after indexing what is still waiting (so a restart finds a complete index). */
  close(): void;
}

/** The statement that indexes the sends in an id range; `checked` leaves out those the index already holds. */
function indexSql(checked: boolean): string {
  return `INSERT INTO search (rowid, body)
       SELECT id, CASE WHEN length(doc) > ${MAX_SEARCH_BODY}
         THEN substr(doc, 1, ${MAX_SEARCH_BODY}) || char(10) || '${PARTIAL}' ELSE doc END
       FROM (SELECT s.id, ${FOLD_FUNCTION}(s.sender || char(10) || s.text || char(10) ||
         (SELECT group_concat(m.phone || coalesce(char(10) || m.text, ''), char(10))
            FROM messages m WHERE m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1)) AS doc
         FROM sends s WHERE s.id > ? AND s.id <= ?${
           checked ? " AND s.id NOT IN (SELECT rowid FROM search WHERE rowid > ? AND rowid <= ?)" : ""
         })`;
}

/**
 * Keeps the trigram index (`search`) up to date with the sends table. Indexing a send costs more than storing it,
 * and far less per send in bulk, so the write path leaves it out: sends are indexed a chunk per transaction once
 * enough are waiting or the first of them has waited 200 ms, and a search first indexes whatever is still waiting, so it never
 * misses a stored message. The watermark is kept in `counters` with the documents it covers.
 */
export function createSearchIndexer(db: SqliteDatabase): SearchIndexer {
  const q = {
    watermark: db.prepare("SELECT value FROM counters WHERE name = 'search_indexed'"),
    setWatermark: db.prepare("UPDATE counters SET value = ? WHERE name = 'search_indexed'"),
    lastSend: db.prepare("SELECT coalesce(max(id), 0) AS id FROM sends"),
    firstPending: db.prepare("SELECT min(send_id) AS id FROM pending_sends"),
    index: db.prepare(indexSql(true)),
    // when nothing above the watermark can be indexed yet, the check against the index is not needed
    indexFresh: db.prepare(indexSql(false)),
  };
  // every send up to `indexed` is in the index (the watermark); every send up to `scanned` that was in `sends` when
  // it was scanned is too. They differ while a send written in pieces is pending: its `sends` row comes last, after
  // sends with higher ids, so the watermark waits below it and later steps index it when it appears.
  let indexed = (q.watermark.get() as { value: number }).value;
  let scanned = indexed;
  let waiting = 0;
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Immediate | undefined;

  // whether every indexed send is at or below `indexed`: unknown after an open (a pending send may have held the
  // watermark back), true after a step that moved it as far as it scanned
  let fresh = false;

  const chunk = db.transaction((upTo: number, mark: number) => {
    if (fresh) q.indexFresh.run(indexed, upTo);
    else q.index.run(indexed, upTo, indexed, upTo);
    q.setWatermark.run(mark);
  });
  /** Indexes up to one chunk; true when more is left. */
  function step(): boolean {
    const last = (q.lastSend.get() as { id: number }).id;
    const upTo = Math.min(last, scanned + CHUNK);
    if (upTo <= indexed) {
      waiting = 0;
      return false;
    }
    const pending = (q.firstPending.get() as { id: number | null }).id;
    const mark = pending === null ? upTo : Math.max(indexed, Math.min(upTo, pending - 1));
    chunk(upTo, mark);
    fresh = mark === upTo;
    indexed = mark;
    scanned = upTo;
    waiting = Math.max(0, waiting - CHUNK);
    return upTo < last;
  }
  // one chunk per turn of the event loop, so requests get in between
  const drain = () => {
    soon = undefined;
    if (step()) soon = setImmediate(drain);
  };

  // a database closed mid-way (kill -9) may have sends left to index: catch up in the background
  soon = setImmediate(drain);

  return {
    committed() {
      waiting++;
      if (waiting >= CHUNK) {
        soon ??= setImmediate(drain);
        return;
      }
      // at most IDLE_MS after the first send that waits, also under steady load: a search then has little to catch up
      if (!timer) {
        timer = setTimeout(() => {
          timer = undefined;
          soon ??= setImmediate(drain);
        }, IDLE_MS);
        timer.unref();
      }
    },
    catchUp() {
      while (step());
    },
    reset() {
      indexed = (q.lastSend.get() as { id: number }).id;
      scanned = indexed;
      q.setWatermark.run(indexed);
      waiting = 0;
    },
    close() {
      while (step());
      if (timer) clearTimeout(timer);
      if (soon) clearImmediate(soon);
      timer = undefined;
      soon = undefined;
    },
  };
}
