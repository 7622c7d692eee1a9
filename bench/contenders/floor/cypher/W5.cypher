// W5: how many non-retracted capex figures there are, from the (metric, kind, rank) index's entries alone.
MATCH (a:Assertion)
WHERE a.metric = 'capex' AND a.kind = 'FinancialFigure' AND a.rank IS NOT NULL AND a.rank <> 'deprecated'
RETURN {financialFigures: {totalCount: count(a)}} AS data
