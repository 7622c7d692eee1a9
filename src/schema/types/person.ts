import { defineEntityType } from './entity.ts';
import { factListsOn } from './facts.ts';

export const PersonRef = defineEntityType('Person', {
  plural: 'people',
  description: 'A person: an executive, an analyst.',
  fields: (t) => factListsOn(t, 'Person'),
});
