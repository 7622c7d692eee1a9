import { defineEntityType } from './entity.ts';
import { factListsOn } from './facts.ts';

export const PersonRef = defineEntityType('Person', {
  plural: 'people',
  fields: (t) => factListsOn(t, 'Person'),
});
