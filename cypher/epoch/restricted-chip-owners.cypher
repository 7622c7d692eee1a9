// Name: epoch/restricted-chip-owners — the first $limit owners (most sites first) of clusters/sites (or of the chips
// there) deploying a vendor's chips that the regulation of rule $holderRule marks "restricted" (an ExportControlStatus),
// directly or — only through rule $familyRule — as a part UNIT_OF a restricted family. Every row is inferred: it names
// the rules it used, the regulation's jurisdiction and the places the restriction concerns (its context), and whether
// the owner is domiciled in one of them (false: the source does not say the controls restrict this owner; null:
// domicile unknown).
MATCH (holder:Rule {key: $holderRule})
MATCH (:Regulation {key: holder.regulation})<-[:SUBJECT]-(ecs:ExportControlStatus {status: 'restricted'})-[:OBJECT]->(restricted:Chip)
OPTIONAL MATCH (family:Rule {key: $familyRule})
MATCH path = (chip:Chip)-[:UNIT_OF*0..2]->(restricted)
WHERE EXISTS { (chip)-[:MADE_BY]->(:Entity {key: $vendorKey}) } AND (length(path) = 0 OR family IS NOT NULL)
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
WITH holder, family, owner, chip, restricted, dc, own, basis, length(path) > 0 AS viaFamily
// Rows in a fixed order, so every list below comes back in the same order on every run.
ORDER BY owner.key, chip.name, restricted.name, dc.name, basis, own.confidence
WITH holder, family, owner,
  collect(DISTINCT restricted.name) AS restrictedBy,
  collect(DISTINCT chip.name) AS chips,
  collect(DISTINCT CASE WHEN viaFamily THEN chip.name END) AS chipsViaFamily,
  count(DISTINCT dc) AS sites,
  collect(DISTINCT dc.name)[..20] AS siteNames,
  collect(DISTINCT basis) AS bases,
  collect(DISTINCT own.confidence) AS confidences
OPTIONAL MATCH (owner)-[:UNIT_OF*0..3]->(:Entity)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(home:Place)
WITH holder, family, owner, restrictedBy, chips, chipsViaFamily, sites, siteNames, bases, confidences,
  collect(DISTINCT home.name) AS domicile, collect(DISTINCT home.key) AS homeKeys
OPTIONAL MATCH (jurisdiction:Place {key: holder.jurisdiction})
CALL (holder) {
  OPTIONAL MATCH (place:Place) WHERE place.key IN holder.context
  RETURN collect(place.name) AS restrictionConcerns
}
RETURN owner.key AS ownerKey, owner.name AS owner, domicile, restrictedBy, restrictionConcerns, chips, chipsViaFamily,
  sites, siteNames, bases, confidences,
  [holder.key] + CASE WHEN size(chipsViaFamily) > 0 THEN [family.key] ELSE [] END AS rules,
  jurisdiction.name AS jurisdiction,
  CASE WHEN size(homeKeys) = 0 THEN null ELSE any(k IN homeKeys WHERE k IN holder.context) END AS inRestrictionContext
ORDER BY sites DESC, owner.key
LIMIT $limit
