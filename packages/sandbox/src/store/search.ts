/** The case fold of search: Unicode lower-casing (SQLite's own lower() knows only ASCII). */
export function fold(s: string): string {
  return s.toLocaleLowerCase();
}

/** The SQL name of `fold`, registered on every connection the store opens. */
export const FOLD_FUNCTION = "smsc_fold";

/**
 * Characters of a send's search document at most. Indexing costs about a microsecond per ten characters, so a send
 * of 10,000 different texts is not indexed whole: its document is cut and marked PARTIAL.
 */
export const MAX_SEARCH_BODY = 128 * 1024;

/** A trigram no text has (private-use characters): it marks a document that was cut, see trigramQuery. */
export const PARTIAL = "\ue000\ue000\ue000";

/**
 * An FTS5 query for the sends whose document holds every trigram of every needle (AND of single trigrams, since
 * the index keeps no positions); undefined when a needle is shorter than a trigram, which the index cannot narrow.
 */
export function trigramQuery(needles: string[]): string | undefined {
  const grams = new Set<string>();
  for (const needle of needles) {
    const chars = Array.from(fold(needle));
    if (chars.length < 3) return undefined;
    for (let i = 0; i + 3 <= chars.length; i++) {
      const gram = chars.slice(i, i + 3).join("");
      // an FTS5 string cannot hold NUL ("unterminated string"); leaving a trigram out only widens the candidates,
      // which the rows then confirm
      if (!gram.includes("\u0000")) grams.add(gram);
    }
  }
  if (grams.size === 0) return undefined;
  // a cut document may hold the needle in the part left out: it is always a candidate
  return `(${[...grams].map((g) => `"${g.replaceAll('"', '""')}"`).join(" AND ")}) OR "${PARTIAL}"`;
}
