// Name: export/rules — one page of inference rules in key order, with the sources that state them.
MATCH (r:Rule)
WHERE r.key > $after
WITH r ORDER BY r.key LIMIT $limit
RETURN r.key AS key, properties(r) AS props,
       [(r)-[c:STATED_IN]->(s:Source) |
         {source: s.key, snippet: c.snippet, start: c.start, end: c.end, locator: c.locator, position: c.position}] AS sources
ORDER BY key
