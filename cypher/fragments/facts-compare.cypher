// Fragment: facts-compare — how the facts `x` and `y` of one statement group compare, as a map expression
// {amount, change, value}: true where they disagree, false where they agree, null where they cannot be compared.
// amount: each amount is the interval its source's words allow (src/domain/interval.ts reportedInterval): ± half its
//   stated precision for exact, rounded and approximate amounts ("23 billion yuan", precision 1 billion: 22.5–23.5
//   billion; no precision stated: the amount itself), a range's bounds widened the same way, from the threshold up for
//   more_than/at_least, up to it for less_than. Two amounts disagree when their intervals do not overlap. Bounds are
//   doubled so that half a precision stays an exact integer of minor units. Amounts are compared in one currency and
//   price basis: the facts' own, or one fact's amount against the other's conversion into that currency as its source
//   reported it (a GroupFigure's "$7 billion" for 50 bn yuan). Otherwise (other currencies and no reported
//   conversion: the graph holds no exchange rates) they are not compared.
// change: the same, for changes of one basis (yoy, qoq …), in basis points.
// value: link kinds' value (the target entities and status, statementValue): different means disagree.
{
  amount: CASE
    WHEN x.amountMinor IS NULL OR y.amountMinor IS NULL THEN null
    WHEN x.amountCurrency = y.amountCurrency AND coalesce(x.amountPriceBasis, '') = coalesce(y.amountPriceBasis, '') THEN
      coalesce(CASE WHEN x.amountQualifier = 'less_than' THEN null WHEN x.amountQualifier IN ['more_than', 'at_least'] THEN 2 * x.amountMinor ELSE 2 * coalesce(x.amountLowerMinor, x.amountMinor) - coalesce(x.amountPrecisionMinor, 0) END >
        CASE WHEN y.amountQualifier IN ['more_than', 'at_least'] THEN null WHEN y.amountQualifier = 'less_than' THEN 2 * y.amountMinor ELSE 2 * coalesce(y.amountUpperMinor, y.amountMinor) + coalesce(y.amountPrecisionMinor, 0) END, false)
      OR coalesce(CASE WHEN y.amountQualifier = 'less_than' THEN null WHEN y.amountQualifier IN ['more_than', 'at_least'] THEN 2 * y.amountMinor ELSE 2 * coalesce(y.amountLowerMinor, y.amountMinor) - coalesce(y.amountPrecisionMinor, 0) END >
        CASE WHEN x.amountQualifier IN ['more_than', 'at_least'] THEN null WHEN x.amountQualifier = 'less_than' THEN 2 * x.amountMinor ELSE 2 * coalesce(x.amountUpperMinor, x.amountMinor) + coalesce(x.amountPrecisionMinor, 0) END, false)
    WHEN x.conversionCurrency = y.amountCurrency AND coalesce(x.conversionPriceBasis, '') = coalesce(y.amountPriceBasis, '') THEN
      coalesce(CASE WHEN x.conversionQualifier = 'less_than' THEN null WHEN x.conversionQualifier IN ['more_than', 'at_least'] THEN 2 * x.conversionMinor ELSE 2 * coalesce(x.conversionLowerMinor, x.conversionMinor) - coalesce(x.conversionPrecisionMinor, 0) END >
        CASE WHEN y.amountQualifier IN ['more_than', 'at_least'] THEN null WHEN y.amountQualifier = 'less_than' THEN 2 * y.amountMinor ELSE 2 * coalesce(y.amountUpperMinor, y.amountMinor) + coalesce(y.amountPrecisionMinor, 0) END, false)
      OR coalesce(CASE WHEN y.amountQualifier = 'less_than' THEN null WHEN y.amountQualifier IN ['more_than', 'at_least'] THEN 2 * y.amountMinor ELSE 2 * coalesce(y.amountLowerMinor, y.amountMinor) - coalesce(y.amountPrecisionMinor, 0) END >
        CASE WHEN x.conversionQualifier IN ['more_than', 'at_least'] THEN null WHEN x.conversionQualifier = 'less_than' THEN 2 * x.conversionMinor ELSE 2 * coalesce(x.conversionUpperMinor, x.conversionMinor) + coalesce(x.conversionPrecisionMinor, 0) END, false)
    WHEN y.conversionCurrency = x.amountCurrency AND coalesce(x.amountPriceBasis, '') = coalesce(y.conversionPriceBasis, '') THEN
      coalesce(CASE WHEN x.amountQualifier = 'less_than' THEN null WHEN x.amountQualifier IN ['more_than', 'at_least'] THEN 2 * x.amountMinor ELSE 2 * coalesce(x.amountLowerMinor, x.amountMinor) - coalesce(x.amountPrecisionMinor, 0) END >
        CASE WHEN y.conversionQualifier IN ['more_than', 'at_least'] THEN null WHEN y.conversionQualifier = 'less_than' THEN 2 * y.conversionMinor ELSE 2 * coalesce(y.conversionUpperMinor, y.conversionMinor) + coalesce(y.conversionPrecisionMinor, 0) END, false)
      OR coalesce(CASE WHEN y.conversionQualifier = 'less_than' THEN null WHEN y.conversionQualifier IN ['more_than', 'at_least'] THEN 2 * y.conversionMinor ELSE 2 * coalesce(y.conversionLowerMinor, y.conversionMinor) - coalesce(y.conversionPrecisionMinor, 0) END >
        CASE WHEN x.amountQualifier IN ['more_than', 'at_least'] THEN null WHEN x.amountQualifier = 'less_than' THEN 2 * x.amountMinor ELSE 2 * coalesce(x.amountUpperMinor, x.amountMinor) + coalesce(x.amountPrecisionMinor, 0) END, false)
    END,
  change: CASE WHEN x.changeBp IS NULL OR y.changeBp IS NULL
      OR coalesce(x.changeBasis, 'yoy') <> coalesce(y.changeBasis, 'yoy') THEN null ELSE
    coalesce(CASE WHEN x.changeQualifier = 'less_than' THEN null WHEN x.changeQualifier IN ['more_than', 'at_least'] THEN 2 * x.changeBp ELSE 2 * x.changeBp - coalesce(x.changePrecisionBp, 0) END >
      CASE WHEN y.changeQualifier IN ['more_than', 'at_least'] THEN null WHEN y.changeQualifier = 'less_than' THEN 2 * y.changeBp ELSE 2 * y.changeBp + coalesce(y.changePrecisionBp, 0) END, false)
    OR coalesce(CASE WHEN y.changeQualifier = 'less_than' THEN null WHEN y.changeQualifier IN ['more_than', 'at_least'] THEN 2 * y.changeBp ELSE 2 * y.changeBp - coalesce(y.changePrecisionBp, 0) END >
      CASE WHEN x.changeQualifier IN ['more_than', 'at_least'] THEN null WHEN x.changeQualifier = 'less_than' THEN 2 * x.changeBp ELSE 2 * x.changeBp + coalesce(x.changePrecisionBp, 0) END, false)
    END,
  value: CASE WHEN x.statementValue IS NULL OR y.statementValue IS NULL THEN null
    ELSE x.statementValue <> y.statementValue END
}
