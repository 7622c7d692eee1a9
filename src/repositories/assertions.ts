import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import { factAsOf } from '../domain/as-of.ts';
import type { AssertionRow, EntityRow, FactRow, RoleRow, SourceRow, SupportRow } from '../domain/rows.ts';
import { ROLE_TYPES } from '../domain/scalars.ts';
import { type Props, rowOf } from './projection.ts';

const BY_KEYS = statement('assertions/by-keys');
const OF_ENTITIES = statement('assertions/of-entities');
const ROLES = statement('assertions/roles');
const SOURCES = statement('assertions/sources');
const PAGE = statement('assertions/page');
const PAGE_OF_KIND = statement('assertions/page-of-kind');
const COUNT = statement('assertions/count');
const COUNT_OF_KIND = statement('assertions/count-of-kind');
const COUNT_OF_METRIC = statement('assertions/count-of-metric');
const COUNT_OF_METRIC_BEST = statement('assertions/count-of-metric-best');
const PAGE_AS_OF = statement('assertions/page-as-of');
const PAGE_OF_KIND_AS_OF = statement('assertions/page-of-kind-as-of');
const COUNT_AS_OF = statement('assertions/count-as-of');

export interface AssertionFilter {
  kinds: string[] | null;
  metric: string | null;
  mode: string | null;
  /** Null: best rank (no deprecated fact, no fact outranked by a preferred one); else exactly these ranks. */
  ranks: string[] | null;
  periodYear: number | null;
  periodType: string | null;
  entity: string | null;
  country: string | null;
  textContains: string | null;
  /** As the graph stood at this instant (ISO 8601; fragments/assertion-filters-as-of); absent or null: now. */
  asOf?: string | null;
}

export interface InvolvementQuery {
  roles: string[];
  kinds: string[] | null;
  metric: string | null;
  /** Null: best rank (no deprecated fact, no fact outranked by a preferred one); else exactly these ranks. */
  ranks: string[] | null;
  limit: number;
  /** Read each fact's sources in the same statement. */
  withSources: boolean;
  /** Read each fact's participants (every role, as `roles` reads them) in the same statement. */
  withRoles: boolean;
  /** The fact properties to read (null: all of them). */
  props: string[] | null;
  /** With sources: the properties of each source to read (null: all of them). */
  sourceProps: string[] | null;
  /** With participants: the properties of each participant entity to read (null: all of them). */
  roleProps: string[] | null;
  /**
   * With projected participants: the property lists the fields reading them load with (each a subset of roleProps),
   * whose loaders the participants read fill (src/loaders/index.ts); not a statement parameter.
   */
  roleSignatures: string[][];
  /** As the graph stood at this instant (ISO 8601); absent or null: now. */
  asOf?: string | null;
}

/** A support as a statement returns it: its source whole, or the values of the source properties asked for. */
export type SupportRecord = Omit<SupportRow, 'source'> & { source: SourceRow | unknown[] };

/** A fact as fragments/facts-of-entity returns it: whole, or only the properties asked for, as values. */
export interface FactRecord {
  fact: AssertionRow | null;
  values: unknown[];
  sources: SupportRecord[];
  roles: RoleRecord[];
}

/** Supports with their sources as rows (whole, or rebuilt from the properties asked for). */
export const supportRows = (props: Props, records: readonly SupportRecord[]): SupportRow[] =>
  records.map((r) => ({ ...r, source: rowOf<SourceRow>(props, r.source) as SourceRow }));

/** A participant as a statement returns it: its entity whole, or the values of the entity properties asked for. */
export type RoleRecord = Omit<RoleRow, 'entity'> & { entity: EntityRow | unknown[] };

/** Participants with their entities as rows (whole, or rebuilt from the properties asked for). */
export const roleRows = (props: Props, records: readonly RoleRecord[]): RoleRow[] =>
  records.map((r) => ({ ...r, entity: rowOf<EntityRow>(props, r.entity) as EntityRow }));

/** A fact read whole, or rebuilt from the properties asked for; one read as null is left out, as a whole read does. */
function factOf(props: readonly string[] | null, whole: AssertionRow | null, values: readonly unknown[]): AssertionRow {
  if (whole) return whole;
  const fact: Record<string, unknown> = {};
  (props ?? []).forEach((p, i) => {
    if (values[i] !== null && values[i] !== undefined) fact[p] = values[i];
  });
  return fact as AssertionRow;
}

