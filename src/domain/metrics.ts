/**
 * The sign rule per metric. A figure's money amount (with its bounds and the source's own
 * conversion) is a magnitude unless its metric is listed as `signed` here: capex, revenue, cash
 * reserves, costs, shipments and counts cannot be negative. Independently of the metric, unit prices
 * and quantities are never negative, and a change in percent (growth or decline) may always be.
 * A metric not in the table is treated as a magnitude; a metric that can really go below zero
 * (a profit, a cash flow) must be added here as `signed`.
 */
export type MetricSign = 'non_negative' | 'signed';

export const METRIC_SIGNS: ReadonlyMap<string, MetricSign> = new Map<string, MetricSign>([
  ['capex', 'non_negative'],
  ['revenue', 'non_negative'],
  ['cloud_revenue', 'non_negative'],
  ['ai_product_revenue', 'non_negative'],
  ['cash_reserves', 'non_negative'],
  ['capital_cost', 'non_negative'],
  ['hardware_cost', 'non_negative'],
  ['capital_cost_to_date', 'non_negative'],
  ['shipments', 'non_negative'],
  ['chip_count', 'non_negative'],
  ['h100e', 'non_negative'],
  ['power_mw', 'non_negative'],
  ['net_income', 'signed'],
  ['net_profit', 'signed'],
  ['operating_income', 'signed'],
  ['operating_profit', 'signed'],
  ['ebitda', 'signed'],
  ['free_cash_flow', 'signed'],
  ['operating_cash_flow', 'signed'],
  ['net_cash_flow', 'signed'],
]);

export const metricSign = (metric: string | undefined): MetricSign =>
  (metric === undefined ? undefined : METRIC_SIGNS.get(metric)) ?? 'non_negative';

/** What each known metric means (the `vocabulary` field shows it; a metric not listed has no description). */
export const METRIC_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ['capex', 'Capital expenditure: money spent on long-lived assets (data centres, servers, chips).'],
  ['revenue', 'Total revenue in the period.'],
  ['cloud_revenue', 'Revenue of the cloud business (or its growth, as `change`).'],
  ['ai_product_revenue', 'Revenue from AI-related products (or its growth, as `change`).'],
  ['cash_reserves', 'Cash and cash equivalents held.'],
  ['capital_cost', 'What building a site or cluster cost (Epoch AI).'],
  ['hardware_cost', 'What the hardware of a site or cluster cost (Epoch AI).'],
  ['shipments', 'Units shipped or expected to ship (e.g. chips, with `quantity` and `unitPrice`).'],
  ['chip_count', 'Number of chips at a site or in a cluster.'],
  ['h100e', 'Compute expressed in Nvidia H100 equivalents (Epoch AI).'],
  ['power_mw', 'Power capacity in megawatts.'],
  ['net_income', 'Net income (may be negative).'],
  ['net_profit', 'Net profit (may be negative).'],
  ['operating_income', 'Operating income (may be negative).'],
  ['operating_profit', 'Operating profit (may be negative).'],
  ['ebitda', 'Earnings before interest, taxes, depreciation and amortisation (may be negative).'],
  ['free_cash_flow', 'Free cash flow (may be negative).'],
  ['operating_cash_flow', 'Operating cash flow (may be negative).'],
  ['net_cash_flow', 'Net cash flow (may be negative).'],
]);
