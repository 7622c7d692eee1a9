// Name: curation/claim-assertion-key — creates the fact's node first thing in its transaction. Under the
// assertion_key constraint a concurrent writer of the same key waits for this transaction and then fails with a
// constraint violation, so of N writers of one key exactly one succeeds (the others answer CONFLICT).
// createdVia/createdBy say which activity recorded the fact (the JSON-LD export's prov:wasGeneratedBy).
CREATE (a:Assertion {key: $key})
SET a.createdAt = datetime(), a.createdVia = 'mutation', a.createdBy = $principal
RETURN a.key AS key
