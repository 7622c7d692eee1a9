// Name: curation/retract-assertion — retraction keeps the fact: its rank becomes deprecated, with reason, time and
// who, and the old rank is kept as a Revision (field rank), as ranks/set-ranks does. The fact is locked (SET) before
// its rank is read, so of concurrent retractions of one fact exactly one finds it current and retracts it; the others
// find it deprecated and answer CONFLICT (without the lock both would, and the change log would hold two
// retractions). Also the keys of the entities and sources it concerns, for the change log.
MATCH (a:Assertion {key: $key})
SET a.retractionLock = true
REMOVE a.retractionLock
WITH a
WHERE a.rank <> 'deprecated'
WITH a, a.rank AS before, toString(datetime()) AS at
SET a.rankBeforeRetraction = a.rank,
    a.rank = 'deprecated',
    a.retractionReason = $reason,
    a.retractedAt = at,
    a.retractedBy = $principal,
    a.rankReason = $reason,
    a.rankedAt = at,
    a.rankedBy = $principal
CREATE (a)-[:REVISED]->(:Revision {field: 'rank', before: before, after: 'deprecated', reason: $reason, at: at,
  by: $principal})
RETURN a {.*, createdAt: null} AS assertion,
  COLLECT { MATCH (a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(e:Entity) RETURN DISTINCT e.key } AS entities,
  COLLECT { MATCH (a)-[:SUPPORTED_BY]->(s:Source) RETURN DISTINCT s.key } AS sources
