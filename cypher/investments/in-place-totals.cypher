// Name: investments/in-place-totals — the Investments of investments/in-place (all of them, not only the first
// page) summed per source, metric, currency, price basis and mode: amounts in different currencies or bases, from
// different datasets (a GPU cluster may be inside a listed site) or reported beside forecast are never added up.
MATCH (place:Place {key: $place})
MATCH (target:Entity)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(place)
MATCH (a:Investment)-[:OBJECT]->(target)
WHERE a.rank <> 'deprecated' AND a.outranked IS NULL AND coalesce(a.metric, '') <> 'capital_cost_to_date'
MATCH (a)-[:SUPPORTED_BY]->(s:Source)
WITH DISTINCT a, s
RETURN s.key AS sourceKey, a.metric AS metric, a.amountCurrency AS currency, a.amountPriceBasis AS priceBasis,
  a.mode AS mode, sum(a.amountMinor) AS totalMinor, count(a.amountMinor) AS withAmount, count(a) AS investments,
  collect(DISTINCT a.amountQualifier) AS qualifiers,
  count(CASE WHEN EXISTS { (a)-[:SUBJECT]->(:Entity) } THEN 1 END) AS withNamedInvestors
ORDER BY sourceKey, metric, currency, priceBasis, mode
LIMIT $limit
