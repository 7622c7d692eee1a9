// Name: system/label-counts — how many nodes each label has, from the count store (no scan): the query-cost model
// counts a connection at no more rows than the graph holds of its type.
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
UNWIND data.nodes AS n
WITH n WHERE n.label IS NOT NULL
RETURN n.label AS label, n.count AS count
