// Fragment: facts-of-entity — for the entity `e` (may be null), each list of facts asked for in $facts
// ({roles, anyRole, kinds, metric, ranks, limit, withSources, withRoles, props, sourceProps, roleProps, asOf}), so an
// entity and the facts its GraphQL selection asks for come back in one statement. Only facts in the roles asked for
// count (anyRole: all five); best rank unless q.ranks names ranks (deprecated and outranked facts left out; given
// ranks: exactly those); newest period first, then key; supporting sources (verbatim snippets) only when asked for,
// and so each fact's participants (every role, as assertions/roles reads them: a fact's `country`, `speaker` … then
// need no statement of their own).
// With q.asOf (an ISO instant), as the graph stood then: facts first seen later are left out, and a fact retracted
// later counts as current (docs/data-model.md#as-of).
// Yields `facts`: one list of {fact, values, sources, roles} per entry of $facts, in the same order: `fact` is the
// whole fact when q.props is null, else `values` holds the properties named in q.props, in that order; each support's
// `source` likewise: the whole source when q.sourceProps is null, else the list of the values of q.sourceProps; and
// each participant's `entity`: whole when q.roleProps is null, else the list of the values of q.roleProps.
CALL (e) {
  UNWIND range(0, size($facts) - 1) AS i
  WITH i, $facts[i] AS q
  CALL (e, q) {
    // The role types are spelled out (a dynamic type expands every relationship of `e`, then reads each one's type)
    // and checked only when q.anyRole is false; no `:Assertion` check, as only facts hold role relationships. At M
    // that took W1's db hits from 112k to 69k (bench/results/issue-18/cypher.md).
    MATCH (e)<-[role:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]-(a)
    WHERE (q.anyRole OR type(role) IN q.roles)
      AND (q.kinds IS NULL OR a.kind IN q.kinds)
      AND (q.metric IS NULL OR a.metric = q.metric)
      AND CASE WHEN q.ranks IS NULL
        THEN (a.rank <> 'deprecated' OR (q.asOf IS NOT NULL AND coalesce(a.deprecatedSince > datetime(q.asOf), false)))
          AND a.outranked IS NULL
        ELSE a.rank IN q.ranks END
      AND (q.asOf IS NULL OR coalesce(a.firstSeen <= datetime(q.asOf), true))
    WITH DISTINCT a
    ORDER BY coalesce(a.periodYear, 0) DESC, a.key ASC
    WITH q, collect(a) AS matched
    UNWIND matched[..q.limit] AS a
    CALL (a, q) {
      MATCH (a)-[r:SUPPORTED_BY]->(s:Source)
      WHERE q.withSources
      WITH r, s ORDER BY s.key, r.start
      RETURN collect({snippet: r.snippet, start: r.start, end: r.end, locator: r.locator,
                      verified: coalesce(r.verified, false),
                      source: CASE WHEN q.sourceProps IS NULL THEN s {.*, createdAt: null}
                                   ELSE [p IN q.sourceProps | s[p]] END}) AS sources
    }
    CALL (a, q) {
      MATCH (a)-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(who:Entity)
      WHERE q.withRoles
      WITH r, who ORDER BY type(r), r.position
      RETURN collect({role: type(r), position: r.position,
                      entity: CASE WHEN q.roleProps IS NULL THEN who {.*, createdAt: null}
                                   ELSE [p IN q.roleProps | who[p]] END}) AS roles
    }
    RETURN collect({fact: CASE WHEN q.props IS NULL THEN a {.*, createdAt: null} END,
                    values: [p IN coalesce(q.props, []) | a[p]], sources: sources, roles: roles}) AS list
  }
  WITH i, list ORDER BY i
  RETURN collect(list) AS facts
}
