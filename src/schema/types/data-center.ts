import { defineEntityType, factsField, singleLinkField } from './entity.ts';
import { InvestmentRef } from './investment.ts';
import { EntityRef } from './refs.ts';
import { DevelopmentRef } from './relations.ts';

export const DataCenterRef = defineEntityType('DataCenter', {
  plural: 'dataCenters',
  description: 'A data-centre project, site or GPU cluster.',
  fields: (t) => ({
    location: singleLinkField(t, EntityRef, 'LOCATED_IN', 'Where it is.'),
    developments: factsField(t, DevelopmentRef, ['OBJECT'], ['Development'], 'Who develops it, as reported.'),
    investors: factsField(
      t,
      InvestmentRef,
      ['OBJECT'],
      ['Investment'],
      'Investments in it: who invests (`investors`, as each source names them, several sharing one amount when the ' +
        'source gives no split), how much, as of when, per source. Dated running totals (metric ' +
        'capital_cost_to_date) come with the current figure; filter with `metric`.',
      { metric: true },
    ),
  }),
});
