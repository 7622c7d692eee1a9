// Fragment: export-assertion-row — an export page's assertion `a`: its properties (minor units and basis points as
// strings: they may exceed 2^53), roles and SUPPORTED_BY snippets. Continues after `WITH a ORDER BY … LIMIT …`.
RETURN a.key AS key,
       a {
         .*,
         amountMinor: toString(a.amountMinor), amountLowerMinor: toString(a.amountLowerMinor),
         amountUpperMinor: toString(a.amountUpperMinor),
         conversionMinor: toString(a.conversionMinor), conversionLowerMinor: toString(a.conversionLowerMinor),
         conversionUpperMinor: toString(a.conversionUpperMinor),
         unitPriceMinor: toString(a.unitPriceMinor), unitPriceLowerMinor: toString(a.unitPriceLowerMinor),
         unitPriceUpperMinor: toString(a.unitPriceUpperMinor),
         changeBp: toString(a.changeBp)
       } AS props,
       [(a)-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(e:Entity) | {type: type(r), key: e.key, position: r.position}] AS roles,
       [(a)-[r:SUPPORTED_BY]->(s:Source) |
         {source: s.key, snippet: r.snippet, start: r.start, end: r.end, locator: r.locator, position: r.position}] AS sources
