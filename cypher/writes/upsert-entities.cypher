// Name: writes/upsert-entities — upsert by key that sets only the fields a row gives (a field left out keeps its
// value) and never overwrites a stored value: a row whose kind, or any given field, differs from what is stored
// changes nothing and comes back in `conflicts` as [field, stored, given] (the caller then rolls back). Changing a
// stored value is the curation mutation updateEntity, which keeps the old value. Aliases are merged, never duplicated.
// One kind label per entity: the label is only ever set to the stored kind.
UNWIND $rows AS row
MERGE (e:Entity {key: row.key})
ON CREATE SET e.createdAt = datetime(), e.kind = row.kind
WITH e, row,
  CASE WHEN e.kind = row.kind THEN [] ELSE [['kind', e.kind, row.kind]] END +
  [k IN keys(row.props) WHERE e[k] IS NOT NULL AND NOT coalesce(e[k] = row.props[k], false) | [k, e[k], row.props[k]]]
    AS clashes
CALL (e, row, clashes) {
  WITH e, row WHERE size(clashes) = 0
  SET e += row.props
  SET e:$(row.kind)
  // The curator of its editorial texts: the first write that names one (not a value a re-declaration can clash with).
  SET e.curator = coalesce(e.curator, row.curator)
  SET e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
      e.aliasKeys = reduce(acc = coalesce(e.aliasKeys, []), a IN row.aliasKeys | CASE WHEN a IN acc THEN acc ELSE acc + a END)
}
RETURN count(e) AS written, collect(CASE WHEN size(clashes) > 0 THEN {key: row.key, clashes: clashes} END) AS conflicts
