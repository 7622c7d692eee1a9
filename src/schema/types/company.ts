import { defineEntityType, factsField, linkField, singleLinkField } from './entity.ts';
import { FinancialFigureRef, GroupFigureRef } from './figures.ts';
import { EntityRef } from './refs.ts';
import { DevelopmentRef, DomicileRef, OwnershipRef, PositionRef, ProcurementRef } from './relations.ts';
import { ClaimRef, QuoteRef } from './statements.ts';

type Builder = Parameters<NonNullable<Parameters<typeof defineEntityType>[1]['fields']>>[0];

/** Fields every organisation has, companies and others (publishers, research firms, governments). */
export const organizationFields = (t: Builder) => ({
  figures: factsField(t, FinancialFigureRef, ['SUBJECT'], ['FinancialFigure'], 'Its reported financial figures.', {
    metric: true,
  }),
  groupFigures: factsField(t, GroupFigureRef, ['MEMBER'], ['GroupFigure'], 'Group figures it is a member of.', {
    metric: true,
  }),
  positions: factsField(t, PositionRef, ['OBJECT'], ['Position'], 'People holding roles there.'),
  domiciles: factsField(t, DomicileRef, ['SUBJECT'], ['Domicile'], 'Where it is based, as reported.'),
  parents: factsField(t, OwnershipRef, ['OBJECT'], ['Ownership'], 'Reported owners or parents.'),
  subsidiaries: factsField(t, OwnershipRef, ['SUBJECT'], ['Ownership'], 'Reported subsidiaries or holdings.'),
  purchases: factsField(t, ProcurementRef, ['SUBJECT'], ['Procurement'], 'Chips and processors it buys.'),
  developments: factsField(
    t,
    DevelopmentRef,
    ['SUBJECT'],
    ['Development'],
    'Data-centre and infrastructure developments.',
  ),
  quotesAbout: factsField(t, QuoteRef, ['CONCERNS'], ['Quote'], 'Quotes concerning it.'),
  claimsAbout: factsField(t, ClaimRef, ['CONCERNS', 'SUBJECT'], ['Claim'], 'Claims about it.'),
  statements: factsField(t, ClaimRef, ['SPEAKER'], ['Claim'], 'Claims it makes (e.g. a publisher’s self-description).'),
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
  fields: organizationFields,
});

export const OrganizationRef = defineEntityType('Organization', {
  plural: 'organizations',
  fields: organizationFields,
});
