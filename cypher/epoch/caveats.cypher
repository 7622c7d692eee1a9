// Name: epoch/caveats — Epoch's known data problems as imported: anonymized systems (and any owner wrongly attached), rows with suspect H100e.
CALL () {
  MATCH (dc:DataCenter {anonymized: true})
  OPTIONAL MATCH (o:Assertion)-[:OBJECT]->(dc) WHERE o.kind IN ['Ownership', 'ChipOwnership']
  RETURN count(DISTINCT dc) AS anonymized, count(o) AS anonymizedOwnerships
}
CALL () {
  MATCH (dc:DataCenter {suspectH100e: true})
  WITH dc ORDER BY dc.epochRow
  RETURN collect({key: dc.key, name: dc.name, row: dc.epochRow, h100e: dc.h100e}) AS suspectH100e
}
RETURN anonymized, anonymizedOwnerships, suspectH100e
