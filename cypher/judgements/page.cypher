// Name: judgements/page — every judgement, newest first (keyset: at, key, both descending), optionally of one
// verdict and status.
MATCH (j:Judgement)
WHERE j.at IS NOT NULL
  AND ($verdict IS NULL OR j.verdict = $verdict)
  AND ($status IS NULL OR j.status = $status)
  AND ($afterAt IS NULL OR j.at < $afterAt OR (j.at = $afterAt AND j.key < $afterKey))
WITH j ORDER BY j.at DESC, j.key DESC
LIMIT $limit
RETURN
// @include judgement-fields
AS judgement
