// Name: curation/find-source — the sources that already hold this key, this URL and this content hash (each may be
// null); the caller reuses one and refuses a key that would take another source's URL or hash.
OPTIONAL MATCH (byKey:Source {key: $key})
OPTIONAL MATCH (byUrl:Source {url: $url})
OPTIONAL MATCH (byHash:Source {contentHash: $contentHash})
RETURN byKey.key AS byKey, byUrl.key AS byUrl, byHash.key AS byHash
