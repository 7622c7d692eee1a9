import { ASSERTION_KINDS } from '../../domain/format.ts';
import { defineAssertionType, roleField } from './assertion.ts';
import { NODE_TYPES } from './node.ts';

/**
 * Kinds without a dedicated file (e.g. those the Epoch import adds) get a general type with every
 * value field; imported last so dedicated types win.
 */
for (const kind of ASSERTION_KINDS) {
  if (NODE_TYPES.has(kind)) continue;
  defineAssertionType(kind, {
    description: `A ${kind} fact.`,
    fields: (t) => ({
      subjects: roleField(t, 'SUBJECT', 'Whom or what the fact is about.'),
      objects: roleField(t, 'OBJECT', 'The other party.'),
    }),
  });
}
