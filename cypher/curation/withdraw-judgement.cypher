// Name: curation/withdraw-judgement — withdraws an active negative or unsure judgement (kept, with who, when and
// why it was withdrawn). Positive judgements are withdrawn by curation/unmerge.
MATCH (j:Judgement {key: $key})
WHERE j.status = 'active' AND j.verdict <> 'positive'
SET j.status = 'withdrawn', j.withdrawnAt = $at, j.withdrawnBy = $principal, j.withdrawalReason = $reason
RETURN
// @include judgement-fields
AS judgement
