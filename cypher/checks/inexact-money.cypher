// Name: checks/inexact-money — money stored other than as integer minor units with a currency, or with a precision
// that is not a positive integer dividing the amount (must be none).
MATCH (a:Assertion)
UNWIND ['amount', 'conversion', 'price'] AS prefix
WITH a, prefix, a[prefix + 'Minor'] AS minor, a[prefix + 'Currency'] AS currency,
     a[prefix + 'LowerMinor'] AS lower, a[prefix + 'UpperMinor'] AS upper, a[prefix + 'PrecisionMinor'] AS precision
WHERE (minor IS NOT NULL OR currency IS NOT NULL)
  AND (NOT minor IS :: INTEGER OR NOT currency IS :: STRING
       OR (lower IS NOT NULL AND NOT lower IS :: INTEGER) OR (upper IS NOT NULL AND NOT upper IS :: INTEGER)
       OR (precision IS NOT NULL AND NOT precision IS :: INTEGER)
       OR CASE WHEN precision IS :: INTEGER AND minor IS :: INTEGER
               THEN CASE WHEN precision <= 0 THEN true ELSE minor % precision <> 0 END ELSE false END)
RETURN collect(a.key + ':' + prefix) AS problems
