// Fragment: conflict-groups — the statement groups whose facts disagree (fragments/facts-compare: amounts or changes
// whose intervals do not overlap, or a link's different target or status), after $after in group order, as rows
// (group, facts, disagreeOn, resolved). Read from the contested facts only (facts sharing a group with another; the
// (contested, statementGroup) index), so the cost grows with those, never with the whole graph. Facts of every rank
// count, so a resolved conflict stays listed (`resolved`: its group has a preferred fact). $entity keeps groups with
// a fact naming it in any role; $kinds and $metric narrow as in AssertionFilter; $resolved (null: both) by state.
MATCH (a:Assertion)
WHERE a.contested = true AND a.statementGroup > $after
  AND ($kinds IS NULL OR a.kind IN $kinds)
  AND ($metric IS NULL OR a.metric = $metric)
WITH a.statementGroup AS groupKey, collect(a) AS facts
WHERE size(facts) > 1
  AND ($entity IS NULL OR any(f IN facts WHERE EXISTS {
    (f)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(:Entity {key: $entity}) }))
CALL (facts) {
  UNWIND facts AS x
  UNWIND facts AS y
  WITH x, y WHERE x.key < y.key
  WITH
// @include facts-compare
  AS d
  WITH collect(d) AS pairs
  RETURN [w IN [['amount', any(p IN pairs WHERE p.amount)], ['change', any(p IN pairs WHERE p.change)],
          ['value', any(p IN pairs WHERE p.value)]] WHERE w[1] | w[0]] AS disagreeOn
}
WITH groupKey, facts, disagreeOn, any(f IN facts WHERE f.rank = 'preferred') AS resolved
WHERE size(disagreeOn) > 0 AND ($resolved IS NULL OR resolved = $resolved)
