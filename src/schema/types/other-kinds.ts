import type { AssertionKind } from '../../domain/format.ts';
import { defineAssertionType, roleField } from './assertion.ts';

/** The kinds the Epoch import adds (src/import/epoch) have no file of their own: a general type each (value fields from ASSERTION_KIND_VALUES). */
const GENERAL_KINDS = [
  'ChipDeployment',
  'BuildOutSnapshot',
  'Usage',
  'ChipOwnership',
] as const satisfies readonly AssertionKind[];

for (const kind of GENERAL_KINDS) {
  defineAssertionType(kind, {
    description: `A ${kind} fact.`,
    fields: (t) => ({
      subjects: roleField(t, 'SUBJECT', 'Whom or what the fact is about.'),
      objects: roleField(t, 'OBJECT', 'The other party.'),
    }),
  });
}
