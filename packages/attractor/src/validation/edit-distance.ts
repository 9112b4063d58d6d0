/**
 * Edit distance for did-you-mean suggestions.
 * @module
 */

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
 * adjacent characters each cost 1 (`promtp` -> `prompt` is 1). Case-sensitive. O(a.length * b.length).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/**
 * The candidate closest to `name` within `maxDistance` (default 2) edits, or `undefined`. Short
 * names need proportionally closer matches (distance * 3 <= length), so `lane` does not suggest
 * `label`. Ties go to the earlier candidate.
 */
export function closestName(name: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d <= maxDistance && d * 3 <= name.length && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
