// Name: writes/upsert-curators — the curators who write editorial texts (summaries, descriptions, notes), by key.
UNWIND $rows AS row
MERGE (c:Curator {key: row.key})
ON CREATE SET c.createdAt = datetime()
SET c += row.props
RETURN count(c) AS written
