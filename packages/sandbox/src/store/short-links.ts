import type { SqliteDatabase } from "./sqlite.js";

/** A short link of a send with tinyurl=1. */
export interface ShortLinkRow {
  /** The code at the end of its URL, unique in the sandbox (tinyurls.php `id`). */
  code: string;
  accountId: number;
  login: string;
  /** The original link. */
  url: string;
  /** ms */
  createdAt: number;
  /** Every click. */
  clicks: number;
}

/** A link to store with the send that first used it. */
export interface NewShortLink {
  code: string;
  url: string;
}

/** Clicks of a link on given days (`YYYY-MM-DD`, Moscow time) and in a month (`YYYY-MM`). */
export interface ClickCounts {
  day: number;
  yesterday: number;
  month: number;
}

/** The short links' storage (migration 0021). The send writer inserts new links in its own transaction. */
export interface ShortLinkQueries {
  byCode(code: string): ShortLinkRow | undefined;
  byUrl(accountId: number, url: string): ShortLinkRow | undefined;
  /** Counts a click on `day`; undefined for an unknown code. */
  click(code: string, day: string): ShortLinkRow | undefined;
  counts(code: string, days: { today: string; yesterday: string; month: string }): ClickCounts;
  /** Links newest first. */
  list(filter: { accountId?: number; limit: number }): ShortLinkRow[];
  /** Deletes every link and its clicks. */
  reset(): void;
}

interface Row {
  code: string;
  account_id: number;
  login: string;
  url: string;
  created_at: number;
  clicks: number;
}

const toRecord = (r: Row): ShortLinkRow => ({
  code: r.code,
  accountId: r.account_id,
  login: r.login,
  url: r.url,
  createdAt: r.created_at,
  clicks: r.clicks,
});

const SELECT = "SELECT l.*, a.login FROM short_links l JOIN accounts a ON a.id = l.account_id";

/** The statement the send writer runs for each new link; a link another send stored first is left as it is. */
export const INSERT_SHORT_LINK =
  "INSERT OR IGNORE INTO short_links (code, account_id, url, created_at) VALUES (?, ?, ?, ?)";

/** Prepares the short-link statements on an open database. */
export function createShortLinkQueries(db: SqliteDatabase): ShortLinkQueries {
  const q = {
    byCode: db.prepare(`${SELECT} WHERE l.code = ?`),
    byUrl: db.prepare(`${SELECT} WHERE l.account_id = ? AND l.url = ?`),
    total: db.prepare("UPDATE short_links SET clicks = clicks + 1 WHERE code = ?"),
    day: db.prepare(
      `INSERT INTO short_link_clicks (code, day, clicks) VALUES (?, ?, 1)
       ON CONFLICT (code, day) DO UPDATE SET clicks = clicks + 1`,
    ),
    onDay: db.prepare(
      "SELECT coalesce(sum(clicks), 0) AS n FROM short_link_clicks WHERE code = ? AND day = ?",
    ),
    inMonth: db.prepare(
      "SELECT coalesce(sum(clicks), 0) AS n FROM short_link_clicks WHERE code = ? AND day LIKE ? || '-%'",
    ),
    all: db.prepare(`${SELECT} ORDER BY l.created_at DESC, l.code LIMIT ?`),
    byAccount: db.prepare(`${SELECT} WHERE l.account_id = ? ORDER BY l.created_at DESC, l.code LIMIT ?`),
    resetClicks: db.prepare("DELETE FROM short_link_clicks"),
    resetLinks: db.prepare("DELETE FROM short_links"),
  };
  const get = (code: string) => {
    const r = q.byCode.get(code) as Row | undefined;
    return r ? toRecord(r) : undefined;
  };
  const click = db.transaction((code: string, day: string) => {
    if (q.total.run(code).changes === 0) return undefined;
    q.day.run(code, day);
    return get(code);
  });
  const n = (stmt: typeof q.onDay, ...args: string[]) => (stmt.get(...args) as { n: number }).n;
  return {
    byCode: get,
    byUrl(accountId, url) {
      const r = q.byUrl.get(accountId, url) as Row | undefined;
      return r ? toRecord(r) : undefined;
    },
    click: (code, day) => click(code, day),
    counts: (code, d) => ({
      day: n(q.onDay, code, d.today),
      yesterday: n(q.onDay, code, d.yesterday),
      month: n(q.inMonth, code, d.month),
    }),
    list(f) {
      const rows = f.accountId === undefined ? q.all.all(f.limit) : q.byAccount.all(f.accountId, f.limit);
      return (rows as Row[]).map(toRecord);
    },
    reset: db.transaction(() => {
      q.resetClicks.run();
      q.resetLinks.run();
    }),
  };
}
