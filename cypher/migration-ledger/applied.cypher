// Name: migration-ledger/applied — the migrations recorded in this graph, in order.
MATCH (m:Migration)
RETURN m.id AS id, m.name AS name, m.checksum AS checksum, toString(m.appliedAt) AS appliedAt
ORDER BY id
