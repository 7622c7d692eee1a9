import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { AssertionRow, EntityRow } from '../domain/rows.ts';

const FIGURES = statement('research/figures');
const GROUP_FIGURES = statement('research/group-figures');
const METRIC_BY_COUNTRY = statement('research/metric-by-country');

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
  exact: boolean;
  companies: number;
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

export function researchRepository(db: DbScope) {
  return {
    figures(metric: string, periodYear: number | null, periodType: string | null, country: string | null) {
      return db.read<FigureRow>(FIGURES, { metric, ...years(periodYear), periodType, country });
    },
    /** `withFigures`: also the keys of the figures summed (for the `figures` field), else figureKeys is empty. */
    totalsByCountry(metric: string, periodYear: number | null, periodType: string | null, withFigures = true) {
      return db.read<CountryTotalRow>(METRIC_BY_COUNTRY, { metric, ...years(periodYear), periodType, withFigures });
    },
    groupFigures(metric: string | null) {
      return db.read<GroupFigureRow>(GROUP_FIGURES, { metric });
    },
  };
}
