import {
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { AS_OF } from '../domain/as-of.ts';
import type { InvolvementQuery } from '../repositories/assertions.ts';

/**
 * Lookahead: what a field's selection will ask for below it, read from the resolve info before any child runs, so
 * an entity and the facts (and sources) selected on it are read in one Cypher statement instead of one per level,
 * and a fact's properties are read only when a selected field needs them.
 * Only a hint: a field the lookahead misses still loads through its own DataLoader, so answers never depend on it.
 */

/** Field extension holding how a facts field turns its arguments into a query (src/schema/types/entity.ts). */
export const FACTS_QUERY = 'factsQuery';
export type FactsQueryOf = (
  args: Record<string, unknown>,
) => Omit<InvolvementQuery, 'withSources' | 'withRoles' | 'props' | 'sourceProps' | 'roleProps' | 'roleSignatures'>;

/**
 * Field extension on the fields of facts, entities and sources: the graph properties its resolver reads ([] when it
 * loads by key only). A selected field without it makes the whole node be read.
 */
export const READS = 'reads';
export const reads = (...props: string[]) => ({ [READS]: props });
/**
 * Field extension on a fact's fields that resolve through its participants (`rolesWith` loader): selected below a
 * facts field, it makes the lookahead read every fact's participants in the same statement. `entityPath` leads from
 * the field to the participant entities whose selection says which properties it loads (`participants`: ['entity'];
 * a role field such as `country` returns them itself: []).
 */
export const READS_PARTICIPANTS = 'readsParticipants';
export const readsParticipants = (entityPath: string[] = []) => ({ ...reads(), [READS_PARTICIPANTS]: entityPath });
/** What resolveType/isTypeOf (src/schema/types/node.ts) and global ids need of every fact. */
const FACT_ALWAYS = ['key', 'kind', 'mode', 'summary'];
/** What isTypeOf, global ids, loads by key and keyset cursors (name, key) need of every entity. */
export const ENTITY_ALWAYS = ['key', 'kind', 'name'];
/** What global ids and loads by key need of every source (its type comes from the row's marker, not a property). */
export const SOURCE_ALWAYS = ['key'];

interface Selected {
  node: FieldNode;
  /** The type the field is selected on: the parent type, or the fragment's type condition. */
  on: GraphQLNamedType;
}

function fieldsOf(info: GraphQLResolveInfo, on: GraphQLNamedType, set: SelectionSetNode | undefined): Selected[] {
  if (!set) return [];
  return set.selections.flatMap((s): Selected[] => {
    if (s.kind === Kind.FIELD) return [{ node: s, on }];
    const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : info.fragments[s.name.value];
    if (!fragment) return [];
    const condition = fragment.typeCondition ? info.schema.getType(fragment.typeCondition.name.value) : on;
    return condition ? fieldsOf(info, condition, fragment.selectionSet) : [];
  });
}

function definition(on: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(on) || isInterfaceType(on) ? on.getFields()[name] : undefined;
}

type Level = { set: SelectionSetNode | undefined; on: GraphQLNamedType }[];

/** The selections reached from the resolving field through `path` (e.g. ['edges', 'node']), with their types. */
function selectionsAt(info: GraphQLResolveInfo, path: readonly string[]) {
  return selectionsBelow(
    info,
    info.fieldNodes.map((node) => ({ set: node.selectionSet, on: getNamedType(info.returnType) })),
    path,
  );
}

/** The selections reached from `start` through `path`, with their types. */
function selectionsBelow(info: GraphQLResolveInfo, start: Level, path: readonly string[]) {
  let level = start;
  for (const name of path) {
    level = level.flatMap(({ set, on }) =>
      fieldsOf(info, on, set)
        .filter((f) => f.node.name.value === name)
        .flatMap((f) => {
          const field = definition(f.on, name);
          return field ? [{ set: f.node.selectionSet, on: getNamedType(field.type) }] : [];
        }),
    );
  }
  return level;
}

/**
 * Whether the resolving field's selection asks for `name` at `path` below it (directly below it by default; through
 * fragments and aliases, any type), e.g. `selectsField(info, 'interval', ['rows', 'total'])`.
 */
export function selectsField(info: GraphQLResolveInfo, name: string, path: readonly string[] = []): boolean {
  return selectionsAt(info, path).some(({ set, on }) =>
    fieldsOf(info, on, set).some((f) => f.node.name.value === name),
  );
}

/**
 * The query a facts field loads with, from its arguments and the selection below it (all nodes of one response
 * key, as graphql-js merges them): sources when `sources` is selected, participants when a field that reads them is
 * (`participants`, a role field such as `country`), and the properties its fields read.
 */
function queryFor(
  queryOf: FactsQueryOf,
  args: Record<string, unknown>,
  factType: GraphQLNamedType,
  nodes: readonly FieldNode[],
  info: GraphQLResolveInfo,
): InvolvementQuery {
  const selected = nodes.flatMap((n) => fieldsOf(info, factType, n.selectionSet));
  const withSources = selected.some((f) => f.node.name.value === 'sources');
  const level = nodes.map((n) => ({ set: n.selectionSet, on: factType }));
  return {
    ...queryOf(args),
    withSources,
    props: propsRead(selected, FACT_ALWAYS),
    // What the supports' `source { … }` reads (null when sources are not read, so the signature stays put).
    sourceProps: withSources ? propsBelow(info, level, ['sources', 'source'], SOURCE_ALWAYS) : null,
    ...participantsRead(info, selected),
  };
}

/**
 * The participants the selected fields of a fact read through `rolesWith`: none, or read once in the facts' statement
 * with every property any of them reads (`roleProps`, null: whole, when one of them reads whole entities), then
 * handed to each of those fields as it loads them (`roleSignatures`: the property list of each projected field, as
 * its resolver computes it, src/schema/types/assertion.ts), so a projected row fills only loaders of its own list.
 */
function participantsRead(
  info: GraphQLResolveInfo,
  selected: readonly Selected[],
): Pick<InvolvementQuery, 'withRoles' | 'roleProps' | 'roleSignatures'> {
  const byResponseKey = new Map<string, { path: string[]; level: Level }>();
  for (const f of selected) {
    const field = definition(f.on, f.node.name.value);
    const path = field?.extensions?.[READS_PARTICIPANTS];
    if (!field || !Array.isArray(path)) continue;
    const responseKey = f.node.alias?.value ?? f.node.name.value;
    const entry = byResponseKey.get(responseKey) ?? { path: path as string[], level: [] };
    entry.level.push({ set: f.node.selectionSet, on: getNamedType(field.type) });
    byResponseKey.set(responseKey, entry);
  }
  if (byResponseKey.size === 0) return { withRoles: false, roleProps: null, roleSignatures: [] };
  const signatures = new Map<string, string[] | null>();
  for (const { path, level } of byResponseKey.values()) {
    const props = propsBelow(info, level, path, ENTITY_ALWAYS);
    signatures.set(JSON.stringify(props), props);
  }
  const lists = [...signatures.values()];
  if (lists.some((props) => props === null)) return { withRoles: true, roleProps: null, roleSignatures: [] };
  const projected = lists as string[][];
  return { withRoles: true, roleProps: [...new Set(projected.flat())].sort(), roleSignatures: projected };
}

/** The properties the selected fields read, or null (read everything) when one of them does not say. */
function propsRead(selected: readonly Selected[], always: readonly string[]): string[] | null {
  const props = new Set(always);
  for (const f of selected) {
    if (f.node.name.value.startsWith('__')) continue;
    const read = definition(f.on, f.node.name.value)?.extensions?.[READS] as string[] | undefined;
    if (!read) return null;
    for (const p of read) props.add(p);
  }
  return [...props].sort();
}

const propsBelow = (info: GraphQLResolveInfo, start: Level, path: readonly string[], always: readonly string[]) =>
  propsRead(
    selectionsBelow(info, start, path).flatMap(({ set, on }) => fieldsOf(info, on, set)),
    always,
  );

const propsAt = (info: GraphQLResolveInfo, paths: readonly (readonly string[])[], always: readonly string[]) =>
  propsRead(
    paths.flatMap((path) => selectionsAt(info, path).flatMap(({ set, on }) => fieldsOf(info, on, set))),
    always,
  );

/** The fact properties read by the selections at `paths` below the resolving field (e.g. a connection's nodes). */
export const factPropsSelected = (info: GraphQLResolveInfo, paths: readonly (readonly string[])[]) =>
  propsAt(info, paths, FACT_ALWAYS);

/**
 * Remembered per selection (the field nodes graphql-js hands every item of a list), so a field resolved for each of
 * many rows walks its selection once. What a selection reads depends only on the document and the schema.
 */
const memoised = (compute: (info: GraphQLResolveInfo) => string[] | null) => {
  const known = new WeakMap<readonly FieldNode[], string[] | null>();
  return (info: GraphQLResolveInfo) => {
    let found = known.get(info.fieldNodes);
    if (found === undefined) {
      found = compute(info);
      known.set(info.fieldNodes, found);
    }
    return found;
  };
};

/** The entity properties read by the selections at `paths` below the resolving field (null: all of them). */
export const entityPropsSelected = (info: GraphQLResolveInfo, paths: readonly (readonly string[])[] = [[]]) =>
  propsAt(info, paths, ENTITY_ALWAYS);

/** The source properties read by the selections at `paths` below the resolving field (null: all of them). */
export const sourcePropsSelected = (info: GraphQLResolveInfo, paths: readonly (readonly string[])[] = [[]]) =>
  propsAt(info, paths, SOURCE_ALWAYS);

/** The entity properties the resolving field's own selection reads (a field returning entities, e.g. links). */
export const entityPropsOfField = memoised((info) => entityPropsSelected(info));

/** The entity properties read below a fact's `participants` field (`participants { entity { … } }`). */
export const participantProps = memoised((info) => entityPropsSelected(info, [['entity']]));

/** The source properties read below a fact's `sources` field (`sources { source { … } }`). */
export const supportSourceProps = memoised((info) => sourcePropsSelected(info, [['source']]));

/**
 * The facts queries of the entities selected at `path` below the resolving field: one per facts field and response
 * key, built exactly as the field's own resolver builds it (so the loaders it primes are the ones the field reads).
 */
export function factsSelected(info: GraphQLResolveInfo, path: readonly string[] = []): InvolvementQuery[] {
  const byResponseKey = new Map<string, { field: GraphQLField<unknown, unknown>; nodes: FieldNode[] }>();
  for (const { set, on } of selectionsAt(info, path)) {
    for (const f of fieldsOf(info, on, set)) {
      const field = definition(f.on, f.node.name.value);
      if (!field?.extensions?.[FACTS_QUERY]) continue;
      const responseKey = f.node.alias?.value ?? f.node.name.value;
      const entry = byResponseKey.get(responseKey) ?? { field, nodes: [] };
      entry.nodes.push(f.node);
      byResponseKey.set(responseKey, entry);
    }
  }
  const found = new Map<string, InvolvementQuery>();
  for (const { field, nodes } of byResponseKey.values()) {
    const queryOf = field.extensions[FACTS_QUERY] as FactsQueryOf;
    const args = getArgumentValues(field, nodes[0]!, info.variableValues);
    const query = queryFor(queryOf, args, getNamedType(field.type), nodes, info);
    found.set(JSON.stringify(query), query);
  }
  return [...found.values()];
}

/** A facts query as of an instant (unchanged when there is none, so current reads keep their loader signatures). */
export const atInstant = (query: InvolvementQuery, asOf: string | null | undefined): InvolvementQuery =>
  asOf ? { ...query, asOf } : query;

/** The query a facts field's own resolver loads with (as of the entity row's instant, when it has one). */
export function factsQuery(
  queryOf: FactsQueryOf,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  entity: Record<string, unknown> = {},
) {
  const asOf = entity[AS_OF];
  return atInstant(
    queryFor(queryOf, args, getNamedType(info.returnType), info.fieldNodes, info),
    typeof asOf === 'string' ? asOf : null,
  );
}
