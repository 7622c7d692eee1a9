// Name: changes/last — the change log's last seq and when it was written (0 and null for an empty log).
OPTIONAL MATCH (counter:ChangeCounter {id: 'changes'})
RETURN coalesce(counter.seq, 0) AS last, counter.at AS at
