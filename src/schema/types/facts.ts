import type { FieldMap } from '@pothos/core';
import type { EntityKind } from '../../domain/entity-props.ts';
import { ASSERTION_KINDS, type AssertionKind, factKind } from '../../domain/facts/index.ts';
import type { AssertionRow } from '../../domain/rows.ts';
import type { FieldsOf } from '../builder.ts';
import { builder } from '../builder.ts';
import { connectionOf } from '../connection.ts';
import { assertionConnectionField, factFieldsOf, roleField } from './assertion.ts';
import { factsField } from './entity.ts';
import { forecastFields } from './forecast.ts';
import { isRowOf, NodeRef } from './node.ts';
import { AssertionRef } from './refs.ts';

/**
 * One GraphQL type per kind of fact, all from the table in src/domain/facts/kinds.ts: its value fields, its role
 * fields, its root connection and the fact lists on entity pages. Fields a table row cannot say (a computed value)
 * are added here by kind.
 */
const COMPUTED_FIELDS: Partial<Record<AssertionKind, (t: FieldsOf<AssertionRow>) => FieldMap>> = {
  Forecast: forecastFields,
};

function defineFactType(kind: AssertionKind) {
  const spec = factKind(kind);
  const ref = builder.objectRef<AssertionRow>(kind).implement({
    description: spec.description,
    interfaces: [NodeRef, AssertionRef],
    isTypeOf: (row) => isRowOf(row, kind, 'summary'),
    fields: (t) => ({
      ...factFieldsOf(t, spec.values),
      ...Object.fromEntries(
        Object.entries(spec.roles).map(([name, r]) =>
          r.single ? [name, roleField(t, r.role, r.description, true)] : [name, roleField(t, r.role, r.description)],
        ),
      ),
      ...COMPUTED_FIELDS[kind]?.(t),
    }),
  });
  if (spec.plural) {
    assertionConnectionField(
      spec.plural,
      connectionOf<AssertionRow>(kind, ref),
      [kind],
      `${kind} facts, by key, keyset-paged.`,
    );
  }
  return ref;
}

const FACT_TYPES = Object.fromEntries(ASSERTION_KINDS.map((kind) => [kind, defineFactType(kind)])) as Record<
  AssertionKind,
  ReturnType<typeof defineFactType>
>;

/** The GraphQL type of a kind of fact. */
export const factType = (kind: AssertionKind) => FACT_TYPES[kind];

/** The fact lists an entity kind's page shows (`Company.figures` …), from the table's `lists`. */
export function factListsOn(t: Parameters<typeof factsField>[0], entity: EntityKind): FieldMap {
  return Object.fromEntries(
    ASSERTION_KINDS.flatMap((kind) =>
      (factKind(kind).lists ?? [])
        .filter((list) => list.on.includes(entity))
        .map((list) => [
          list.field,
          factsField(t, FACT_TYPES[kind], [...list.roles], [kind], list.description, {
            metric: list.metric,
            deprecationReason: list.deprecationReason,
          }),
        ]),
    ),
  );
}
