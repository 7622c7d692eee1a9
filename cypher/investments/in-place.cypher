// Name: investments/in-place — (the first $limit) Investments in targets located in a place or below it, largest
// amount first (those without an amount last), with the target's place and the investors in their order. Running
// totals of a site's timeline (metric capital_cost_to_date) are history, not further investments: left out here.
MATCH (place:Place {key: $place})
MATCH (target:Entity)-[:LOCATED_IN]->(loc:Place)-[:PART_OF*0..4]->(place)
MATCH (a:Investment)-[:OBJECT]->(target)
WHERE a.rank <> 'deprecated' AND a.outranked IS NULL AND coalesce(a.metric, '') <> 'capital_cost_to_date'
WITH DISTINCT a, target, loc
RETURN a.key AS investmentKey, target.key AS targetKey, loc.key AS placeKey,
  COLLECT { MATCH (a)-[r:SUBJECT]->(i:Entity) RETURN i.key ORDER BY r.position } AS investorKeys
ORDER BY a.amountMinor IS NULL, a.amountMinor DESC, a.key
LIMIT $limit
