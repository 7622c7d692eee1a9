import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { EntityRow, EntityWithFacts } from '../domain/rows.ts';
import { type FactRecord, factRows, factsParam, type InvolvementQuery } from './assertions.ts';
import { type Props, rowOf } from './projection.ts';

const BY_KEYS = statement('entities/by-keys');
const PAGE_ASC = statement('entities/page-asc');
const PAGE_DESC = statement('entities/page-desc');
const COUNT = statement('entities/count');
const LINKS = statement('entities/links');
const RESOLVE_KEYS = statement('entities/resolve-keys');

/** Sorts after every name. */
const LAST_STRING = '\u{10FFFF}';

export interface EntityFilter {
  kind: string | null;
  nameContains: string | null;
  country: string | null;
}

export interface EntityPageRequest extends EntityFilter {
  descending: boolean;
  after: { name: string; key: string } | null;
  limit: number;
  /** Facts to read with each entity of the page (see fragments/facts-of-entity). */
  facts: readonly InvolvementQuery[];
  /** The entity properties to read (null: all of them). */
  props?: Props;
}

/** An entity as the projecting statements return it: whole, or the values of the properties asked for. */
interface EntityRecord {
  entity: EntityRow | null;
  values: unknown[] | null;
}
const entityOf = (props: Props, r: EntityRecord) => rowOf<EntityRow>(props, r.entity ?? r.values);

/** What a key names: the entity (after any merge), or the nearest existing keys. */
export interface KeyResolution {
  key: string;
  resolved: string | null;
  /** Resolved as the one entity whose name or alias the key is (`alibaba` → company:alibaba). */
  byName: boolean;
  /** Several entities have it as name or alias: `suggestions` lists them all, and none is resolved. */
  ambiguous: boolean;
  suggestions: { key: string; name: string }[];
}

export type LinkType = 'PART_OF' | 'MADE_BY' | 'LOCATED_IN' | 'UNIT_OF';

const withFactRows = (queries: readonly InvolvementQuery[], lists: FactRecord[][]) =>
  queries.map((q, i) => factRows(q, lists[i] ?? []));

export function entityRepository(db: Reader) {
  /**
   * As byKeys, each entity with the facts asked for (see fragments/facts-of-entity), in one statement; `props`: the
   * entity properties to read (null: all).
   */
  async function byKeysWithFacts(keys: readonly string[], facts: readonly InvolvementQuery[], props: Props = null) {
    const rows = await db.read<EntityRecord & { requested: string; facts: FactRecord[][] }>(BY_KEYS, {
      keys,
      facts: factsParam(facts),
      props,
    });
    const found = new Map<string, EntityWithFacts | null>();
    for (const r of rows) {
      const entity = entityOf(props, r);
      found.set(r.requested, entity ? { entity, facts: withFactRows(facts, r.facts) } : null);
    }
    return keys.map((k): EntityWithFacts | null => found.get(k) ?? null);
  }
  return {
    /** In key order; null where no entity (or redirect) has the key. */
    async byKeys(keys: readonly string[]): Promise<(EntityRow | null)[]> {
      return (await byKeysWithFacts(keys, [])).map((r) => r?.entity ?? null);
    },
    byKeysWithFacts,
    async page(req: EntityPageRequest): Promise<EntityWithFacts[]> {
      const props = req.props ?? null;
      const rows = await db.read<EntityRecord & { facts: FactRecord[][] }>(req.descending ? PAGE_DESC : PAGE_ASC, {
        kind: req.kind,
        nameContains: req.nameContains,
        country: req.country,
        // Concrete bounds (not null) on the first page keep the index seek in the plan.
        afterName: req.after?.name ?? (req.descending ? LAST_STRING : ''),
        afterKey: req.after?.key ?? (req.descending ? LAST_STRING : ''),
        limit: int(req.limit),
        facts: factsParam(req.facts),
        props,
      });
      return rows.map((r) => ({ entity: entityOf(props, r) as EntityRow, facts: withFactRows(req.facts, r.facts) }));
    },
    async count(filter: EntityFilter): Promise<number> {
      const [row] = await db.read<{ total: number }>(COUNT, { ...filter });
      return row?.total ?? 0;
    },
    /**
     * In key order; `queries[i]` is the Lucene query for keys[i]'s words (null: none), `names[i]` the alias keys
     * keys[i] may be a name or alias as (see domain/search keyAsNames).
     */
    async resolve(
      keys: readonly string[],
      queries: readonly (string | null)[],
      names: readonly string[][],
    ): Promise<KeyResolution[]> {
      const rows = await db.read<KeyResolution>(RESOLVE_KEYS, { keys, queries, names });
      const byKey = new Map(rows.map((r) => [r.key, r]));
      return keys.map(
        (key) => byKey.get(key) ?? { key, resolved: null, byName: false, ambiguous: false, suggestions: [] },
      );
    },
    /** `props`: the properties of each neighbour to read (null: all). */
    async links(keys: readonly string[], type: LinkType, direction: 'IN' | 'OUT', limit: number, props: Props = null) {
      const rows = await db.read<{ key: string; entities: (EntityRow | unknown[])[] }>(LINKS, {
        keys,
        type,
        direction,
        limit: int(limit),
        props,
      });
      const byKey = new Map(rows.map((r) => [r.key, r.entities.map((e) => rowOf<EntityRow>(props, e) as EntityRow)]));
      return keys.map((k) => byKey.get(k) ?? []);
    },
  };
}
