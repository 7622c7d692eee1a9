// Fragment: facts-of-entity — for the entity `e` (may be null), each list of facts asked for in $facts
// ({roles, kinds, metric, ranks, limit, withSources, props}), so an entity and the facts its GraphQL selection
// asks for come back in one statement. Only the relationship types asked for are expanded; best rank unless q.ranks
// names ranks (deprecated and outranked facts left out; given ranks: exactly those); newest period first, then key; supporting sources (verbatim snippets) only when asked for.
// Yields `facts`: one list of {fact, values, sources} per entry of $facts, in the same order: `fact` is the whole
// fact when q.props is null, else `values` holds the properties named in q.props, in that order.
CALL (e) {
  UNWIND range(0, size($facts) - 1) AS i
  WITH i, $facts[i] AS q
  CALL (e, q) {
    MATCH (e)<-[:$any(q.roles)]-(a:Assertion)
    WHERE (q.kinds IS NULL OR a.kind IN q.kinds)
      AND (q.metric IS NULL OR a.metric = q.metric)
      AND CASE WHEN q.ranks IS NULL THEN a.rank <> 'deprecated' AND a.outranked IS NULL ELSE a.rank IN q.ranks END
    WITH DISTINCT a
    ORDER BY coalesce(a.periodYear, 0) DESC, a.key ASC
    WITH q, collect(a) AS matched
    UNWIND matched[..q.limit] AS a
    CALL (a, q) {
      MATCH (a)-[r:SUPPORTED_BY]->(s:Source)
      WHERE q.withSources
      WITH r, s ORDER BY s.key, r.start
      RETURN collect({snippet: r.snippet, start: r.start, end: r.end, locator: r.locator,
                      verified: coalesce(r.verified, false), source: s {.*, createdAt: null}}) AS sources
    }
    RETURN collect({fact: CASE WHEN q.props IS NULL THEN a {.*, createdAt: null} END,
                    values: [p IN coalesce(q.props, []) | a[p]], sources: sources}) AS list
  }
  WITH i, list ORDER BY i
  RETURN collect(list) AS facts
}
