// "Did you mean …?": the known name nearest a misspelt one, for messages about unknown
// ids, field names, KPIs and series. Distance is Damerau–Levenshtein (optimal string
// alignment: insert, delete, substitute, swap two neighbours), and a name is suggested
// only when it is close for its length, as TypeScript's compiler judges spelling
// (under 40% of the letters changed), so "stroke-ward" finds "stroke-unit" but "icu"
// finds nothing among "cubicles, medical".

/** Edits (insert, delete, substitute, swap of neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Names longer than this are not misspellings worth a suggestion, and would cost length² to compare. */
const LONGEST = 64;

/** The known name nearest `name` if one is close enough to be a likely misspelling; ties go to the first. */
export function nearest(name: string, known: Iterable<string>): string | undefined {
  if (name.length > LONGEST) return undefined;
  const lower = name.toLowerCase();
  const maxLengthGap = Math.max(2, Math.floor(name.length * 0.34));
  let best: string | undefined;
  let bestDistance = Math.floor(name.length * 0.4) + 1; // exclusive bound
  for (const k of known) {
    if (typeof k !== 'string' || k === name || k.length > LONGEST || Math.abs(k.length - name.length) > maxLengthGap) continue;
    if (k.toLowerCase() === lower) return k;
    const distance = editDistance(lower, k.toLowerCase());
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  return best;
}

/** `did you mean "x"?` or '' when nothing is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const n = nearest(name, known);
  return n === undefined ? '' : `did you mean "${n}"?`;
}
