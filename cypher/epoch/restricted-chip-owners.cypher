// Name: epoch/restricted-chip-owners — the first $limit owners (most sites first) of clusters/sites (or of the chips there) deploying a vendor's chips that a regulation's ExportControlStatus marks "restricted" (directly or through the chip's family), with the owner's domicile where known.
MATCH (:Regulation {key: $regulationKey})<-[:SUBJECT]-(ecs:ExportControlStatus {status: 'restricted'})-[:OBJECT]->(restricted:Chip)
MATCH (chip:Chip)-[:UNIT_OF*0..2]->(restricted)
WHERE EXISTS { (chip)-[:MADE_BY]->(:Entity {key: $vendorKey}) }
CALL (chip) {
  MATCH (dep:ChipDeployment)-[:OBJECT]->(chip)
  MATCH (dep)-[:SUBJECT]->(dc:DataCenter)<-[:OBJECT]-(own:Ownership)-[:SUBJECT]->(owner:Entity)
  RETURN owner, dc, own, 'owns the cluster or site' AS basis
  UNION
  MATCH (own:ChipOwnership)-[:CONCERNS]->(chip)
  MATCH (own)-[:SUBJECT]->(owner:Entity)
  MATCH (own)-[:OBJECT]->(dc:DataCenter)
  RETURN owner, dc, own, 'owns the chips' AS basis
}
OPTIONAL MATCH (ecs)-[:CONCERNS]->(concerned:Place)
WITH owner, chip, restricted, dc, own, basis, collect(DISTINCT concerned.name) AS restrictionConcerns
// Rows in a fixed order, so every list below comes back in the same order on every run.
ORDER BY owner.key, chip.name, restricted.name, dc.name, basis, own.confidence
WITH owner,
  collect(DISTINCT restricted.name) AS restrictedBy,
  collect(DISTINCT chip.name) AS chips,
  count(DISTINCT dc) AS sites,
  collect(DISTINCT dc.name)[..20] AS siteNames,
  collect(DISTINCT basis) AS bases,
  collect(DISTINCT own.confidence) AS confidences,
  reduce(acc = [], x IN collect(restrictionConcerns) | acc + [p IN x WHERE NOT p IN acc]) AS restrictionConcerns
OPTIONAL MATCH (owner)-[:UNIT_OF*0..3]->(:Entity)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(home:Place)
WITH owner, restrictedBy, chips, sites, siteNames, bases, confidences, restrictionConcerns,
  collect(DISTINCT home.name) AS domicile
RETURN owner.key AS ownerKey, owner.name AS owner, domicile, restrictedBy, restrictionConcerns, chips, sites,
  siteNames, bases, confidences
ORDER BY sites DESC, owner.key
LIMIT $limit
