/** The case fold of search: Unicode lower-casing (SQLite's own lower() knows only ASCII). */
export function fold(s: string): string {
  return s.toLocaleLowerCase();
}

/** The SQL name of `fold`, registered on every connection the store opens. */
export const FOLD_FUNCTION = "smsc_fold";

/**
 * An FTS5 query for the sends whose document holds every trigram of every needle (AND of single trigrams, since
 * the index keeps no positions); undefined when a needle is shorter than a trigram, which the index cannot narrow.
 */
export function trigramQuery(needles: string[]): string | undefined {
  const grams = new Set<string>();
  for (const needle of needles) {
    const chars = Array.from(fold(needle));
    if (chars.length < 3) return undefined;
    for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(""));
  }
  return [...grams].map((g) => `"${g.replaceAll('"', '""')}"`).join(" AND ");
}
