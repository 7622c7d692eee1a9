import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { AssertionRow } from '../domain/rows.ts';
import type { SummedAmounts } from '../domain/values.ts';

/** Investment facts: the keyset connection and the "who invests how much where" view (cypher/investments/*). */

const PAGE = statement('investments/page');
const COUNT = statement('investments/count');
const IN_PLACE = statement('investments/in-place');
const IN_PLACE_TOTALS = statement('investments/in-place-totals');

/** Resolved keys (merges followed); null leaves a filter out. */
export interface InvestmentFilter {
  investor: string | null;
  target: string | null;
  place: string | null;
  periodYear: number | null;
  periodType: string | null;
}

export interface InvestmentInPlace {
  investmentKey: string;
  targetKey: string;
  placeKey: string;
  investorKeys: string[];
}

/** One sum of the view: one source, metric, currency, price basis and mode (never mixed). */
export interface InvestmentTotalRow extends SummedAmounts {
  sourceKey: string;
  metric: string | null;
  currency: string | null;
  priceBasis: string | null;
  mode: string;
  withAmount: number;
  investments: number;
  /** The qualifiers of the amounts summed (exact, approx …). */
  qualifiers: string[];
  withNamedInvestors: number;
}

const filterParams = (f: InvestmentFilter) => ({
  ...f,
  periodYear: f.periodYear === null ? null : int(f.periodYear),
});

export function investmentRepository(db: Reader) {
  return {
    /** `props`: the properties to read (null: all), as the selection asks (src/schema/lookahead.ts). */
    async page(
      filter: InvestmentFilter,
      after: string | null,
      limit: number,
      props: string[] | null,
    ): Promise<AssertionRow[]> {
      const rows = await db.read<{ assertion: AssertionRow | null; values: unknown[] }>(PAGE, {
        ...filterParams(filter),
        after: after ?? '',
        limit: int(limit),
        props,
      });
      return rows.map((r) => {
        if (r.assertion) return r.assertion;
        const fact: Record<string, unknown> = {};
        (props ?? []).forEach((p, i) => {
          if (r.values[i] !== null && r.values[i] !== undefined) fact[p] = r.values[i];
        });
        return fact as AssertionRow;
      });
    },
    async count(filter: InvestmentFilter): Promise<number> {
      const [row] = await db.read<{ total: number }>(COUNT, filterParams(filter));
      return row?.total ?? 0;
    },
    inPlace(place: string, limit: number): Promise<InvestmentInPlace[]> {
      return db.read<InvestmentInPlace>(IN_PLACE, { place, limit: int(limit) });
    },
    async inPlaceTotals(place: string, limit: number): Promise<InvestmentTotalRow[]> {
      const rows = await db.read<InvestmentTotalRow>(IN_PLACE_TOTALS, { place, limit: int(limit) });
      return rows.map((r) => ({
        ...r,
        totalMinor: String(r.totalMinor ?? 0),
        lowMinor: String(r.lowMinor ?? 0),
        highMinor: String(r.highMinor ?? 0),
        precisionMinor: String(r.precisionMinor ?? 0),
      }));
    },
  };
}
