// W6: the 10 best full-text hits among companies.
CALL db.index.fulltext.queryNodes('search_text', $q) YIELD node, score
WHERE node.kind = 'Company'
WITH node, score ORDER BY score DESC, node.key ASC LIMIT 10
RETURN {search: collect({score: score, node: {key: node.key}})} AS data
