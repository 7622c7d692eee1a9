// W1: an entity by key, its 10 newest non-retracted financial figures, their supporting snippets and sources.
MATCH (e:Entity {key: $key})
CALL (e) {
  MATCH (e)<-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]-(a:FinancialFigure)
  WHERE a.rank <> 'deprecated'
  WITH DISTINCT a ORDER BY coalesce(a.periodYear, 0) DESC, a.key ASC LIMIT 10
  CALL (a) {
    MATCH (a)-[r:SUPPORTED_BY]->(s:Source)
    WITH r, s ORDER BY s.key, r.start
    RETURN collect({snippet: r.snippet, source: {key: s.key, title: s.title}}) AS sources
  }
  RETURN collect({key: a.key, summary: a.summary, sources: sources}) AS facts
}
RETURN {entity: {key: e.key, name: e.name, kind: e.kind, facts: facts}} AS data
