import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';

/**
 * Which elements of a schema carry a description, by class, as GraphiQL's docs pane shows them. Built-ins are left
 * out: the introspection types (`__Schema` …), the specified scalars (String, Int, Float, Boolean, ID) and the
 * specified directives — graphql-js describes those itself and they are not in the printed schema.
 */
export const ELEMENT_CLASSES = ['types', 'fields', 'arguments', 'enumValues', 'inputFields'] as const;
export type ElementClass = (typeof ELEMENT_CLASSES)[number];

export interface Coverage {
  /** Every element's schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`), by class. */
  all: Record<ElementClass, string[]>;
  /** The coordinates of the elements without a description (empty or whitespace counts as none). */
  undescribed: Record<ElementClass, string[]>;
  /** Deprecated fields, arguments, enum values and input fields whose reason names no replacement ("use `x`"). */
  deprecatedWithoutReplacement: string[];
}

/**
 * A deprecation reason names what to use instead: "Use `metricByCompany`." or "Use factKinds, which …" (a schema
 * name: backticked, or camelCase / dotted like `Company.claimsMade`), not just "Use the other one."
 */
const namesReplacement = (reason: string | null | undefined) =>
  /\b[Uu]se (`[^`]+`|[a-z]+[A-Z_.][\w.]*)/.test(reason ?? '');

const described = (description: string | null | undefined) => (description ?? '').trim().length > 0;

export function schemaCoverage(schema: GraphQLSchema): Coverage {
  const all: Record<ElementClass, string[]> = { types: [], fields: [], arguments: [], enumValues: [], inputFields: [] };
  const undescribed: Record<ElementClass, string[]> = {
    types: [],
    fields: [],
    arguments: [],
    enumValues: [],
    inputFields: [],
  };
  const deprecatedWithoutReplacement: string[] = [];
  const note = (
    kind: ElementClass,
    coordinate: string,
    description: string | null | undefined,
    deprecationReason?: string | null,
  ) => {
    all[kind].push(coordinate);
    if (!described(description)) undescribed[kind].push(coordinate);
    if (deprecationReason != null && !namesReplacement(deprecationReason))
      deprecatedWithoutReplacement.push(coordinate);
  };
  const noteField = (typeName: string, field: GraphQLField<unknown, unknown>) => {
    note('fields', `${typeName}.${field.name}`, field.description, field.deprecationReason);
    for (const arg of field.args as readonly GraphQLArgument[]) {
      note('arguments', `${typeName}.${field.name}(${arg.name}:)`, arg.description, arg.deprecationReason);
    }
  };

  const names = Object.keys(schema.getTypeMap()).sort();
  for (const name of names) {
    const type = schema.getType(name);
    if (!type || isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    note('types', name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) noteField(name, field);
    } else if (isEnumType(type)) {
      for (const value of type.getValues())
        note('enumValues', `${name}.${value.name}`, value.description, value.deprecationReason);
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
        note('inputFields', `${name}.${field.name}`, field.description, field.deprecationReason);
      }
    }
  }
  for (const directive of schema.getDirectives()) {
    if (['include', 'skip', 'deprecated', 'specifiedBy', 'oneOf'].includes(directive.name)) continue;
    note('types', `@${directive.name}`, directive.description);
    for (const arg of directive.args) note('arguments', `@${directive.name}(${arg.name}:)`, arg.description);
  }
  return { all, undescribed, deprecatedWithoutReplacement };
}

/** "fields 360/784 (45.9 %)" lines, one per class. */
export function coverageFigures(coverage: Coverage): string[] {
  return ELEMENT_CLASSES.map((kind) => {
    const total = coverage.all[kind].length;
    const done = total - coverage.undescribed[kind].length;
    const percent = total === 0 ? 100 : (100 * done) / total;
    return `${kind} ${done}/${total} (${percent.toFixed(1)} %)`;
  });
}
