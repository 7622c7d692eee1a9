import { defineEntityType, factsField, linkField, singleLinkField } from './entity.ts';
import { EntityRef } from './refs.ts';
import { DevelopmentRef, DomicileRef } from './relations.ts';

export const PlaceRef = defineEntityType('Place', {
  plural: 'places',
  fields: (t) => ({
    parent: singleLinkField(t, EntityRef, 'PART_OF', 'The place it is part of.'),
    subPlaces: linkField(t, EntityRef, 'PART_OF', 'IN', 'Places that are part of it.'),
    dataCenters: linkField(t, EntityRef, 'LOCATED_IN', 'IN', 'Sites located directly in it.'),
    developments: factsField(t, DevelopmentRef, ['CONCERNS'], ['Development'], 'Developments concerning it.'),
    domiciled: factsField(t, DomicileRef, ['OBJECT'], ['Domicile'], 'Organisations based there, as reported.'),
  }),
});
