import { defineEntityType, factsField } from './entity.ts';
import { ExportControlStatusRef } from './relations.ts';

export const RegulationRef = defineEntityType('Regulation', {
  plural: 'regulations',
  fields: (t) => ({
    chipStatuses: factsField(
      t,
      ExportControlStatusRef,
      ['SUBJECT'],
      ['ExportControlStatus'],
      'Chips it restricts or that are designed to comply with it.',
    ),
  }),
});
