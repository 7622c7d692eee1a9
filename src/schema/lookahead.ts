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
import type { InvolvementQuery } from '../repositories/assertions.ts';

/**
 * Lookahead: what a field's selection will ask for below it, read from the resolve info before any child runs, so
 * an entity and the facts (and sources) selected on it are read in one Cypher statement instead of one per level.
 * Only a hint: a field the lookahead misses still loads through its own DataLoader, so answers never depend on it.
 */

/** Field extension holding how a facts field turns its arguments into a query (src/schema/types/entity.ts). */
export const FACTS_QUERY = 'factsQuery';
export type FactsQueryOf = (args: Record<string, unknown>) => Omit<InvolvementQuery, 'withSources'>;

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

/** The selections reached from the resolving field through `path` (e.g. ['edges', 'node']), with their types. */
function selectionsAt(info: GraphQLResolveInfo, path: readonly string[]) {
  let level: { set: SelectionSetNode | undefined; on: GraphQLNamedType }[] = info.fieldNodes.map((node) => ({
    set: node.selectionSet,
    on: getNamedType(info.returnType),
  }));
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

/** Whether the resolving field's selection includes `name` directly below it (any fragment, any type). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return selectionsAt(info, []).some(({ set, on }) => fieldsOf(info, on, set).some((f) => f.node.name.value === name));
}

/**
 * The facts queries of the entities selected at `path` below the resolving field: one per facts field (aliases
 * with other arguments are separate queries), built exactly as the field's own resolver builds it.
 */
export function factsSelected(info: GraphQLResolveInfo, path: readonly string[] = []): InvolvementQuery[] {
  const found = new Map<string, InvolvementQuery>();
  for (const { set, on } of selectionsAt(info, path)) {
    for (const f of fieldsOf(info, on, set)) {
      const field = definition(f.on, f.node.name.value);
      const queryOf = field?.extensions?.[FACTS_QUERY] as FactsQueryOf | undefined;
      if (!field || !queryOf) continue;
      const sources = fieldsOf(info, getNamedType(field.type), f.node.selectionSet).some(
        (g) => g.node.name.value === 'sources',
      );
      const query = { ...queryOf(getArgumentValues(field, f.node, info.variableValues)), withSources: sources };
      found.set(JSON.stringify(query), query);
    }
  }
  return [...found.values()];
}

/** The query a facts field's resolver loads with: its arguments, and sources when its selection has them. */
export function factsQuery(queryOf: FactsQueryOf, args: Record<string, unknown>, info: GraphQLResolveInfo) {
  return { ...queryOf(args), withSources: selects(info, 'sources') };
}
