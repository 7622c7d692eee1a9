/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The valid values nearest to what was given, best first: those that contain it or that it contains (capex →
 * capex, capital_cost?), then by edit distance; only those within half their length. At most `max`.
 */
export function nearestValues(given: string, valid: readonly string[], max = 3): string[] {
  const g = given.toLowerCase().trim();
  return valid
    .map((v) => {
      const l = v.toLowerCase();
      const contains = g.length > 0 && (l.includes(g) || g.includes(l));
      return { v, d: contains ? 0 : editDistance(g, l), limit: Math.max(2, Math.ceil(l.length / 2)) };
    })
    .filter((c) => c.d <= c.limit)
    .sort((a, b) => a.d - b.d || a.v.localeCompare(b.v))
    .slice(0, max)
    .map((c) => c.v);
}
