// Name: epoch/alias-judgements — the Epoch import's alias table as judgements: each row the import used (an Epoch
// name → the entity key it means) is a positive judgement with its source (the table in src/import/epoch/aliases.ts
// and its row), the first CSV row that used it and how often; keyed by table and name, so a second import updates
// them instead of adding more. Only for entities that exist (the import has just written them).
UNWIND $rows AS row
MATCH (e:Entity {key: row.entity})
MERGE (j:Judgement {key: row.key})
ON CREATE SET j.at = $at
SET j.verdict = 'positive', j.entity = row.entity, j.name = row.name, j.reason = row.reason, j.by = $by,
    j.status = 'active', j.merged = false, j.source = row.source, j.locator = row.locator,
    j.firstSeen = row.firstSeen, j.occurrences = row.occurrences
RETURN count(j) AS written
