// Name: migrations/0001-unit-price-property-names — a fact's unit price was stored under the prefix `price`
// (priceMinor, priceCurrency, priceAsReported, priceQualifier, priceLowerMinor, priceUpperMinor, pricePriceBasis)
// while the import format and the API call the field `unitPrice`; it is now stored as unitPriceMinor … (the money
// codec's prefix is the field's name, as for `amount`: docs/adding-a-fact-kind.md). In batches of 10 000 facts, each
// batch its own transaction, so it holds at size L; run again after a crash halfway, it carries on (a renamed fact
// no longer matches). A fact that already has the new names (written by the new code) keeps them; the old ones go.
MATCH (a:Assertion)
WHERE a.priceMinor IS NOT NULL OR a.priceCurrency IS NOT NULL OR a.priceAsReported IS NOT NULL
   OR a.priceQualifier IS NOT NULL OR a.priceLowerMinor IS NOT NULL OR a.priceUpperMinor IS NOT NULL
   OR a.pricePriceBasis IS NOT NULL
CALL (a) {
  WITH a, a.unitPriceMinor IS NULL AS fromOld
  SET a.unitPriceMinor = CASE WHEN fromOld THEN a.priceMinor ELSE a.unitPriceMinor END,
      a.unitPriceCurrency = CASE WHEN fromOld THEN a.priceCurrency ELSE a.unitPriceCurrency END,
      a.unitPriceAsReported = CASE WHEN fromOld THEN a.priceAsReported ELSE a.unitPriceAsReported END,
      a.unitPriceQualifier = CASE WHEN fromOld THEN a.priceQualifier ELSE a.unitPriceQualifier END,
      a.unitPriceLowerMinor = CASE WHEN fromOld THEN a.priceLowerMinor ELSE a.unitPriceLowerMinor END,
      a.unitPriceUpperMinor = CASE WHEN fromOld THEN a.priceUpperMinor ELSE a.unitPriceUpperMinor END,
      a.unitPricePriceBasis = CASE WHEN fromOld THEN a.pricePriceBasis ELSE a.unitPricePriceBasis END
  REMOVE a.priceMinor, a.priceCurrency, a.priceAsReported, a.priceQualifier, a.priceLowerMinor, a.priceUpperMinor,
         a.pricePriceBasis
} IN TRANSACTIONS OF 10000 ROWS;
// The full-text index search_en covered priceAsReported. An index's properties cannot be changed in place: it is
// dropped here and created again over unitPriceAsReported by the schema step, which runs right after the migrations
// (cypher/schema/constraints.cypher).
DROP INDEX search_en IF EXISTS
