// Name: assertions/count-of-metric — totalCount when a metric is given: a seek on the (metric, kind, rank) index,
// whose entries also answer the kind and rank conditions without reading the facts (PROFILE on S: 2.7k db hits
// for the capex figures against 12k over the (kind, key) index). The existence conditions let the index apply.
MATCH (a:Assertion)
WHERE a.metric = $metric AND a.kind IS NOT NULL AND a.rank IS NOT NULL
  AND ($kinds IS NULL OR a.kind IN $kinds)
// @include assertion-filters
RETURN count(a) AS total
