// Name: resolution/candidates — likely duplicates for review, never merged by this: pairs of entities (the one
// with the smaller key first) sharing a normalised name or alias (NFKC, lower case: aliasKeys, which hold the name
// too) or a Wikidata id, without an active judgement about the pair. Bounded and indexed: it examines at most $scan
// entities, in key order from $afterEntity (itself included when $includeAfterEntity: a page that stopped inside its
// pairs; a range seek on entity_key), and for each looks its names up in the
// search_text full-text index (the name and aliases fields only, as a phrase, at most 50 hits each; exact
// membership in aliasKeys is checked after) and its Wikidata id in entity_wikidata — no scan, whatever the graph's
// size. Answers at most $limit pairs in key order, after ($afterEntity, $afterOther), with how many entities it
// examined and the last one, so the next page starts after it.
CALL () {
  MATCH (e:Entity)
  WHERE e.key >= $afterEntity AND (e.key > $afterEntity OR $includeAfterEntity)
  WITH e ORDER BY e.key
  LIMIT $scan
  RETURN collect(e) AS window
}
CALL (window) {
  UNWIND window AS e
  CALL (e) {
    UNWIND coalesce(e.aliasKeys, []) AS n
    WITH DISTINCT e, n
    WHERE trim(n) <> ''
    WITH e, n, '"' + replace(replace(n, '\\', '\\\\'), '"', '\\"') + '"' AS phrase
    CALL db.index.fulltext.queryNodes('search_text', 'name:' + phrase + ' OR aliases:' + phrase, {limit: 50})
    YIELD node
    WITH e, n, node AS o
    WHERE o:Entity AND o.key > e.key AND n IN o.aliasKeys
    RETURN o
    UNION
    WITH e
    WHERE e.wikidata IS NOT NULL
    MATCH (o:Entity {wikidata: e.wikidata})
    WHERE o.key > e.key
    RETURN o
  }
  WITH e, o
  WHERE (e.key > $afterEntity OR o.key > $afterOther)
    AND NOT EXISTS { MATCH (j:Judgement {pair: e.key + '|' + o.key}) WHERE j.status = 'active' }
  WITH e, o ORDER BY e.key, o.key
  LIMIT $limit
  RETURN collect({
    entity: e {.key, .name, .kind, .aliasKeys, .wikidata},
    other: o {.key, .name, .kind, .aliasKeys, .wikidata}
  }) AS pairs
}
RETURN pairs, size(window) AS examined, window[-1].key AS lastExamined
