// Name: assertions/count-of-metric-best — totalCount of a metric's facts at best rank when no other filter is given
// (the common "how many capex figures" count). Same answer as count-of-metric: the facts the (metric, kind, rank)
// index lists as not deprecated, minus the outranked ones, found through the index on `outranked` (only outranked
// facts hold it). Neither side reads a fact: at M 27k db hits against 52k for reading `outranked` fact by fact.
CALL () {
  MATCH (a:Assertion)
  WHERE a.metric = $metric AND a.kind IS NOT NULL AND a.rank IS NOT NULL AND a.rank <> 'deprecated'
    AND ($kinds IS NULL OR a.kind IN $kinds)
  RETURN count(a) AS listed
}
CALL () {
  MATCH (a:Assertion)
  WHERE a.outranked = true AND a.metric = $metric AND a.rank <> 'deprecated' AND ($kinds IS NULL OR a.kind IN $kinds)
  RETURN count(a) AS outranked
}
RETURN listed - outranked AS total
