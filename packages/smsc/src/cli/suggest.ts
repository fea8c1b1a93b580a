/**
 * Edit distance with adjacent transpositions (optimal string alignment): "sned" is one step from "send", as a
 * typist sees it, where plain Levenshtein counts two.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  // three rows: the one two back is needed for transpositions
  let before = new Array<number>(y.length + 1).fill(0);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * The candidates a mistyped word most likely meant, nearest first (at most three): those within one edit (two
 * for words over four characters), and those the word begins (two characters at least). Case is ignored.
 */
export function suggest(word: string, candidates: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const limit = [...w].length > 4 ? 2 : 1;
  const scored: Array<[string, number]> = [];
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    if (lc === w) continue;
    const d = editDistance(w, lc);
    if (d <= limit && d < [...w].length) scored.push([c, d]);
    else if (w.length >= 2 && lc.startsWith(w)) scored.push([c, limit + 1]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([c]) => c);
}

/** ` Did you mean "send"?` (or two or three names), or "" when nothing is near. */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  quote = (s: string) => `"${s}"`,
): string {
  const s = suggest(word, candidates).map(quote);
  if (s.length === 0) return "";
  return ` Did you mean ${s.length === 1 ? s[0] : `${s.slice(0, -1).join(", ")} or ${s.at(-1)}`}?`;
}
