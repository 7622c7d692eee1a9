// Name: judgements/count — how many judgements match the filter of judgements/page.
MATCH (j:Judgement)
WHERE j.at IS NOT NULL
  AND ($verdict IS NULL OR j.verdict = $verdict)
  AND ($status IS NULL OR j.status = $status)
RETURN count(j) AS count
