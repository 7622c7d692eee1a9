// Name: curation/retract-assertion — retraction keeps the fact: its rank becomes deprecated, with reason and time.
MATCH (a:Assertion {key: $key})
WHERE a.rank <> 'deprecated'
SET a.rankBeforeRetraction = a.rank,
    a.rank = 'deprecated',
    a.retractionReason = $reason,
    a.retractedAt = toString(datetime()),
    a.retractedBy = $principal
RETURN a {.*, createdAt: null} AS assertion
