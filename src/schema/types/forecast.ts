import { exactMinor } from '../../domain/exact.ts';
import { factField, factValue } from '../../domain/facts/index.ts';
import { nonNegativeProductInterval, reportedInterval } from '../../domain/interval.ts';
import type { AssertionRow } from '../../domain/rows.ts';
import { derivedMoney, exponentOf } from '../../domain/values.ts';
import { builder, type FieldsOf } from '../builder.ts';
import { reads } from '../lookahead.ts';
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

/** A Forecast's computed field (its stored fields come from the table in src/domain/facts/kinds.ts). */
export const forecastFields = (t: FieldsOf<AssertionRow>) => ({
  impliedValue: t.field({
    type: ImpliedValueRef,
    nullable: true,
    description: 'Units × unit price (low and high end of a price range); derived, never reported.',
    extensions: reads(...factField('unitPrice').codec.reads, ...factField('quantity').codec.reads),
    resolve: (a: AssertionRow) => {
      const price = factValue(a, 'unitPrice');
      const quantity = factValue(a, 'quantity');
      if (!price || !quantity || !/^\d+$/.test(quantity.value)) return null;
      const units = BigInt(quantity.value);
      const lowPrice = BigInt(price.lowerMinor ?? price.minorUnits);
      const highPrice = BigInt(price.upperMinor ?? price.minorUnits);
      const qualifier =
        quantity.qualifier === 'more_than'
          ? 'at_least'
          : quantity.qualifier === 'exact' && ['exact', 'range'].includes(price.qualifier)
            ? 'exact'
            : 'approx';
      // Each end of the price as precise as stated (± half its precision) times the quantity's interval.
      const e = exponentOf(price.currency);
      const end = (priceMinor: bigint) =>
        nonNegativeProductInterval(
          quantity.interval,
          reportedInterval(exactMinor(priceMinor, e), exactMinor(price.precisionMinor ?? '1', e), 'exact', null),
        );
      return {
        low: derivedMoney(lowPrice * units, price.currency, { qualifier, interval: end(lowPrice) }),
        high: derivedMoney(highPrice * units, price.currency, { qualifier, interval: end(highPrice) }),
        explanation:
          `${quantity.asReported ?? quantity.value} × ${price.asReported ?? 'unit price'}` +
          (qualifier === 'at_least' ? ' (quantity is a lower bound, so both ends are lower bounds)' : ''),
      };
    },
  }),
});
