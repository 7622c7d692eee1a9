// W3: the first 10 companies by name, each with its 5 newest financial figures and their sources.
MATCH (c:Entity)
WHERE c.kind = 'Company' AND c.name IS NOT NULL
WITH c ORDER BY c.name ASC, c.key ASC LIMIT 10
CALL (c) {
  MATCH (c)<-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]-(a:FinancialFigure)
  WHERE a.rank <> 'deprecated'
  WITH DISTINCT a ORDER BY coalesce(a.periodYear, 0) DESC, a.key ASC LIMIT 5
  CALL (a) {
    MATCH (a)-[r:SUPPORTED_BY]->(s:Source)
    WITH r, s ORDER BY s.key, r.start
    RETURN collect({snippet: r.snippet, source: {key: s.key, title: s.title}}) AS sources
  }
  RETURN collect({key: a.key, summary: a.summary, sources: sources}) AS facts
}
RETURN collect({key: c.key, name: c.name, facts: facts}) AS nodes
