import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { AssertionRow } from '../domain/rows.ts';

const FIGURES = statement('research/figures');
const GROUP_FIGURES = statement('research/group-figures');

export interface FigureRow {
  figure: AssertionRow;
  companyKey: string;
  countryKey: string | null;
}

export interface GroupFigureRow {
  group: AssertionRow;
  members: { memberKey: string; figures: AssertionRow[] }[];
}

export function researchRepository(db: DbScope) {
  return {
    figures(metric: string, periodYear: number | null, periodType: string | null, country: string | null) {
      return db.read<FigureRow>(FIGURES, {
        metric,
        periodYear: periodYear === null ? null : int(periodYear),
        periodType,
        country,
      });
    },
    groupFigures(metric: string | null) {
      return db.read<GroupFigureRow>(GROUP_FIGURES, { metric });
    },
  };
}
