import { defineEntityType, factsField, singleLinkField } from './entity.ts';
import { ForecastRef } from './forecast.ts';
import { EntityRef } from './refs.ts';
import { ExportControlStatusRef, ProcurementRef } from './relations.ts';

export const ChipRef = defineEntityType('Chip', {
  plural: 'chips',
  fields: (t) => ({
    vendor: singleLinkField(t, EntityRef, 'MADE_BY', 'Who makes it.'),
    purchases: factsField(t, ProcurementRef, ['OBJECT'], ['Procurement'], 'Who buys it, as reported.'),
    exportControls: factsField(
      t,
      ExportControlStatusRef,
      ['OBJECT'],
      ['ExportControlStatus'],
      'Export controls that restrict it or that it is designed to comply with.',
    ),
    forecasts: factsField(t, ForecastRef, ['SUBJECT'], ['Forecast'], 'Forecasts about it (e.g. shipments).'),
  }),
});
