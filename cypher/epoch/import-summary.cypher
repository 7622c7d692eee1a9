// Name: epoch/import-summary — what an Epoch import put in the graph: data centres per dataset (and site-table rows), assertions per source, kind and file.
CALL () {
  MATCH (dc:DataCenter) WHERE dc.dataset IS NOT NULL
  RETURN 'entity' AS what, dc.dataset AS dataset, 'DataCenter' AS kind, '' AS file, count(*) AS n
  UNION ALL
  MATCH (dc:DataCenter) WHERE dc.siteTableRow IS NOT NULL
  RETURN 'entity' AS what, dc.dataset AS dataset, 'DataCenter' AS kind, 'data_centers.csv' AS file, count(*) AS n
  UNION ALL
  MATCH (a:Assertion)-[r:SUPPORTED_BY]->(s:Source)-[:PUBLISHED_BY]->(:Entity {key: $publisherKey})
  RETURN 'assertion' AS what, s.key AS dataset, a.kind AS kind, split(r.locator, ' row ')[0] AS file,
    count(DISTINCT a) AS n
}
RETURN what, dataset, kind, file, n
ORDER BY what, dataset, kind, file
