import { defineEntityType, factsField, linkField, singleLinkField } from './entity.ts';
import { FinancialFigureRef, GroupFigureRef } from './figures.ts';
import { InvestmentRef } from './investment.ts';
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
  investments: factsField(
    t,
    InvestmentRef,
    ['SUBJECT'],
    ['Investment'],
    'What it invests in, how much, per source (alone or with co-investors named in the same fact).',
    { metric: true },
  ),
  investmentsReceived: factsField(t, InvestmentRef, ['OBJECT'], ['Investment'], 'Investments made in it.', {
    metric: true,
  }),
  quotesAbout: factsField(t, QuoteRef, ['CONCERNS'], ['Quote'], 'Quotes concerning it.'),
  claimsAbout: factsField(
    t,
    ClaimRef,
    ['CONCERNS', 'SUBJECT'],
    ['Claim'],
    'Claims about it (it is their subject or concerned), whoever made them — e.g. an analyst’s claim about ByteDance.',
  ),
  claimsMade: factsField(
    t,
    ClaimRef,
    ['SPEAKER'],
    ['Claim'],
    'Claims the organisation itself makes as their speaker (e.g. a publisher’s self-description). Not what its ' +
      'people said: for that, `positions { person { claimsMade quotes } }`.',
  ),
  statements: factsField(t, ClaimRef, ['SPEAKER'], ['Claim'], 'Claims it makes (same as claimsMade).', {
    deprecationReason:
      'Use claimsMade (claims it makes itself; its people’s are on positions { person { claimsMade } }).',
  }),
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
  description: 'A company: a spender, buyer, chip vendor or cloud provider.',
  fields: organizationFields,
});

export const OrganizationRef = defineEntityType('Organization', {
  plural: 'organizations',
  description: 'Another organisation: publisher, research firm, government body, dataset publisher.',
  fields: organizationFields,
});
