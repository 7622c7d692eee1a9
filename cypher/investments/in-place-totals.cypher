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
  // The interval of the sum, as in research/metric-by-country (src/domain/interval.ts aggregatedInterval).
  toString(sum(CASE WHEN a.amountMinor IS NULL OR a.amountQualifier = 'less_than' THEN 0
                    WHEN a.amountQualifier = 'range' THEN coalesce(a.amountLowerMinor, a.amountMinor)
                    ELSE a.amountMinor END)) AS lowMinor,
  toString(sum(CASE WHEN a.amountMinor IS NULL OR a.amountQualifier IN ['more_than', 'at_least'] THEN 0
                    WHEN a.amountQualifier = 'range' THEN coalesce(a.amountUpperMinor, a.amountMinor)
                    ELSE a.amountMinor END)) AS highMinor,
  toString(sum(CASE WHEN a.amountMinor IS NULL OR a.amountQualifier IN ['more_than', 'at_least', 'less_than'] THEN 0
                    ELSE coalesce(a.amountPrecisionMinor, 1) END)) AS precisionMinor,
  any(q IN collect(a.amountQualifier) WHERE q = 'less_than') AS openBelow,
  any(q IN collect(a.amountQualifier) WHERE q IN ['more_than', 'at_least']) AS openAbove,
  count(CASE WHEN EXISTS { (a)-[:SUBJECT]->(:Entity) } THEN 1 END) AS withNamedInvestors
ORDER BY sourceKey, metric, currency, priceBasis, mode
LIMIT $limit
