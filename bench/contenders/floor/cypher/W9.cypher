// W9 (list screen): the first 10 companies (by name, key) domiciled in a country or a place PART_OF it, each with its
// domicile's country and its 3 newest non-retracted financial figures with their sources (snippet, title, url).
// The page is W2's (the (kind, name, key) index gives seek and order); each company's lists are W3's, per company.
MATCH (e:Entity)
WHERE e.kind = 'Company' AND e.name >= '' AND e.key IS NOT NULL
  AND EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
WITH e ORDER BY e.kind ASC, e.name ASC, e.key ASC LIMIT 10
CALL (e) {
  MATCH (e)<-[:SUBJECT]-(d:Domicile)
  WHERE d.rank <> 'deprecated'
  WITH d ORDER BY d.key LIMIT 1
  OPTIONAL MATCH (d)-[:OBJECT]->(p:Entity)
  RETURN collect({country: CASE WHEN p IS NULL THEN null ELSE {key: p.key, name: p.name} END}) AS domiciles
}
CALL (e) {
  MATCH (e)<-[:SUBJECT]-(a:FinancialFigure)
  WHERE a.rank <> 'deprecated'
  WITH a ORDER BY coalesce(a.periodYear, 0) DESC, a.key ASC LIMIT 3
  CALL (a) {
    MATCH (a)-[r:SUPPORTED_BY]->(s:Source)
    WITH r, s ORDER BY s.key, r.start
    RETURN collect({snippet: r.snippet, source: {key: s.key, title: s.title, url: s.url}}) AS sources
  }
  RETURN collect({key: a.key, summary: a.summary, period: {label: a.periodLabel}, amountMinor: a.amountMinor,
                  currency: a.amountCurrency, sources: sources}) AS figures
}
RETURN collect({key: e.key, name: e.name, domiciles: domiciles, figures: figures}) AS nodes
