// Name: epoch/largest-clusters-per-owner — each owner's largest GPU clusters by H100e (Epoch GPU clusters), owners ordered by their largest; suspect GB300 H100e stays flagged.
MATCH (o:Ownership)-[:OBJECT]->(dc:DataCenter {dataset: 'epoch-gpu-clusters'})
WHERE dc.h100e IS NOT NULL
MATCH (o)-[:SUBJECT]->(owner:Entity)
MATCH (o)-[sb:SUPPORTED_BY]->(:Source)
WITH owner, dc, o, sb
ORDER BY dc.h100e DESC, dc.key
WITH owner, count(dc) AS clusterCount, max(dc.h100e) AS largestH100e,
  collect({key: dc.key, name: dc.name, h100e: dc.h100e, status: dc.status, certainty: dc.certainty,
    confidence: o.confidence, suspectH100e: dc.suspectH100e, country: dc.country, locator: sb.locator})[..$perOwner] AS clusters
OPTIONAL MATCH (owner)-[:UNIT_OF]->(parent:Entity)
RETURN owner.key AS ownerKey, owner.name AS owner, parent.key AS parentKey, parent.name AS parent,
  clusterCount, largestH100e, clusters
ORDER BY largestH100e DESC, owner.key
LIMIT $limit
