// Name: facts/refresh-groups — after facts, their roles or their ranks changed: for each statement group in $groups,
// marks its facts `contested` when the group holds two facts or more (of any rank; `conflicts` reads only these), and
// `outranked` its normal facts when it holds a preferred one (best rank: default reads leave those out). Each flag is
// removed (set to null) otherwise, so a fact alone in its group carries neither. Index seeks on statementGroup.
// Groups ($groups sorted) and facts are written in key order, so concurrent writers take their locks in one order.
UNWIND $groups AS g
CALL (g) {
  MATCH (a:Assertion {statementGroup: g})
  WITH a ORDER BY a.key
  WITH collect(a) AS facts
  WITH facts, any(f IN facts WHERE f.rank = 'preferred') AS hasPreferred
  UNWIND facts AS a
  WITH a, CASE WHEN size(facts) > 1 THEN true END AS contested,
    CASE WHEN hasPreferred AND a.rank = 'normal' THEN true END AS outranked
  // Only the facts whose flags change are written (and locked): an import adding one fact to a large group leaves the
  // rest of the group as it was.
  WHERE (a.contested IS NULL) <> (contested IS NULL) OR (a.outranked IS NULL) <> (outranked IS NULL)
  SET a.contested = contested, a.outranked = outranked
}
RETURN count(*) AS groups
