// W4 / W4F: 20 non-retracted facts by key after a key (keyset; null = first page); one extra row for hasNextPage.
MATCH (a:Assertion)
WHERE a.key > coalesce($after, '') AND a.rank <> 'deprecated'
WITH a ORDER BY a.key ASC LIMIT 21
RETURN collect(a {.key, .kind, .summary}) AS rows
