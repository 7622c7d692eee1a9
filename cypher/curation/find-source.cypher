// Name: curation/find-source — an existing source with this key, URL or content hash (sources are upserted by them).
OPTIONAL MATCH (byKey:Source {key: $key})
OPTIONAL MATCH (byUrl:Source {url: $url})
OPTIONAL MATCH (byHash:Source {contentHash: $contentHash})
RETURN coalesce(byKey.key, byUrl.key, byHash.key) AS key
