import { FOLD_FUNCTION } from "./search.js";
import type { SqliteDatabase } from "./sqlite.js";

/** Sends indexed per transaction. */
const CHUNK = 2000;
/** How long the indexer waits after the last commit before it catches up, ms. */
const IDLE_MS = 200;

/** The search index's upkeep: sends are indexed in bulk after they are stored, not in the send's transaction. */
export interface SearchIndexer {
  /** New sends were committed: index them soon (at once in bulk once enough are waiting). */
  committed(): void;
  /** Indexes every send not indexed yet (before a search reads the index). */
  catchUp(): void;
  /** Forgets what is pending (after every send was deleted). */
  reset(): void;
  /** Stops the timer. */
  close(): void;
}

/**
 * Keeps the trigram index (`search`) up to date with the sends table. Indexing a send costs more than storing it,
 * and far less per send in bulk, so the write path leaves it out: sends are indexed a chunk per transaction once
 * enough are waiting or the sandbox is idle, and a search first indexes whatever is still waiting, so it never
 * misses a stored message. The watermark is kept in `counters` with the documents it covers.
 */
export function createSearchIndexer(db: SqliteDatabase): SearchIndexer {
  const q = {
    watermark: db.prepare("SELECT value FROM counters WHERE name = 'search_indexed'"),
    setWatermark: db.prepare("UPDATE counters SET value = ? WHERE name = 'search_indexed'"),
    lastSend: db.prepare("SELECT coalesce(max(id), 0) AS id FROM sends"),
    index: db.prepare(
      `INSERT INTO search (rowid, body)
       SELECT s.id, ${FOLD_FUNCTION}(s.sender || char(10) || s.text || char(10) ||
         (SELECT group_concat(m.phone || coalesce(char(10) || m.text, ''), char(10))
            FROM messages m WHERE m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1))
       FROM sends s WHERE s.id > ? AND s.id <= ?`,
    ),
  };
  let indexed = (q.watermark.get() as { value: number }).value;
  let waiting = 0;
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Immediate | undefined;

  const chunk = db.transaction((upTo: number) => {
    q.index.run(indexed, upTo);
    q.setWatermark.run(upTo);
  });
  /** Indexes up to one chunk; true when more is left. */
  function step(): boolean {
    const last = (q.lastSend.get() as { id: number }).id;
    if (last <= indexed) {
      waiting = 0;
      return false;
    }
    const upTo = Math.min(last, indexed + CHUNK);
    chunk(upTo);
    indexed = upTo;
    waiting = Math.max(0, waiting - CHUNK);
    return upTo < last;
  }
  // one chunk per turn of the event loop, so requests get in between
  const drain = () => {
    soon = undefined;
    if (step()) soon = setImmediate(drain);
  };

  return {
    committed() {
      waiting++;
      if (waiting >= CHUNK) {
        soon ??= setImmediate(drain);
        return;
      }
      if (timer) timer.refresh();
      else {
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
      q.setWatermark.run(indexed);
      waiting = 0;
    },
    close() {
      if (timer) clearTimeout(timer);
      if (soon) clearImmediate(soon);
      timer = undefined;
      soon = undefined;
    },
  };
}
