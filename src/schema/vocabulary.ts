import { badInput } from '../domain/errors.ts';
import { ASSERTION_KINDS, type AssertionKind } from '../domain/format.ts';
import { nearestValues } from '../domain/nearest.ts';
import type { Context } from './context.ts';

/** A metric as stored: lower case, words joined by _ ("Capex" → capex, "cloud revenue" → cloud_revenue). */
export const normaliseMetric = (metric: string): string =>
  metric
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * A metric argument that matched nothing: a metric no fact uses is BAD_USER_INPUT naming the nearest ones the graph
 * has (from `vocabulary.metrics`, read only now, so a metric that answers costs no statement more).
 */
export async function checkMetricWhenNothingMatched(ctx: Context, argument: string, metric: string | null) {
  if (metric === null) return;
  const known = (await ctx.loaders.vocabulary.metrics()).map((m) => m.name);
  if (known.includes(metric)) return;
  const near = nearestValues(metric, known);
  const shown = metric.length > 100 ? `${metric.slice(0, 100)}…` : metric;
  const hint = near.length > 0 ? `did you mean ${near.join(', ')}? ` : '';
  throw badInput(
    `No fact has the metric "${shown}" (${argument}); ${hint}The graph's metrics: ${known.join(', ')} ` +
      '(with counts: `vocabulary { metrics { name count description } }`).',
    { argument, suggestions: near },
  );
}

/** Fact kinds given as strings (the deprecated `facts(kinds:)`), matched case-insensitively; unknown ones are
 * BAD_USER_INPUT naming the nearest kinds. */
export function factKindsOf(argument: string, kinds: readonly string[] | null | undefined): AssertionKind[] | null {
  if (kinds === null || kinds === undefined) return null;
  return kinds.map((given) => {
    const kind = ASSERTION_KINDS.find((k) => k.toLowerCase() === given.trim().toLowerCase());
    if (kind) return kind;
    const near = nearestValues(given, ASSERTION_KINDS);
    const shown = given.length > 100 ? `${given.slice(0, 100)}…` : given;
    throw badInput(
      `"${shown}" is not a fact kind (${argument})${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} ` +
        `Fact kinds: ${ASSERTION_KINDS.join(', ')}.`,
      { argument, suggestions: near },
    );
  });
}
