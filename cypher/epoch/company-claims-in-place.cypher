// Name: epoch/company-claims-in-place — (the first $limit) what sources other than the given publisher (e.g. the article) assert about a company in a place: assertions with the company as SUBJECT that CONCERN the place (or below) or whose data centre lies there.
MATCH (company:Entity {key: $companyKey})<-[:SUBJECT]-(a:Assertion)
WITH a
MATCH (place:Place {key: $placeKey})
WHERE EXISTS { (a)-[:CONCERNS]->(:Place)-[:PART_OF*0..4]->(place) }
   OR EXISTS { (a)-[:OBJECT]->(:DataCenter)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(place) }
WITH a
MATCH (a)-[sb:SUPPORTED_BY]->(s:Source)
WHERE NOT EXISTS { (s)-[:PUBLISHED_BY]->(p:Entity) WHERE p.key = $publisherKey }
WITH a, s, sb ORDER BY sb.start
WITH a, s, collect(sb.snippet) AS snippets
RETURN a.key AS assertionKey, a.kind AS kind, a.summary AS summary, a.mode AS mode, a.attribution AS attribution,
  a.note AS note, snippets, s.key AS sourceKey, s.title AS source
ORDER BY assertionKey
LIMIT $limit
