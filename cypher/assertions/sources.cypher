// Name: assertions/sources — each assertion's supporting sources with the verbatim snippet (DataLoader). Each source
// whole when $props is null, else as the list of the values of the properties named in $props.
UNWIND $keys AS k
MATCH (a:Assertion {key: k})-[r:SUPPORTED_BY]->(s:Source)
WITH k, r, s ORDER BY s.key, r.start
RETURN k AS key,
       collect({snippet: r.snippet, start: r.start, end: r.end, locator: r.locator, verified: coalesce(r.verified, false),
               source: CASE WHEN $props IS NULL THEN s {.*, createdAt: null} ELSE [p IN $props | s[p]] END}) AS sources
