// Name: facts/keys-of-entity — the keys of the grouped facts (statementGroup set) the entity $key takes part in, in
// any role: read before a merge moves them, to regroup them after it.
MATCH (:Entity {key: $key})<-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]-(a:Assertion)
WHERE a.statementGroup IS NOT NULL
RETURN collect(DISTINCT a.key) AS keys
