import { ENTITY_KINDS } from '../domain/format.ts';
import { entityKindDescription } from '../domain/vocabulary.ts';

/**
 * Description helpers: the words GraphiQL's docs pane shows, generated from the definitions they describe (the
 * vocabulary in src/domain/vocabulary.ts) rather than retyped. Limits are described beside their arguments in
 * src/schema/connection.ts.
 */

/** Pothos enum values with a description each, from a `value → meaning` table. */
export const describedValues = <V extends string>(meanings: Readonly<Record<V, string>>) =>
  Object.fromEntries(
    (Object.entries(meanings) as [V, string][]).map(([value, description]) => [value, { description }]),
  ) as Record<V, { description: string }>;

/** The entity kinds as enum values, each with its type's description. */
export const ENTITY_KIND_VALUES = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [kind, { description: entityKindDescription(kind) }]),
) as Record<(typeof ENTITY_KINDS)[number], { description: string }>;
