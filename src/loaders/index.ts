import DataLoader from 'dataloader';
import type {
  AssertionRow,
  EntityRow,
  EntityWithFacts,
  FactRow,
  RoleRow,
  SourceRow,
  SupportRow,
} from '../domain/rows.ts';
import { keyAsNames, keyWordsQuery } from '../domain/search.ts';
import type { InvolvementQuery } from '../repositories/assertions.ts';
import type { KeyResolution, LinkType } from '../repositories/entities.ts';
import type { Repositories } from '../repositories/index.ts';
import type { JudgementRow } from '../repositories/judgements.ts';
import type { Props } from '../repositories/projection.ts';
import type { CuratorRow, LinkRow, RuleRow } from '../repositories/provenance.ts';
import type { CorroborationRow } from '../repositories/ranks.ts';
import type { RevisionRow } from '../repositories/revisions.ts';

/** Called with each batch a loader sends to Neo4j (metrics hang off it). */
export type BatchObserver = (loader: string, size: number) => void;

const MAX_BATCH = 1000;

/** A read that is asked at most once per request (the loaders live as long as the request). */
const once = <T>(read: () => Promise<T>) => {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= read();
    return pending;
  };
};

/**
 * Per-request DataLoaders: every graph read by key or by relationship goes through one, and each
 * batch is one UNWIND statement that answers in key order. Loaders that take arguments are kept
 * per argument set, so fields asked with the same arguments share a batch.
 */
