/**
 * "Did you mean" for mistyped commands, options, rule selectors and rule names:
 * the candidates closest by edit distance, so a typo costs one more try, not a
 * trip to the help.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment):
 * `scna` is one edit from `scan`, as a typist would count it.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * Up to `limit` candidates within a third of the input's length (at least one
 * edit), nearest first and in the candidates' order among equals; failing
 * those, candidates containing the input (`watermark` -> `missing-watermark`).
 * Case is ignored.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const typed = input.toLowerCase();
  if (typed === '') return [];
  const budget = Math.max(1, Math.floor(typed.length / 3));
  const near = candidates
    .map((candidate, order) => ({ candidate, order, distance: editDistance(typed, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= budget)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map(({ candidate }) => candidate);
  if (near.length > 0) return unique(near).slice(0, limit);
  if (typed.length < 3) return [];
  return unique(candidates.filter((candidate) => candidate.toLowerCase().includes(typed))).slice(0, limit);
}

/** ` (did you mean 'scan'?)`, ` (did you mean 'P101', 'P102' or 'P103'?)`, or '' when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[], limit = 3): string {
  const matches = closestMatches(input, candidates, limit).map((match) => `'${match}'`);
  if (matches.length === 0) return '';
  const list = matches.length === 1 ? matches[0] : `${matches.slice(0, -1).join(', ')} or ${matches[matches.length - 1]}`;
  return ` (did you mean ${list}?)`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
