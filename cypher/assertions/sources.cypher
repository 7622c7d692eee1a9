// Name: assertions/sources — each assertion's supporting sources with the verbatim snippet (DataLoader).
UNWIND $keys AS k
MATCH (a:Assertion {key: k})-[r:SUPPORTED_BY]->(s:Source)
WITH k, r, s ORDER BY s.key, r.start
RETURN k AS key,
       collect({snippet: r.snippet, start: r.start, end: r.end, locator: r.locator, verified: coalesce(r.verified, false),
               source: s {.*, createdAt: null}}) AS sources
