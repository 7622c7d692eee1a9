// Name: writes/upsert-entities — idempotent upsert by key; aliases are merged, never duplicated.
UNWIND $rows AS row
MERGE (e:Entity {key: row.key})
ON CREATE SET e.createdAt = datetime()
SET e += row.props, e.kind = row.kind
SET e:$(row.kind)
SET e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.aliasKeys = reduce(acc = coalesce(e.aliasKeys, []), a IN row.aliasKeys | CASE WHEN a IN acc THEN acc ELSE acc + a END)
RETURN count(e) AS written
