// Name: checks/supports-of-source — every snippet that points at one source, for verbatim checks.
MATCH (a:Assertion)-[r:SUPPORTED_BY]->(:Source {key: $source})
RETURN a.key AS assertion, r.snippet AS snippet, r.start AS start, r.end AS end
ORDER BY a.key, r.start
