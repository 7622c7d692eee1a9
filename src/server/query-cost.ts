import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
  valueFromAST,
} from 'graphql';

/** armor's weights, kept so ordinary queries cost what they cost before. */
const OBJECT_COST = 1;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1;
/** The arguments that say how many things a field reads. */
const CAP_ARGS = ['first', 'last', 'limit'] as const;
/** The largest fixed cap of a field (neighborhood's `limit`); larger requests are refused by the field. */
const MAX_FIELD_CAP = 300;

interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** What a missing `first` without a default means (MAX_PAGE_SIZE): connections and research views read that many. */
  maxPageSize: number;
}

/**
 * The cost of an operation, counted by what its fields read: a field's own cost plus, for a field that reads a list,
 * its cap times the cost of what is selected in it. The cap is the field's `first`/`last`/`limit` as given —
 * literally or as a variable — else its declared default, else (a `first` without a default: connections and the
 * research views) MAX_PAGE_SIZE; `nodes(ids:)` counts its ids. A size above what any field accepts counts at that
 * ceiling: the field refuses it with BAD_USER_INPUT and its range, the one page-size rule. So `metricByCompany` costs its `first` rows whether or
 * not the client wrote `first`, and no list can be asked for at a size the cost does not see.
 */
export function queryCost({ schema, document, operationName, variables, maxPageSize }: CostInput): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  /** The largest size any field accepts (MAX_PAGE_SIZE, or the neighbourhood's 300 nodes). */
  const ceiling = Math.max(maxPageSize, MAX_FIELD_CAP);

  const argValue = (field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown => {
    const def = field.args.find((a) => a.name === name);
    if (!def) return undefined;
    const given = node.arguments?.find((a) => a.name.value === name);
    if (!given) return def.defaultValue;
    return valueFromAST(given.value as ValueNode, def.type, variables ?? undefined);
  };

  const capOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    if (field.name === 'nodes' && field.args.some((a) => a.name === 'ids')) {
      const ids = argValue(field, node, 'ids');
      return Array.isArray(ids) ? Math.max(ids.length, 1) : 1;
    }
    for (const name of CAP_ARGS) {
      if (!field.args.some((a) => a.name === name)) continue;
      const value = argValue(field, node, name);
      // A size above every field's maximum (or not an Int at all) is refused by the field itself with a
      // BAD_USER_INPUT naming its range (or by variable coercion): count it at the ceiling, not at its face value.
      if (Number.isInteger(value)) return Math.min(Math.max(value as number, 1), ceiling);
      return value === undefined || value === null ? (name === 'limit' ? 1 : maxPageSize) : 1;
    }
    return 1;
  };

  const selectionCost = (
    parent: ReturnType<typeof getNamedType>,
    set: SelectionSetNode,
    depth: number,
    seen: Set<string>,
  ): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(on ?? parent, selection.selectionSet, depth, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) ?? parent;
        total += selectionCost(on, fragment.selectionSet, depth, new Set([...seen, fragment.name.value]));
      } else {
        total += DEPTH_FACTOR * fieldCost(parent, selection, depth + 1, seen);
      }
    }
    return total;
  };

  const fieldCost = (
    parent: ReturnType<typeof getNamedType>,
    node: FieldNode,
    depth: number,
    seen: Set<string>,
  ): number => {
    const name = node.name.value;
    // Introspection of the whole schema is free (GraphiQL does it); `__type` costs like any field.
    if (name === '__schema') return 0;
    if (name === '__type' && node.selectionSet) {
      const type = schema.getType('__Type');
      return type ? OBJECT_COST + selectionCost(type, node.selectionSet, depth, seen) : SCALAR_COST;
    }
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!field || !node.selectionSet) return SCALAR_COST;
    const cap = capOf(field, node);
    return cap * (OBJECT_COST + selectionCost(getNamedType(field.type), node.selectionSet, depth, seen));
  };

  return selectionCost(root, operation.selectionSet, 0, new Set()) / DEPTH_FACTOR;
}
