import { ASSERTION_KINDS, factKind } from '../domain/facts/index.ts';
import { ENTITY_KINDS } from '../domain/format.ts';
import { entityKindDescription } from '../domain/vocabulary.ts';

/**
 * Description helpers: the words GraphiQL's docs pane shows, generated from the definitions they describe (the
 * vocabulary in src/domain/vocabulary.ts, the fact kinds of src/domain/facts/kinds.ts) rather than retyped. Limits are
 * described beside their arguments in src/schema/connection.ts.
 */

/** Pothos enum values with a description each, from a `value → meaning` table. */
export const describedValues = <V extends string>(meanings: Readonly<Record<V, string>>) =>
  Object.fromEntries(
    (Object.entries(meanings) as [V, string][]).map(([value, description]) => [value, { description }]),
  ) as Record<V, { description: string }>;

/** The entity kinds as enum values, each with its type's description. */
export const ENTITY_KIND_VALUES = describedValues(
  Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, entityKindDescription(kind)])) as Record<
    (typeof ENTITY_KINDS)[number],
    string
  >,
);

/** The fact kinds as enum values, each with its type's description (the fact-kind table's). */
export const FACT_KIND_VALUES = describedValues(
  Object.fromEntries(ASSERTION_KINDS.map((kind) => [kind, factKind(kind).description])) as Record<
    (typeof ASSERTION_KINDS)[number],
    string
  >,
);

/** Every entity and fact kind (search filters), described. */
export const ALL_KIND_VALUES = { ...ENTITY_KIND_VALUES, ...FACT_KIND_VALUES };
