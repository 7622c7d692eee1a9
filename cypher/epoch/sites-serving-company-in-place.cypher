// Name: epoch/sites-serving-company-in-place — (the first $limit) Epoch data centres in a place (or below it) that a company, or a unit of it, owns, owns chips at, or uses, with Epoch's confidence, row locator and snippet. WITH clauses split the pattern to keep planning cheap.
MATCH (place:Place {key: $placeKey})
MATCH (dc:DataCenter)-[:LOCATED_IN]->(loc:Place)-[:PART_OF*0..4]->(place)
WITH dc, loc
MATCH (company:Entity {key: $companyKey})
MATCH (a:Assertion)-[:OBJECT]->(dc)
WHERE a.kind IN ['Ownership', 'ChipOwnership', 'Usage']
MATCH (a)-[:SUBJECT]->(who:Entity)
WHERE who = company OR EXISTS { (who)-[:UNIT_OF*1..3]->(company) }
WITH dc, loc, a, who
MATCH (a)-[sb:SUPPORTED_BY]->(s:Source)
WHERE EXISTS { (s)-[:PUBLISHED_BY]->(p:Entity) WHERE p.key = $publisherKey }
OPTIONAL MATCH (a)-[:CONCERNS]->(chip:Chip)
WITH dc, loc, a, who, sb, s, chip
ORDER BY a.periodLabel, a.key
WITH dc, loc, collect({
  assertionKey: a.key, kind: a.kind, partyKey: who.key, party: who.name, confidence: a.confidence,
  mode: a.mode, date: a.periodLabel, chip: chip.name, locator: sb.locator, snippet: sb.snippet,
  sourceKey: s.key, source: s.title, license: s.license, citation: s.citation
}) AS evidence
RETURN dc.key AS key, dc.name AS name, dc.dataset AS dataset, loc.key AS placeKey, loc.name AS place, evidence
ORDER BY name
LIMIT $limit
