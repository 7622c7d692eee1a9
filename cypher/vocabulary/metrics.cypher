// Name: vocabulary/metrics — every metric the graph's facts use, with how many facts use it (retracted included).
// Reads the assertion_metric index (metric first), not the nodes; at most 500 names.
MATCH (a:Assertion) WHERE a.metric IS NOT NULL
RETURN a.metric AS name, count(*) AS count
ORDER BY name
LIMIT 500
