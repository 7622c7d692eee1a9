// Name: sources/texts — the stored full text of each of these sources that has one (snippet verification).
UNWIND $keys AS k
MATCH (:Source {key: k})-[:HAS_TEXT]->(t:SourceText)
RETURN k AS key, t.sha256 AS sha256, CASE WHEN $withText THEN t.text END AS text
