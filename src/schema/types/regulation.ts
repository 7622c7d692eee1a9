import { defineEntityType } from './entity.ts';
import { factListsOn } from './facts.ts';

export const RegulationRef = defineEntityType('Regulation', {
  plural: 'regulations',
  description: 'An export control or other regulation.',
  fields: (t) => factListsOn(t, 'Regulation'),
});
