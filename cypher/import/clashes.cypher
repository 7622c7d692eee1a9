// Name: import/clashes — which entity and source rows of an import would be refused by writes/upsert-entities or
// writes/upsert-sources because they differ from what is stored (the same rules), read before anything is written.
CALL () {
  UNWIND $entities AS row
  MATCH (e:Entity {key: row.key})
  WITH row,
    CASE WHEN e.kind = row.kind THEN [] ELSE [['kind', e.kind, row.kind]] END +
    [k IN keys(row.props) WHERE e[k] IS NOT NULL AND NOT coalesce(e[k] = row.props[k], false) | [k, e[k], row.props[k]]]
      AS clashes
  WHERE size(clashes) > 0
  RETURN collect({line: row.line, key: row.key, clashes: clashes}) AS entities
}
CALL () {
  UNWIND $sources AS row
  OPTIONAL MATCH (s:Source {key: row.key})
  OPTIONAL MATCH (other:Source {url: row.props.url}) WHERE other.key <> row.key
  WITH row, s, other,
    CASE WHEN s IS NULL THEN [] ELSE
      [k IN keys(row.props) WHERE s[k] IS NOT NULL AND NOT coalesce(s[k] = row.props[k], false) | [k, s[k], row.props[k]]]
    END +
    CASE WHEN other IS NULL THEN [] ELSE [['url', 'the URL of ' + other.key, row.props.url]] END AS clashes
  WHERE size(clashes) > 0
  RETURN collect({line: row.line, key: row.key, clashes: clashes}) AS sources
}
RETURN entities, sources
