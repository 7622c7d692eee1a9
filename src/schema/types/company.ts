import { defineEntityType, linkField, singleLinkField } from './entity.ts';
import { factListsOn } from './facts.ts';
import { EntityRef } from './refs.ts';

type Builder = Parameters<NonNullable<Parameters<typeof defineEntityType>[1]['fields']>>[0];

/** Fields every organisation has, companies and others (publishers, research firms, governments). */
const organizationFields = (kind: 'Company' | 'Organization') => (t: Builder) => ({
  ...factListsOn(t, kind),
  parentUnit: singleLinkField(
    t,
    EntityRef,
    'UNIT_OF',
    'The organisation it is a unit of (e.g. Alibaba Cloud → Alibaba).',
  ),
  units: linkField(t, EntityRef, 'UNIT_OF', 'IN', 'Its units.'),
  products: linkField(t, EntityRef, 'MADE_BY', 'IN', 'Chips and products it makes.'),
});

export const CompanyRef = defineEntityType('Company', {
  plural: 'companies',
  fields: organizationFields('Company'),
});

export const OrganizationRef = defineEntityType('Organization', {
  plural: 'organizations',
  fields: organizationFields('Organization'),
});
