// Name: curation/supersede-judgements — a new judgement of a pair (or a merge) withdraws the pair's active negative
// or unsure ones, naming the judgement that replaced them. An active merge is never superseded: it is un-merged.
MATCH (j:Judgement {pair: $pair})
WHERE j.status = 'active' AND j.verdict <> 'positive'
SET j.status = 'withdrawn', j.withdrawnAt = $at, j.withdrawnBy = $principal,
    j.withdrawalReason = 'superseded by ' + $by, j.supersededBy = $by
RETURN count(j) AS superseded
