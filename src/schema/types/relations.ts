import { defineAssertionType, roleField } from './assertion.ts';

export const PositionRef = defineAssertionType('Position', {
  plural: 'positions',
  description: 'A person’s role at an organisation, as reported (e.g. Eddie Wu, CEO of Alibaba).',
  fields: (t) => ({
    person: roleField(t, 'SUBJECT', 'The person.', true),
    organization: roleField(t, 'OBJECT', 'The organisation.', true),
  }),
});

export const OwnershipRef = defineAssertionType('Ownership', {
  plural: 'ownerships',
  description: 'A parent–child link as reported (a news report’s “parent company”, not a consolidation record).',
  fields: (t) => ({
    parent: roleField(t, 'SUBJECT', 'The parent or owner.', true),
    child: roleField(t, 'OBJECT', 'The company or asset owned.', true),
  }),
});

export const DomicileRef = defineAssertionType('Domicile', {
  plural: 'domiciles',
  description: 'Where an organisation is based, as the source states it (e.g. “Chinese technology companies”).',
  fields: (t) => ({
    organization: roleField(t, 'SUBJECT', 'The organisation.', true),
    country: roleField(t, 'OBJECT', 'The country or place.', true),
  }),
});

export const ProcurementRef = defineAssertionType('Procurement', {
  plural: 'procurements',
  description: 'Who buys which chips (or unnamed AI processors), as reported.',
  fields: (t) => ({
    buyers: roleField(t, 'SUBJECT', 'The buyers (empty when the source names none).'),
    chips: roleField(t, 'OBJECT', 'The chips bought (empty when unnamed).'),
  }),
});

export const ExportControlStatusRef = defineAssertionType('ExportControlStatus', {
  plural: 'exportControlStatuses',
  description: 'How an export control bears on a chip: restricted, or designed to comply.',
  fields: (t) => ({
    regulation: roleField(t, 'SUBJECT', 'The export control.', true),
    chip: roleField(t, 'OBJECT', 'The chip.', true),
  }),
});

export const DevelopmentRef = defineAssertionType('Development', {
  plural: 'developments',
  description: 'A data-centre or infrastructure development by an organisation at a site or place.',
  fields: (t) => ({
    developer: roleField(t, 'SUBJECT', 'Who builds or expands.', true),
    project: roleField(t, 'OBJECT', 'The site or project.', true),
  }),
});
