// Name: sources/count — totalCount for the sources connection.
MATCH (s:Source)
WHERE $titleContains IS NULL OR toLower(s.title) CONTAINS toLower($titleContains)
RETURN count(s) AS total
