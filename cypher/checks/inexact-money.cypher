// Name: checks/inexact-money — money stored other than as integer minor units with a currency (must be none).
MATCH (a:Assertion)
UNWIND ['amount', 'conversion', 'price'] AS prefix
WITH a, prefix, a[prefix + 'Minor'] AS minor, a[prefix + 'Currency'] AS currency,
     a[prefix + 'LowerMinor'] AS lower, a[prefix + 'UpperMinor'] AS upper
WHERE (minor IS NOT NULL OR currency IS NOT NULL)
  AND (NOT minor IS :: INTEGER OR NOT currency IS :: STRING
       OR (lower IS NOT NULL AND NOT lower IS :: INTEGER) OR (upper IS NOT NULL AND NOT upper IS :: INTEGER))
RETURN collect(a.key + ':' + prefix) AS problems
