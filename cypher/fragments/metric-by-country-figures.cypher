// Fragment: metric-by-country-figures — inside research/metric-by-country's CALL (year): the best-rank figures `a` of
// $metric in `year` (and $periodType) with an amount, their company `c` and the keys `country` of its best-rank
// Domiciles (none: null).
MATCH (a:Assertion)
WHERE a.metric = $metric AND a.periodYear = year
  AND a.kind = 'FinancialFigure' AND a.rank <> 'deprecated' AND a.outranked IS NULL AND a.amountMinor IS NOT NULL
  AND ($periodType IS NULL OR a.periodType = $periodType)
// No `:Entity` check on `c`: only entities take roles in facts (391 db hits less at S).
MATCH (a)-[:SUBJECT]->(c)
// Joined from the Domicile side: expanding from a hub company walks every fact it is the subject of (PROFILE on
// the benchmark's S data: 225k db hits that way, 8.7k with the join).
OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
USING JOIN ON c
WHERE d.rank <> 'deprecated' AND d.outranked IS NULL
