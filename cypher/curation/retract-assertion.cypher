// Name: curation/retract-assertion — retraction keeps the fact: its rank becomes deprecated, with reason and time.
// The fact is locked (SET) before its rank is read, so of concurrent retractions of one fact exactly one finds it
// current and retracts it; the others find it deprecated and answer CONFLICT (without the lock both would, and the
// change log would hold two retractions). Also the keys of the entities and sources it concerns, for the change log.
MATCH (a:Assertion {key: $key})
SET a.retractionLock = true
REMOVE a.retractionLock
WITH a
WHERE a.rank <> 'deprecated'
SET a.rankBeforeRetraction = a.rank,
    a.rank = 'deprecated',
    a.retractionReason = $reason,
    a.retractedAt = toString(datetime()),
    a.retractedBy = $principal
RETURN a {.*, createdAt: null} AS assertion,
  COLLECT { MATCH (a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(e:Entity) RETURN DISTINCT e.key } AS entities,
  COLLECT { MATCH (a)-[:SUPPORTED_BY]->(s:Source) RETURN DISTINCT s.key } AS sources
