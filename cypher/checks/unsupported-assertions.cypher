// Name: checks/unsupported-assertions — facts with no source or an empty snippet (must be none).
MATCH (a:Assertion)
WHERE NOT EXISTS { (a)-[r:SUPPORTED_BY]->(:Source) WHERE size(r.snippet) > 0 }
RETURN collect(a.key) AS keys
