// Fragment: facts-compare — how the facts `x` and `y` of one statement group compare, as a map expression
// {amount, change, value}: true where they disagree, false where they agree, null where they cannot be compared.
// amount: each amount is an interval — [lower, upper] for a range, the amount itself when exact or approximate, open
//   above for more_than/at_least, open below for less_than — and two disagree when their intervals do not overlap.
//   Amounts are exact integers of minor units, so 23 billion yuan and 23 000 000 000 CNY are one value. They are
//   compared in one currency and price basis: the facts' own, or one fact's amount against the other's conversion
//   into that currency as its source reported it (a GroupFigure's "$7 billion" for 50 bn yuan). Otherwise (other
//   currencies, no reported conversion: the graph holds no exchange rates) they are not compared.
// change: the same, for changes of one basis (yoy, qoq …), in basis points.
// value: link kinds' value (the target entities and status, statementValue): different means disagree.
{
  amount: CASE
    WHEN x.amountMinor IS NULL OR y.amountMinor IS NULL THEN null
    WHEN x.amountCurrency = y.amountCurrency AND coalesce(x.amountPriceBasis, '') = coalesce(y.amountPriceBasis, '') THEN
      coalesce(CASE WHEN x.amountQualifier = 'less_than' THEN null ELSE coalesce(x.amountLowerMinor, x.amountMinor) END >
               CASE WHEN y.amountQualifier IN ['more_than', 'at_least'] THEN null ELSE coalesce(y.amountUpperMinor, y.amountMinor) END, false)
      OR coalesce(CASE WHEN y.amountQualifier = 'less_than' THEN null ELSE coalesce(y.amountLowerMinor, y.amountMinor) END >
               CASE WHEN x.amountQualifier IN ['more_than', 'at_least'] THEN null ELSE coalesce(x.amountUpperMinor, x.amountMinor) END, false)
    WHEN x.conversionCurrency = y.amountCurrency AND coalesce(x.conversionPriceBasis, '') = coalesce(y.amountPriceBasis, '') THEN
      coalesce(CASE WHEN x.conversionQualifier = 'less_than' THEN null ELSE coalesce(x.conversionLowerMinor, x.conversionMinor) END >
               CASE WHEN y.amountQualifier IN ['more_than', 'at_least'] THEN null ELSE coalesce(y.amountUpperMinor, y.amountMinor) END, false)
      OR coalesce(CASE WHEN y.amountQualifier = 'less_than' THEN null ELSE coalesce(y.amountLowerMinor, y.amountMinor) END >
               CASE WHEN x.conversionQualifier IN ['more_than', 'at_least'] THEN null ELSE coalesce(x.conversionUpperMinor, x.conversionMinor) END, false)
    WHEN y.conversionCurrency = x.amountCurrency AND coalesce(x.amountPriceBasis, '') = coalesce(y.conversionPriceBasis, '') THEN
      coalesce(CASE WHEN x.amountQualifier = 'less_than' THEN null ELSE coalesce(x.amountLowerMinor, x.amountMinor) END >
               CASE WHEN y.conversionQualifier IN ['more_than', 'at_least'] THEN null ELSE coalesce(y.conversionUpperMinor, y.conversionMinor) END, false)
      OR coalesce(CASE WHEN y.conversionQualifier = 'less_than' THEN null ELSE coalesce(y.conversionLowerMinor, y.conversionMinor) END >
               CASE WHEN x.amountQualifier IN ['more_than', 'at_least'] THEN null ELSE coalesce(x.amountUpperMinor, x.amountMinor) END, false)
    END,
  change: CASE WHEN x.changeBp IS NULL OR y.changeBp IS NULL
      OR coalesce(x.changeBasis, 'yoy') <> coalesce(y.changeBasis, 'yoy') THEN null ELSE
    coalesce(CASE WHEN x.changeQualifier = 'less_than' THEN null ELSE x.changeBp END >
             CASE WHEN y.changeQualifier IN ['more_than', 'at_least'] THEN null ELSE y.changeBp END, false)
    OR coalesce(CASE WHEN y.changeQualifier = 'less_than' THEN null ELSE y.changeBp END >
             CASE WHEN x.changeQualifier IN ['more_than', 'at_least'] THEN null ELSE x.changeBp END, false)
    END,
  value: CASE WHEN x.statementValue IS NULL OR y.statementValue IS NULL THEN null
    ELSE x.statementValue <> y.statementValue END
}
