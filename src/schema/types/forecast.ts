import type { AssertionRow } from '../../domain/rows.ts';
import { derivedMoney, moneyOf } from '../../domain/values.ts';
import { builder } from '../builder.ts';
import { defineAssertionType, roleField } from './assertion.ts';
import { MoneyRef } from './values.ts';

const ImpliedValueRef = builder
  .objectRef<{ low: ReturnType<typeof derivedMoney>; high: ReturnType<typeof derivedMoney>; explanation: string }>(
    'ImpliedValueRange',
  )
  .implement({
    description: 'A value this service computes from a forecast (units × unit price range). Always derived.',
    fields: (t) => ({
      low: t.field({
        type: MoneyRef,
        description: 'Units × the low end of the unit price, e.g. 12 000 000 000 USD.',
        resolve: (v) => v.low,
      }),
      high: t.field({
        type: MoneyRef,
        description: 'Units × the high end of the unit price, e.g. 13 000 000 000 USD.',
        resolve: (v) => v.high,
      }),
      explanation: t.exposeString('explanation', {
        description:
          'How it was computed, in the source’s words, e.g. "over a million H20 units × between $12,000 and $13,000 (quantity is a lower bound …)".',
      }),
    }),
  });

export const ForecastRef = defineAssertionType('Forecast', {
  plural: 'forecasts',
  description: 'A forecast, e.g. analysts’ expected shipments of a chip, with quantity and unit price.',
  fields: (t) => ({
    subjects: roleField(t, 'SUBJECT', 'What is forecast (e.g. the chip).'),
    concerns: roleField(t, 'CONCERNS', 'Markets and customers concerned.'),
    impliedValue: t.field({
      type: ImpliedValueRef,
      nullable: true,
      description: 'Units × unit price (low and high end of a price range); derived, never reported.',
      resolve: (a: AssertionRow) => {
        const price = moneyOf(a, 'price');
        if (!price || a.quantity === null || a.quantity === undefined || !/^\d+$/.test(String(a.quantity))) return null;
        const units = BigInt(String(a.quantity));
        const low = BigInt(price.lowerMinor ?? price.minorUnits) * units;
        const high = BigInt(price.upperMinor ?? price.minorUnits) * units;
        const qualifier = a.quantityQualifier === 'more_than' ? 'at_least' : 'exact';
        return {
          low: derivedMoney(low, price.currency, qualifier),
          high: derivedMoney(high, price.currency, qualifier),
          explanation:
            `${String(a.quantityAsReported ?? a.quantity)} × ${price.asReported ?? 'unit price'}` +
            (qualifier === 'at_least' ? ' (quantity is a lower bound, so both ends are lower bounds)' : ''),
        };
      },
    }),
  }),
});
