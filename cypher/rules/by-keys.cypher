// Name: rules/by-keys — inference rules for a batch of keys (DataLoader), with the sources that state them.
UNWIND $keys AS k
OPTIONAL MATCH (r:Rule {key: k})
RETURN k AS requested,
  CASE WHEN r IS NULL THEN null ELSE r {
    .key, .name, .statement, .regulation, .jurisdiction, .context, .limits, .curator,
    sources: [(r)-[c:STATED_IN]->(s:Source) |
      {sourceKey: s.key, snippet: c.snippet, start: c.start, end: c.end, locator: c.locator, verified: c.verified,
       position: c.position}]
  } END AS rule
