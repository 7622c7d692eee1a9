export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Median with the spread as (max − min) / median, in percent. */
export function summarise(xs: number[]) {
  const med = median(xs);
  const spread = med ? Math.round(((Math.max(...xs) - Math.min(...xs)) / med) * 100) : 0;
  return { median: Math.round(med * 100) / 100, spreadPct: spread, runs: xs };
}
