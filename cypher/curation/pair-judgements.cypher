// Name: curation/pair-judgements — the active judgements about a pair of entity keys (read inside the write that
// takes the pair's lock: a negative one blocks a merge, an active merge blocks a new judgement), newest first.
MATCH (j:Judgement {pair: $pair})
WHERE j.status = 'active'
WITH j ORDER BY j.at DESC, j.key DESC
RETURN
// @include judgement-fields
AS judgement