export function createLoaders(repos: Repositories, onBatch: BatchObserver = () => {}) {
  const loader = <K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, cacheKeyFn?: (k: K) => unknown) =>
    new DataLoader<K, V, unknown>(
      (keys) => {
        onBatch(name, keys.length);
        return batch(keys);
      },
      { maxBatchSize: MAX_BATCH, ...(cacheKeyFn ? { cacheKeyFn } : {}) },
    );

  const keyed = <V>(make: (signature: string) => DataLoader<string, V, unknown>) => {
    const bySignature = new Map<string, DataLoader<string, V, unknown>>();
    return (signature: string) => {
      let found = bySignature.get(signature);
      if (!found) {
        found = make(signature);
        bySignature.set(signature, found);
      }
      return found;
    };
  };

  /*
   * Projected rows (only the properties a selection reads, src/schema/lookahead.ts) are kept apart from whole ones:
   * a loader that reads projected rows is kept per property list, and only whole rows prime the loaders by key
   * (`entity`, `source`), so a projected row never answers a load that needs other properties.
   */
  /** A fact's supports, their sources read with the properties of the signature (a JSON list, or null: whole). */
  const supports = keyed<SupportRow[]>((signature) => {
    const props = JSON.parse(signature) as Props;
    return loader('supports', (keys) => repos.assertions.sources(keys, props));
  });
  const entity = loader<string, EntityRow | null>('entity', (keys) => repos.entities.byKeys(keys));
  const primeEntities = (rows: RoleRow[][]) => {
    for (const roles of rows) for (const r of roles) entity.prime(r.entity.key, r.entity);
    return rows;
  };
  const onlyProps = <T extends object>(row: T, props: readonly string[]) =>
    Object.fromEntries(Object.entries(row).filter(([p]) => props.includes(p))) as T;
  /** Participants read whole prime the entity loader; those read with a property list (the signature) do not. */
  const roles = loader<string, RoleRow[]>('roles', async (keys) => primeEntities(await repos.assertions.roles(keys)));
  const projectedRoles = keyed<RoleRow[]>((signature) => {
    const props = JSON.parse(signature) as string[];
    return loader('roles', (keys) => repos.assertions.roles(keys, props));
  });

  /** Facts read in a statement of their own, or with their entity; their sources and participants when asked for. */
  const factsOf = (query: InvolvementQuery, rows: FactRow[]) => {
    if (query.withSources) {
      const bySources = supports(JSON.stringify(query.sourceProps ?? null));
      for (const { fact, sources } of rows) bySources.prime(fact.key, sources);
    }
    if (query.withRoles && query.roleProps === null) {
      for (const { fact, roles: participants } of rows) roles.prime(fact.key, participants);
      primeEntities(rows.map((r) => r.roles));
    } else if (query.withRoles) {
      // Read with every property the fields ask for; each field's loader gets exactly the properties of its own list
      // (what it would have read itself), never `roles` or `entity`, which answer loads of whole entities.
      for (const props of query.roleSignatures) {
        const byRoles = projectedRoles(JSON.stringify(props));
        for (const { fact, roles: participants } of rows) {
          byRoles.prime(
            fact.key,
            participants.map((r) => ({ ...r, entity: onlyProps(r.entity, props) })),
          );
        }
      }
    }
    return rows.map((r) => r.fact);
  };
  const involvement = keyed<AssertionRow[]>((signature) => {
    const query = JSON.parse(signature) as InvolvementQuery;
    return loader('involvement', async (keys) =>
      (await repos.assertions.ofEntities(keys, query)).map((rows) => factsOf(query, rows)),
    );
  });

  /**
   * Entities read together with the facts their selection asks for (src/schema/lookahead.ts): the facts (and
   * sources) prime the loaders their fields use, so those fields run no statement of their own. Entities read
   * whole (`props` null) prime the entity loader too.
   */
  const withFacts = (queries: readonly InvolvementQuery[], rows: EntityWithFacts[], props: Props = null) =>
    rows.map(({ entity: row, facts }) => {
      if (props === null) entity.prime(row.key, row);
      queries.forEach((query, i) => {
        involvement(JSON.stringify(query)).prime(row.key, factsOf(query, facts[i] ?? []));
      });
      return row;
    });
  const entityWithFacts = keyed<EntityRow | null>((signature) => {
    const { facts: queries, props } = JSON.parse(signature) as { facts: InvolvementQuery[]; props: Props };
    return loader('entityWithFacts', async (keys) =>
      (await repos.entities.byKeysWithFacts(keys, queries, props)).map((r) =>
        r ? withFacts(queries, [r], props)[0]! : null,
      ),
    );
  });

  const links = keyed<EntityRow[]>((signature) => {
    const { type, direction, limit, props } = JSON.parse(signature) as {
      type: LinkType;
      direction: 'IN' | 'OUT';
      limit: number;
      props: Props;
    };
    return loader('links', (keys) => repos.entities.links(keys, type, direction, limit, props));
  });
  /** Sources read with only the properties of the signature (a JSON list); never primed from whole reads. */
  const projectedSource = keyed<SourceRow | null>((signature) => {
    const props = JSON.parse(signature) as string[];
    return loader('source', (keys) => repos.sources.byKeys(keys, props));
  });
  const source = loader<string, SourceRow | null>('source', (keys) => repos.sources.byKeys(keys));
  const linkSources = keyed<LinkRow[]>((signature) =>
    loader('linkSources', (keys) => repos.provenance.links(keys, Number(signature))),
  );
  const judgements = keyed<JudgementRow[]>((signature) =>
    loader('judgements', (keys) => repos.judgements.ofEntities(keys, Number(signature))),
  );
  const sourceAssertions = keyed<AssertionRow[]>((signature) =>
    loader('sourceAssertions', (keys) => repos.sources.assertions(keys, Number(signature))),
  );

  return {
    entity,
    /**
     * An entity by key with the facts its selection asks for and only the properties it reads (`props`, null: all),
     * in one statement (plain `entity` when no facts and all properties).
     */
    entityWithFacts: (key: string, facts: readonly InvolvementQuery[], props: Props = null) =>
      facts.length || props !== null ? entityWithFacts(JSON.stringify({ facts, props })).load(key) : entity.load(key),
    /** Rows of an entity page read with their facts: primes the loaders, returns the entities. */
    withFacts,
    assertion: loader<string, AssertionRow | null>('assertion', (keys) => repos.assertions.byKeys(keys)),
    source,
    /** A source by key with only the properties `props` (null: all, through `source`). */
    sourceWith: (key: string, props: Props) =>
      props === null ? source.load(key) : projectedSource(JSON.stringify(props)).load(key),
    roles,
    /** A fact's participants, each entity with only the properties `props` (null: all, through `roles`). */
    rolesWith: (key: string, props: Props) =>
      props === null ? roles.load(key) : projectedRoles(JSON.stringify(props)).load(key),
    /** A fact's supports, their sources with only the properties `props` (null: all). */
    supports: (key: string, props: Props = null) => supports(JSON.stringify(props)).load(key),
    /** Facts an entity takes part in, with the given roles/kinds/metric. */
    involvement: (key: string, query: InvolvementQuery) => involvement(JSON.stringify(query)).load(key),
    /** Timeless neighbours of an entity, with only the properties `props` (null: all). */
    links: (key: string, type: LinkType, direction: 'IN' | 'OUT', limit: number, props: Props = null) =>
      links(JSON.stringify({ type, direction, limit, props })).load(key),
    sourceAssertions: (key: string, limit: number) => sourceAssertions(String(limit)).load(key),
    /** An entity's timeless links in both directions, with the sources each carries. */
    linkSources: (key: string, limit: number) => linkSources(String(limit)).load(key),
    /** Authors of editorial texts. */
    curator: loader<string, CuratorRow | null>('curator', (keys) => repos.provenance.curators(keys)),
    /** Inference rules, with the sources that state them. */
    rule: loader<string, RuleRow | null>('rule', (keys) => repos.provenance.rules(keys)),
    /** What entity keys given as arguments name (after merges, or as a unique name or alias), or their nearest keys. */
    keyResolution: loader<string, KeyResolution>('keyResolution', (keys) =>
      repos.entities.resolve(keys, keys.map(keyWordsQuery), keys.map(keyAsNames)),
    ),
    /** The graph's vocabulary (metrics, kinds, roles with counts), each read at most once per request. */
    vocabulary: {
      metrics: once(() => repos.vocabulary.metrics()),
      kinds: once(() => repos.vocabulary.kinds()),
      roles: once(() => repos.vocabulary.roles()),
    },
    /** How many independent sources support each fact (with the agreeing facts of its statement group). */
    corroboration: loader<string, CorroborationRow | null>('corroboration', (keys) => repos.ranks.corroboration(keys)),
    /** Entity-resolution judgements about an entity key (merges, negative and unsure ones, alias-table rows). */
    judgements: (key: string, limit: number) => judgements(String(limit)).load(key),
    /** Replaced stored values of an entity, a source (updateEntity, updateSource) or a fact's rank. */
    revisions: loader<string, RevisionRow[]>('revisions', (keys) => repos.revisions.of(keys)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
