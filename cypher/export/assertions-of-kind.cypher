// Name: export/assertions-of-kind — one page of one kind of assertion in key order (the (kind, key) index gives
// seek and order), with roles and SUPPORTED_BY snippets: one CSV table of GET /export/csv/<table>.
MATCH (a:Assertion)
WHERE a.kind = $kind AND a.key > $after
WITH a ORDER BY a.kind, a.key LIMIT $limit
// @include export-assertion-row
ORDER BY key
