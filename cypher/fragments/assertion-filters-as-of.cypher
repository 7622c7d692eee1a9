// Fragment: assertion-filters-as-of — fragments/assertion-filters as the graph stood at $asOf (an ISO instant, never
// null here): facts first seen later are left out, and a fact's rank is the one it had then — one retracted later
// (deprecatedSince after $asOf) was still current, with its rankBeforeRetraction. Facts stamped before the change log
// existed (no firstSeen, or deprecated without deprecatedSince) count as always there, resp. always deprecated.
// Kept apart from assertion-filters so the plans of current reads do not change. Continues a WHERE.
// Written without OR between property conditions and without CASE around a property: the planner turns the first
// into a union of index seeks (order lost, entries read twice) and does not take the second from the index.
AND ($metric IS NULL OR a.metric = $metric)
AND ($mode IS NULL OR a.mode = $mode)
AND coalesce(a.firstSeen <= datetime($asOf), true)
AND coalesce($rank, 'current') IN CASE
  WHEN a.rank = 'deprecated' AND coalesce(a.deprecatedSince > datetime($asOf), false)
    THEN [coalesce(a.rankBeforeRetraction, 'normal'), 'current']
  WHEN a.rank = 'deprecated' THEN ['deprecated']
  ELSE [a.rank, 'current'] END
AND ($periodYear IS NULL OR a.periodYear = $periodYear)
AND ($periodType IS NULL OR a.periodType = $periodType)
AND ($entity IS NULL OR EXISTS { (a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(:Entity {key: $entity}) })
AND ($country IS NULL OR EXISTS {
  (a)-[:SUBJECT|MEMBER]->(:Entity)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
AND ($textContains IS NULL OR toLower(coalesce(a.text, a.summary)) CONTAINS toLower($textContains))
