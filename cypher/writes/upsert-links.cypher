// Name: writes/upsert-links — timeless structure (PART_OF, MADE_BY, LOCATED_IN, UNIT_OF) with the sources that say
// it, as parallel lists on the relationship (sourceKeys, snippets, starts, ends, locators; -1 and "" where a citation
// has none); a re-imported link's citations are merged, never duplicated. Types come from a closed enum.
UNWIND $rows AS row
MATCH (a:Entity {key: row.from})
MATCH (b:Entity {key: row.to})
MERGE (a)-[r:$(row.rel)]->(b)
WITH r, row,
  [i IN range(0, size(row.sourceKeys) - 1)
    WHERE NOT any(j IN range(0, size(coalesce(r.sourceKeys, [])) - 1)
      WHERE r.sourceKeys[j] = row.sourceKeys[i] AND r.snippets[j] = row.snippets[i] AND r.locators[j] = row.locators[i])
  ] AS fresh
SET r.sourceKeys = coalesce(r.sourceKeys, []) + [i IN fresh | row.sourceKeys[i]],
    r.snippets = coalesce(r.snippets, []) + [i IN fresh | row.snippets[i]],
    r.starts = coalesce(r.starts, []) + [i IN fresh | row.starts[i]],
    r.ends = coalesce(r.ends, []) + [i IN fresh | row.ends[i]],
    r.locators = coalesce(r.locators, []) + [i IN fresh | row.locators[i]]
RETURN count(*) AS written
