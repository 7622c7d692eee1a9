import type { AssertionDraft, EpochBuilder } from './builder.ts';
import type { CsvRecord } from './csv.ts';
import { DATA_CENTERS_SNAPSHOT } from './sources.ts';
import { decimal, listCell, roundDecimal, shiftDecimal } from './values.ts';

/**
 * Epoch's money put into a named site or cluster, as Investment facts (docs/epoch-import.md "Investments").
 * Investors are only those Epoch names (data_centers.csv `Investors`); a cost with no named investor is an
 * Investment with no investor, and one amount named for several investors stays one fact (never split).
 */

/** Metric of a site's total capital cost as of a dated timeline row (a running total: never summed across dates). */
export const CAPITAL_COST_TO_DATE = 'capital_cost_to_date';

type Money = NonNullable<AssertionDraft['money']>;

/** "35.836372" (2025 USD billions) → USD rounded to cents, Epoch's cell kept as reported, constant 2025 dollars. */
export function billions2025Usd(cell: string | undefined, column: string): Money | undefined {
  const value = decimal(cell);
  if (value === undefined) return undefined;
  return {
    amount: roundDecimal(shiftDecimal(value, 9), 2).value,
    currency: 'USD',
    asReported: `${column}=${cell}`,
    qualifier: 'approx',
    priceBasis: 'constant_2025',
  };
}

const isPositive = (m: Money | undefined): m is Money => m !== undefined && /[1-9]/.test(m.amount);

/** The Investors cell → entity keys through the alias table (unknown names become marked new entities). */
export function investorKeys(b: EpochBuilder, cell: string | undefined, seenAt: string): string[] {
  return listCell(cell).map((name) => b.org(name, seenAt));
}

const who = (names: string[]) =>
  names.length === 0
    ? 'investor not named by Epoch'
    : names.length === 1
      ? names[0]!
      : `${names.join(', ')} together (Epoch gives no shares)`;

/** Epoch's own figure in its words: "about $9.09168 bn (2025 USD)". */
const amountWords = (cell: string | undefined) =>
  decimal(cell) === undefined ? 'amount not given' : `about $${decimal(cell)} bn (2025 USD)`;

/** "Current" in data_centers.csv: the export states no date; the snapshot's bound is in data/README.md. */
const CURRENT = {
  label: `current (Epoch snapshot, about ${DATA_CENTERS_SNAPSHOT.slice(0, 7)})`,
  type: 'MONTH' as const,
  year: Number(DATA_CENTERS_SNAPSHOT.slice(0, 4)),
  yearInferred: true,
  inference: `data_centers.csv gives "Current" values without a date; its snapshot is about ${DATA_CENTERS_SNAPSHOT} (latest Last Modified in the chip-quantities table, data/README.md).`,
};

/** A site row: its current total capital cost, invested by the row's Investors (if any). */
export function siteInvestment(
  r: CsvRecord,
  siteKey: string,
  investors: { keys: string[]; names: string[] },
  ref: (columns: string[]) => AssertionDraft['sources'],
  sourcesNote: string | undefined,
): AssertionDraft | undefined {
  const c = r.cells;
  const column = 'Current total capital cost (2025 USD billions)';
  const money = billions2025Usd(c[column], column);
  if (!money && investors.keys.length === 0) return undefined;
  return {
    kind: 'Investment',
    key: `fact:epoch-dc-r${r.row}-investment`,
    summary: `${c.Name}: ${amountWords(c[column])} invested to date, ${who(investors.names)} (Epoch AI Data Centers)`,
    mode: 'reported',
    confidence: 'estimate',
    roles: { SUBJECT: investors.keys, OBJECT: [siteKey] },
    metric: 'capital_cost',
    ...(money ? { money } : {}),
    period: CURRENT,
    note: [
      'Epoch’s current total capital cost of the site (its estimate, in constant 2025 US dollars).',
      investors.keys.length > 1 ? 'One amount for all the investors named: Epoch gives no shares.' : undefined,
      investors.keys.length === 0 ? 'Epoch names no investor for this site.' : undefined,
      sourcesNote,
    ]
      .filter(Boolean)
      .join(' ')
      .slice(0, 2000),
    sources: ref(['Investors', column, 'Current H100 equivalents', 'Current power (MW)']),
  };
}

