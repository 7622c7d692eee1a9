import { defineEntityType, linkField, singleLinkField } from './entity.ts';
import { factListsOn } from './facts.ts';
import { EntityRef } from './refs.ts';

export const PlaceRef = defineEntityType('Place', {
  plural: 'places',
  fields: (t) => ({
    parent: singleLinkField(t, EntityRef, 'PART_OF', 'The place it is part of.'),
    subPlaces: linkField(t, EntityRef, 'PART_OF', 'IN', 'Places that are part of it.'),
    dataCenters: linkField(t, EntityRef, 'LOCATED_IN', 'IN', 'Sites located directly in it.'),
    ...factListsOn(t, 'Place'),
  }),
});
