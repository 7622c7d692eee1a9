import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { AssertionRow, EntityRow } from '../domain/rows.ts';
import type { SummedAmounts } from '../domain/values.ts';
import { type Props, rowOf } from './projection.ts';

/** How exact a sum is and the interval it may stand for (fragments/metric-by-country-sums). */
export interface SumSpread extends Omit<SummedAmounts, 'totalMinor'> {
  /** Every figure summed is exact. */
  exact: boolean;
}

/** What a country total is read with beyond its sum and figure count: only what the selection shows. */
export interface CountryTotalParts {
  /** How many companies' figures were summed (else 0). */
  companies: boolean;
  /** The keys of the first figures summed (else none). */
  figures: boolean;
  /** The sum's exactness and interval (else `spread` is null). */
  spread: boolean;
}

const FIGURES = statement('research/figures');
const GROUP_FIGURES = statement('research/group-figures');
const METRIC_BY_COUNTRY = statement('research/metric-by-country');
const METRIC_BY_COUNTRY_OF_YEAR = statement('research/metric-by-country-of-year');
const FIGURES_AS_OF = statement('research/figures-as-of');
const METRIC_BY_COUNTRY_AS_OF = statement('research/metric-by-country-as-of');

export interface FigureRow {
  figure: AssertionRow;
  companyKey: string;
  countryKey: string | null;
}

export interface CountryTotalRow {
  countryKey: string | null;
  country: EntityRow | null;
  periodYear: number;
  periodType: string;
  currency: string;
  totalMinor: string;
  /** Null unless asked for (CountryTotalParts.spread). */
  spread: SumSpread | null;
  companies: number;
  figureCount: number;
  figureKeys: string[];
}

/** A concrete year range keeps the (metric, periodYear) index in the plan. */
const years = (periodYear: number | null) => ({
  yearFrom: int(periodYear ?? 0),
  yearTo: int(periodYear ?? 9999),
});

export interface GroupFigureRow {
  group: AssertionRow;
  members: { memberKey: string; figures: AssertionRow[] }[];
}

/** Sorts a figure without a change after every figure with one (changeBp is in basis points). */
const NO_CHANGE = int(Number.MIN_SAFE_INTEGER);

export function researchRepository(db: DbScope) {
  return {
    /** The first `limit` figures: newest period first, fastest growth first within a period (as of `asOf`, if given). */
    figures(
      metric: string,
      periodYear: number | null,
      periodType: string | null,
      country: string | null,
      limit: number,
      asOf: string | null = null,
    ) {
      return db.read<FigureRow>(asOf ? FIGURES_AS_OF : FIGURES, {
        asOf,
        metric,
        ...years(periodYear),
        periodType,
        country,
        limit: int(limit),
        noChange: NO_CHANGE,
      });
    },
    /**
     * Sums by country with the `parts` asked for (the keys of at most `figuresLimit` figures each);
     * `countryProps`: the properties of each row's country to read (null: all).
     */
    async totalsByCountry(
      metric: string,
      periodYear: number | null,
      periodType: string | null,
      parts: CountryTotalParts,
      limit: number,
      figuresLimit: number,
      asOf: string | null = null,
      countryProps: Props = null,
    ): Promise<CountryTotalRow[]> {
      const current = periodYear === null ? METRIC_BY_COUNTRY : METRIC_BY_COUNTRY_OF_YEAR;
      const rows = await db.read<Omit<CountryTotalRow, 'country'> & { country: EntityRow | unknown[] | null }>(
        asOf ? METRIC_BY_COUNTRY_AS_OF : current,
        {
          asOf,
          metric,
          ...years(periodYear),
          periodType,
          withCompanies: parts.companies,
          withFigures: parts.figures,
          withSpread: parts.spread,
          limit: int(limit),
          figuresLimit: int(figuresLimit),
          countryProps,
        },
      );
      return rows.map((r) => ({ ...r, country: rowOf<EntityRow>(countryProps, r.country) }));
    },
    /** The first `limit` group figures (newest first), each with up to `membersLimit` members. */
    groupFigures(metric: string | null, limit: number, membersLimit: number) {
      return db.read<GroupFigureRow>(GROUP_FIGURES, { metric, limit: int(limit), membersLimit: int(membersLimit) });
    },
  };
}
