// Name: export/assertions — one page of assertions in key order, with roles and SUPPORTED_BY snippets.
MATCH (a:Assertion)
WHERE a.key > $after
WITH a ORDER BY a.key LIMIT $limit
// @include export-assertion-row
ORDER BY key
