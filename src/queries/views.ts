import { factAsOf } from '../domain/as-of.ts';
import { type Capped, capped } from '../domain/limits.ts';
import { checkGroup, rankByGrowth } from '../domain/research.ts';
import { searchPlan } from '../domain/search-query.ts';
import { PATH_RELATIONSHIPS, type PathRelationship } from '../repositories/graph.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Props } from '../repositories/projection.ts';
import type { CountryTotalParts } from '../repositories/research.ts';

/**
 * The root fields that are not connections — research and Epoch views, graph walks, the system's versions — as
 * query objects over the request's repositories, so resolvers only check their arguments and call one of these.
 * A capped view reads `limit + 1` rows, so it knows whether more matched (`truncated`).
 */
export interface ViewScope {
  repos: Repositories;
}

export interface MetricQuery {
  metric: string;
  periodYear: number | null;
  periodType: string | null;
  /** A resolved Place key. */
  country: string | null;
  /** As the graph stood at this instant (ISO 8601); null: now. */
  asOf?: string | null;
}

export const researchViews = {
  async metricByCompany(scope: ViewScope, q: MetricQuery, limit: number) {
    const asOf = q.asOf ?? null;
    const rows = await scope.repos.research.figures(q.metric, q.periodYear, q.periodType, q.country, limit + 1, asOf);
    const then = asOf ? rows.map((r) => ({ ...r, figure: factAsOf(r.figure, asOf) })) : rows;
    return capped(rankByGrowth(then), limit);
  },
  async metricByCountry(
    scope: ViewScope,
    q: Omit<MetricQuery, 'country'>,
    parts: CountryTotalParts,
    limit: number,
    perRow: number,
    countryProps: Props = null,
  ) {
    const rows = await scope.repos.research.totalsByCountry(
      q.metric,
      q.periodYear,
      q.periodType,
      parts,
      limit + 1,
      perRow,
      q.asOf ?? null,
      countryProps,
    );
    return capped(rows, limit);
  },
  async groupFigureChecks(scope: ViewScope, metric: string | null, limit: number, members: number) {
    const rows = await scope.repos.research.groupFigures(metric, limit + 1, members);
    return capped(
      rows.map((r) => checkGroup(r.group, r.members)),
      limit,
    );
  },
};

type EpochRepository = Repositories['epoch'];
const cappedEpoch =
  <T>(read: (epoch: EpochRepository, limit: number) => Promise<T[]>) =>
  async (scope: ViewScope, limit: number): Promise<Capped<T>> =>
    capped(await read(scope.repos.epoch, limit + 1), limit);

export const epochViews = {
  /** Both lists of the answer are capped at `limit`; `truncated` when either had more. */
  async sitesServingCompany(scope: ViewScope, place: string, company: string, limit: number) {
    const found = await scope.repos.epoch.sitesServingCompanyInPlace(place, company, limit + 1);
    return {
      epochSites: found.epochSites.slice(0, limit),
      otherClaims: found.otherClaims.slice(0, limit),
      truncated: found.epochSites.length > limit || found.otherClaims.length > limit,
    };
  },
  h100eByCountry: cappedEpoch((epoch, limit) => epoch.h100eByCountry(limit)),
  restrictedChipOwners: cappedEpoch((epoch, limit) => epoch.restrictedChipOwners(limit)),
  largestClustersPerOwner: (scope: ViewScope, perOwner: number, limit: number) =>
    cappedEpoch((epoch, l) => epoch.largestClustersPerOwner(perOwner, l))(scope, limit),
};

export const provenanceViews = {
  /** The inference rules, by key, each with the sources that state it. */
  async inferenceRules(scope: ViewScope, limit: number) {
    const rules = await scope.repos.provenance.rules(await scope.repos.provenance.ruleKeys(limit));
    return rules.filter((r) => r !== null);
  },
};

export interface PathQuery {
  /** Longer simple paths too, shortest first, then best attested; otherwise only the shortest. */
  ranked: boolean;
  maxHops: number;
  first: number;
  relationshipTypes: readonly PathRelationship[] | null;
  throughFactKinds: readonly string[] | null;
}

export const graphQueries = {
  /** Full-text hits, each with the query's terms (for highlighting). */
  async search(scope: ViewScope, query: string, kinds: string[] | null, limit: number) {
    const plan = searchPlan(query);
    const rows = await scope.repos.graph.search(plan, kinds, limit);
    return rows.map((r) => ({ ...r, terms: plan.terms }));
  },
  /**
   * Null when the keys need resolving first (names, aliases, merges, or a NOT_FOUND error), then asked again with
   * `resolved`: the plain shortest search takes keys as given and says when one is not an entity key; ranked and
   * filtered searches always want resolved keys.
   */
  async paths(scope: ViewScope, from: string, to: string, q: PathQuery, resolved: boolean) {
    const filtered = q.throughFactKinds || q.relationshipTypes;
    if (!q.ranked && !filtered) return scope.repos.graph.shortestPaths(from, to, q.maxHops, q.first);
    if (!resolved) return null;
    const types = q.relationshipTypes ?? PATH_RELATIONSHIPS;
    const paths = await scope.repos.graph.rankedPaths(from, to, q.maxHops, q.first, types, q.throughFactKinds);
    if (q.ranked) return paths;
    // Shortest with filters: the ranked paths of the least length.
    const shortest = Math.min(...paths.map((p) => p.relationships.length));
    return paths.filter((p) => p.relationships.length === shortest);
  },
  neighborhood: (scope: ViewScope, key: string, depth: number, limit: number) =>
    scope.repos.graph.neighborhood(key, depth, limit),
};

export const systemQueries = {
  info: (scope: ViewScope) => scope.repos.system.info(),
};
