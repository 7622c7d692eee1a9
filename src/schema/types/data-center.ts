import { defineEntityType, singleLinkField } from './entity.ts';
import { factListsOn } from './facts.ts';
import { EntityRef } from './refs.ts';

export const DataCenterRef = defineEntityType('DataCenter', {
  plural: 'dataCenters',
  fields: (t) => ({
    location: singleLinkField(t, EntityRef, 'LOCATED_IN', 'Where it is.'),
    ...factListsOn(t, 'DataCenter'),
  }),
});
