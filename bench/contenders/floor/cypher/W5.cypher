// W5: how many non-retracted capex figures there are.
MATCH (a:FinancialFigure)
WHERE a.metric = 'capex' AND a.rank <> 'deprecated'
RETURN {financialFigures: {totalCount: count(a)}} AS data
