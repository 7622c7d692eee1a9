// Name: assertions/corroboration — for each fact of $keys (DataLoader): the sources supporting it or a fact of its
// statement group that agrees with it (fragments/facts-compare: no value disagrees and at least one is compared
// equal; retracted/deprecated facts never count), and the independent origins among them: a source's publisher
// entity, or the source itself when it names none. Two snippets or two articles of one publisher are one origin.
// Everything is counted; the lists returned (agreeing fact keys, publishers) hold at most $listLimit each.
UNWIND $keys AS k
MATCH (x:Assertion {key: k})
CALL (x) {
  OPTIONAL MATCH (y:Assertion {statementGroup: x.statementGroup})
  WHERE x.contested = true AND y <> x AND y.rank <> 'deprecated'
  WITH x, y
  WITH y,
// @include facts-compare
  AS d
  WHERE y IS NOT NULL AND NOT coalesce(d.amount OR d.change OR d.value, false)
    AND (d.amount = false OR d.change = false OR d.value = false)
  WITH y ORDER BY y.key
  RETURN collect(y) AS agreeing
}
CALL (x, agreeing) {
  UNWIND [x] + agreeing AS f
  MATCH (f)-[:SUPPORTED_BY]->(s:Source)
  OPTIONAL MATCH (s)-[:PUBLISHED_BY]->(p:Entity)
  RETURN count(DISTINCT s) AS sources, count(DISTINCT coalesce(p.key, s.key)) AS origins,
         collect(DISTINCT p {.*, createdAt: null})[..$listLimit] AS publishers
}
RETURN k AS key, [f IN agreeing | f.key][..$listLimit] AS agreeing, size(agreeing) AS agreeingCount, sources, origins,
       publishers
