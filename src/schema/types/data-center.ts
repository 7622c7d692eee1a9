import { defineEntityType, factsField, singleLinkField } from './entity.ts';
import { EntityRef } from './refs.ts';
import { DevelopmentRef } from './relations.ts';

export const DataCenterRef = defineEntityType('DataCenter', {
  plural: 'dataCenters',
  fields: (t) => ({
    location: singleLinkField(t, EntityRef, 'LOCATED_IN', 'Where it is.'),
    developments: factsField(t, DevelopmentRef, ['OBJECT'], ['Development'], 'Who develops it, as reported.'),
  }),
});
