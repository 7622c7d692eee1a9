// Name: epoch/h100e-by-country — the first $limit rows of H100-equivalents existing vs planned per country, per Epoch dataset (never summed across datasets, which overlap). Clusters: Existing vs Planned rows. Sites: current H100e vs the peak of projected build-out rows beyond it.
CALL () {
  MATCH (dc:DataCenter {dataset: 'epoch-gpu-clusters'})
  WHERE dc.status IN ['Existing', 'Planned']
  OPTIONAL MATCH (dc)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(country:Place {placeType: 'country'})
  RETURN 'epoch-gpu-clusters' AS dataset, country.key AS countryKey, country.name AS country,
    sum(CASE WHEN dc.status = 'Existing' THEN coalesce(dc.h100e, 0.0) ELSE 0.0 END) AS existingH100e,
    sum(CASE WHEN dc.status = 'Planned' THEN coalesce(dc.h100e, 0.0) ELSE 0.0 END) AS plannedH100e,
    count(CASE WHEN dc.status = 'Existing' THEN 1 END) AS existingCount,
    count(CASE WHEN dc.status = 'Planned' THEN 1 END) AS plannedCount,
    count(CASE WHEN dc.suspectH100e THEN 1 END) AS suspectRows
  UNION ALL
  MATCH (dc:DataCenter {dataset: 'epoch-ai-data-centers'})
  OPTIONAL MATCH (dc)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(country:Place {placeType: 'country'})
  OPTIONAL MATCH (s:BuildOutSnapshot)-[:SUBJECT]->(dc)
  WITH dc, country,
    max(CASE WHEN s.mode = 'reported' THEN s.periodLabel END) AS lastReported,
    max(CASE WHEN s.mode = 'forecast' THEN toFloat(s.quantity) END) AS peakForecast,
    collect(s) AS snapshots
  WITH dc, country, peakForecast,
    coalesce(dc.currentH100e, [x IN snapshots WHERE x.periodLabel = lastReported | toFloat(x.quantity)][0], 0.0) AS existing
  RETURN 'epoch-ai-data-centers' AS dataset, country.key AS countryKey, country.name AS country,
    sum(existing) AS existingH100e,
    sum(CASE WHEN peakForecast > existing THEN peakForecast - existing ELSE 0.0 END) AS plannedH100e,
    count(CASE WHEN existing > 0 THEN 1 END) AS existingCount,
    count(CASE WHEN peakForecast > existing THEN 1 END) AS plannedCount,
    0 AS suspectRows
}
RETURN dataset, countryKey, country, existingH100e, plannedH100e, existingCount, plannedCount, suspectRows
ORDER BY dataset, existingH100e + plannedH100e DESC, country
LIMIT $limit
