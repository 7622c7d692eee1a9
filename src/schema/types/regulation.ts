import { defineEntityType } from './entity.ts';
import { factListsOn } from './facts.ts';

export const RegulationRef = defineEntityType('Regulation', {
  plural: 'regulations',
  fields: (t) => factListsOn(t, 'Regulation'),
});