/** A dated timeline row with a positive total capital cost: the amount invested in the site by that date. */
export function timelineInvestment(
  r: CsvRecord,
  siteKey: string,
  investors: { keys: string[]; names: string[] },
  period: AssertionDraft['period'],
  mode: AssertionDraft['mode'],
  sources: AssertionDraft['sources'],
): AssertionDraft | undefined {
  const c = r.cells;
  const column = 'Total capital cost (2025 USD billions)';
  const money = billions2025Usd(c[column], column);
  if (!isPositive(money)) return undefined;
  return {
    kind: 'Investment',
    key: `fact:epoch-dc-timeline-r${r.row}-investment`,
    summary: `${c['Data center']} by ${c.Date}: ${amountWords(c[column])} invested to date, ${who(investors.names)} (Epoch AI Data Centers)`,
    mode,
    confidence: 'estimate',
    roles: { SUBJECT: investors.keys, OBJECT: [siteKey] },
    metric: CAPITAL_COST_TO_DATE,
    money,
    ...(period ? { period } : {}),
    note: [
      'Running total of the site’s capital cost at this date (Epoch estimate, constant 2025 US dollars): a later row includes it, so dates are never summed.',
      investors.keys.length
        ? 'Investors: the site’s Investors in data_centers.csv.'
        : 'Epoch names no investor for this site.',
      ['Compute cost (2025 USD billions)', 'Construction cost (2025 USD billions)']
        .filter((m) => c[m])
        .map((m) => `${m}=${c[m]}`)
        .join('; '),
    ]
      .filter(Boolean)
      .join(' '),
    sources,
  };
}

/**
 * A GPU cluster's hardware cost: Epoch's `Hardware Cost` (its reported cost adjusted for inflation, else its
 * calculated cost; base year not stated in the export), else the nominal `Reported Cost`. The `Cost Quote` is in
 * the snippet. Epoch names no investor for clusters, so none is set (the owner is in the Ownership fact).
 */
export function clusterInvestment(
  r: CsvRecord,
  clusterKey: string,
  label: string,
  base: Pick<AssertionDraft, 'mode'>,
  ref: (columns: string[]) => AssertionDraft['sources'],
  sourcesNote: string | undefined,
): AssertionDraft | undefined {
  const c = r.cells;
  const hardware = decimal(c['Hardware Cost']);
  const reported = decimal(c['Reported Cost']);
  const cost = hardware ?? reported;
  if (!cost) return undefined;
  const money: Money = {
    amount: roundDecimal(cost, 2).value,
    currency: 'USD',
    asReported: hardware ? c['Hardware Cost']! : c['Reported Cost']!,
    qualifier: hardware ? 'approx' : 'exact',
    priceBasis: hardware ? 'inflation_adjusted' : 'nominal',
  };
  return {
    kind: 'Investment',
    key: `fact:epoch-gc-r${r.row}-investment`,
    summary: `${label}: hardware cost about $${money.amount} (${hardware ? 'Epoch’s Hardware Cost' : 'reported'}; investor not named by Epoch)`,
    mode: base.mode,
    roles: { SUBJECT: [], OBJECT: [clusterKey] },
    metric: 'hardware_cost',
    money,
    note: [
      hardware
        ? 'Epoch’s Hardware Cost: the reported cost adjusted for inflation when one exists, else its calculated cost (base year not stated in the export); rounded to cents here.'
        : 'Epoch’s Reported Cost as reported (nominal); Epoch gives no Hardware Cost for this row.',
      c['Reported Cost'] && hardware ? `Reported Cost=${c['Reported Cost']} (nominal).` : undefined,
      sourcesNote,
    ]
      .filter(Boolean)
      .join(' ')
      .slice(0, 2000),
    sources: ref([
      'Hardware Cost',
      'Calculated Cost',
      'Reported Cost',
      'Reported Cost (Inflation adjusted)',
      'Cost Quote',
      'Owner',
    ]),
  };
}