/** Facts of one query, as fragments/facts-of-entity returns them. */
export function factRows(q: InvolvementQuery, records: readonly FactRecord[]): FactRow[] {
  const asOf = q.asOf ?? null;
  return records.map(({ fact, values, sources, roles }) => {
    const row = factOf(q.props, fact, values);
    return {
      fact: asOf ? factAsOf(row, asOf) : row,
      sources: supportRows(q.sourceProps ?? null, sources),
      roles: roleRows(q.roleProps ?? null, roles),
    };
  });
}

/** The `$facts` parameter of statements that include fragments/facts-of-entity. */
export const factsParam = (queries: readonly InvolvementQuery[]) =>
  queries.map(({ roleSignatures: _loadersOnly, ...q }) => ({
    ...q,
    anyRole: ROLE_TYPES.every((role) => q.roles.includes(role)),
    limit: int(q.limit),
    asOf: q.asOf ?? null,
    sourceProps: q.sourceProps ?? null,
    roleProps: q.roleProps ?? null,
  }));

const byRequested = <T>(keys: readonly string[], rows: { key: string }[], pick: (r: any) => T, empty: T) => {
  const map = new Map(rows.map((r) => [r.key, pick(r)]));
  return keys.map((k) => map.get(k) ?? empty);
};

const filterParams = (f: AssertionFilter) => ({
  ...f,
  asOf: f.asOf ?? null,
  kind: f.kinds?.length === 1 ? f.kinds[0] : null,
  periodYear: f.periodYear === null ? null : int(f.periodYear),
});

/** A metric (and kinds) at best rank, nothing else: counted from indexes alone (assertions/count-of-metric-best). */
const onlyMetricAtBestRank = (f: AssertionFilter) =>
  Object.entries(f).every(([name, value]) => value == null || name === 'metric' || name === 'kinds');

/** One kind of fact has its own statements, which seek the (kind, key) index. */
const ofOneKind = (f: AssertionFilter) => f.kinds?.length === 1;

export function assertionRepository(db: Reader) {
  return {
    async byKeys(keys: readonly string[]): Promise<(AssertionRow | null)[]> {
      const rows = await db.read<{ requested: string; assertion: AssertionRow | null }>(BY_KEYS, { keys });
      const found = new Map(rows.map((r) => [r.requested, r.assertion]));
      return keys.map((k) => found.get(k) ?? null);
    },
    async ofEntities(keys: readonly string[], q: InvolvementQuery): Promise<FactRow[][]> {
      const rows = await db.read<{ key: string; facts: FactRecord[] }>(OF_ENTITIES, { keys, facts: factsParam([q]) });
      return byRequested(keys, rows, (r) => factRows(q, r.facts), []);
    },
    /** `props`: the properties of each entity to read (null: all). */
    async roles(keys: readonly string[], props: Props = null): Promise<RoleRow[][]> {
      const rows = await db.read<{ key: string; roles: RoleRecord[] }>(ROLES, { keys, props });
      return byRequested(keys, rows, (r) => roleRows(props, r.roles), []);
    },
    /** `props`: the properties of each source to read (null: all). */
    async sources(keys: readonly string[], props: Props = null): Promise<SupportRow[][]> {
      const rows = await db.read<{ key: string; sources: SupportRecord[] }>(SOURCES, { keys, props });
      return byRequested(keys, rows, (r) => supportRows(props, r.sources), []);
    },
    /** `props`: the properties to read (null: all), as the selection asks (src/schema/lookahead.ts). */
    async page(
      filter: AssertionFilter,
      after: string | null,
      limit: number,
      props: string[] | null = null,
    ): Promise<AssertionRow[]> {
      const asOf = filter.asOf ?? null;
      const page = asOf
        ? ofOneKind(filter)
          ? PAGE_OF_KIND_AS_OF
          : PAGE_AS_OF
        : ofOneKind(filter)
          ? PAGE_OF_KIND
          : PAGE;
      const rows = await db.read<{ assertion: AssertionRow | null; values: unknown[] }>(page, {
        ...filterParams(filter),
        after: after ?? '',
        limit: int(limit),
        props,
      });
      return rows.map((r) => {
        const fact = factOf(props, r.assertion, r.values);
        return asOf ? factAsOf(fact, asOf) : fact;
      });
    },
    async count(filter: AssertionFilter): Promise<number> {
      const counting = filter.asOf
        ? COUNT_AS_OF
        : filter.metric !== null
          ? onlyMetricAtBestRank(filter)
            ? COUNT_OF_METRIC_BEST
            : COUNT_OF_METRIC
          : ofOneKind(filter)
            ? COUNT_OF_KIND
            : COUNT;
      const [row] = await db.read<{ total: number }>(counting, filterParams(filter));
      return row?.total ?? 0;
    },
  };
}
