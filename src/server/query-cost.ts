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

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** What a missing `first` without a default means (MAX_PAGE_SIZE): connections and research views read that many. */
  maxPageSize: number;
  /**
   * How many nodes the graph holds per label (Company, Domicile, Assertion, Source …), when known: a connection
   * of XConnection can return no more than the graph's X nodes, so it counts min(cap, that many).
   */
  sizes?: ReadonlyMap<string, number> | null;
}

/** A list field of the operation and what it costs with everything selected in it. */
export interface CostlyField {
  /** Response path without list indexes, e.g. companies.nodes.facts. */
  path: string;
  cost: number;
  /** Rows it counts for. */
  rows: number;
  /** Why that many: `first 100`, `limit 50`, `default first 50`, `MAX_PAGE_SIZE 100`, `8 in the graph`. */
  because: string;
}

export interface CostReport {
  cost: number;
  /** The list fields on the costliest branch, outermost first (what to narrow). */
  costliest: CostlyField[];
}

/**
 * The cost of an operation, counted by what its fields read: a field's own cost plus, for a field that reads a list,
 * its rows times the cost of what is selected in it. The rows are the field's `first`/`last`/`limit` as given —
 * literally or as a variable — else its declared default, else (a `first` without a default: connections and the
 * research views) MAX_PAGE_SIZE; `nodes(ids:)` counts its ids; and a connection counts no more rows than the graph
 * holds nodes of its type (`sizes`: `domiciles(first: 100)` with 8 Domicile facts counts 8). A size above what any
 * field accepts counts at that ceiling: the field refuses it with BAD_USER_INPUT and its range, the one page-size
 * rule. So `metricByCompany` costs its `first` rows whether or not the client wrote `first`, and no list can be
 * asked for at a size the cost does not see. Lists without a size argument (a fact's sources and participants, an
 * entity's aliases) are bounded by what one node holds and count once.
 *
 * This is the function to compute a document's cost with (the limit in useQueryCost, and anything that meters
 * demand); `costliest` says which list fields made it expensive.
 */
export function documentCost({
  schema,
  document,
  operationName,
  variables,
  maxPageSize,
  sizes,
}: CostInput): CostReport {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return { cost: 0, costliest: [] };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return { cost: 0, costliest: [] };
  /** The largest size any field accepts (MAX_PAGE_SIZE, or the neighbourhood's 300 nodes). */
  const ceiling = Math.max(maxPageSize, MAX_FIELD_CAP);

  const argValue = (field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown => {
    const def = field.args.find((a) => a.name === name);
    if (!def) return undefined;
    const given = node.arguments?.find((a) => a.name.value === name);
    if (!given) return def.defaultValue;
    return valueFromAST(given.value as ValueNode, def.type, variables ?? undefined);
  };

  const requested = (field: GraphQLField<unknown, unknown>, node: FieldNode): { rows: number; because: string } => {
    if (field.name === 'nodes' && field.args.some((a) => a.name === 'ids')) {
      const ids = argValue(field, node, 'ids');
      return { rows: Array.isArray(ids) ? Math.max(ids.length, 1) : 1, because: 'ids' };
    }
    for (const name of CAP_ARGS) {
      const def = field.args.find((a) => a.name === name);
      if (!def) continue;
      const given = node.arguments?.some((a) => a.name.value === name) ?? false;
      const value = argValue(field, node, name);
      // A size above every field's maximum (or not an Int at all) is refused by the field itself with a
      // BAD_USER_INPUT naming its range (or by variable coercion): count it at the ceiling, not at its face value.
      if (Number.isInteger(value)) {
        const rows = Math.min(Math.max(value as number, 1), ceiling);
        return { rows, because: `${given ? '' : 'default '}${name} ${rows}` };
      }
      if (value === undefined || value === null) {
        return name === 'limit'
          ? { rows: 1, because: 'limit' }
          : { rows: maxPageSize, because: `MAX_PAGE_SIZE ${maxPageSize}` };
      }
      return { rows: 1, because: name };
    }
    return { rows: 1, because: '' };
  };

  /** A connection (XConnection with `nodes`) cannot return more rows than the graph's X nodes. */
  const rowsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode) => {
    const asked = requested(field, node);
    const type = getNamedType(field.type);
    if (!sizes || !isObjectType(type) || !type.name.endsWith('Connection') || !type.getFields().nodes) return asked;
    const held = sizes.get(getNamedType(type.getFields().nodes?.type ?? type).name);
    if (held === undefined || held >= asked.rows) return asked;
    return { rows: Math.max(held, 1), because: `${asked.because}; ${held} in the graph` };
  };

  interface Counted {
    cost: number;
    /** The costliest list fields below (for the report). */
    chain: CostlyField[];
  }

  const selectionCost = (
    parent: ReturnType<typeof getNamedType>,
    set: SelectionSetNode,
    path: string,
    seen: Set<string>,
  ): Counted => {
    let total = 0;
    let chain: CostlyField[] = [];
    let chainCost = -1;
    const add = (c: Counted) => {
      total += c.cost;
      if (c.chain.length > 0 && c.cost > chainCost) {
        chainCost = c.cost;
        chain = c.chain;
      }
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(selectionCost(on ?? parent, selection.selectionSet, path, seen));
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) ?? parent;
        add(selectionCost(on, fragment.selectionSet, path, new Set([...seen, fragment.name.value])));
      } else {
        add(fieldCost(parent, selection, path, seen));
      }
    }
    return { cost: total * DEPTH_FACTOR, chain };
  };

  const fieldCost = (
    parent: ReturnType<typeof getNamedType>,
    node: FieldNode,
    parentPath: string,
    seen: Set<string>,
  ): Counted => {
    const name = node.name.value;
    const path = parentPath ? `${parentPath}.${node.alias?.value ?? name}` : (node.alias?.value ?? name);
    // Introspection of the whole schema is free (GraphiQL does it); `__type` costs like any field.
    if (name === '__schema') return { cost: 0, chain: [] };
    if (name === '__type' && node.selectionSet) {
      const type = schema.getType('__Type');
      return type
        ? { cost: OBJECT_COST + selectionCost(type, node.selectionSet, path, seen).cost, chain: [] }
        : { cost: SCALAR_COST, chain: [] };
    }
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!field || !node.selectionSet) return { cost: SCALAR_COST, chain: [] };
    const { rows, because } = rowsOf(field, node);
    const inner = selectionCost(getNamedType(field.type), node.selectionSet, path, seen);
    const cost = rows * (OBJECT_COST + inner.cost);
    return { cost, chain: rows > 1 ? [{ path, cost, rows, because }, ...inner.chain] : inner.chain };
  };

  const counted = selectionCost(root, operation.selectionSet, '', new Set());
  return { cost: counted.cost / DEPTH_FACTOR, costliest: counted.chain };
}
