import { defineEntityType, singleLinkField } from './entity.ts';
import { factListsOn } from './facts.ts';
import { EntityRef } from './refs.ts';

export const ChipRef = defineEntityType('Chip', {
  plural: 'chips',
  fields: (t) => ({
    vendor: singleLinkField(t, EntityRef, 'MADE_BY', 'Who makes it.'),
    ...factListsOn(t, 'Chip'),
  }),
});
