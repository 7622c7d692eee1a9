import { defineEntityType, factsField } from './entity.ts';
import { PositionRef } from './relations.ts';
import { ClaimRef, QuoteRef } from './statements.ts';

export const PersonRef = defineEntityType('Person', {
  plural: 'people',
  description: 'A person: an executive, an analyst.',
  fields: (t) => ({
    positions: factsField(t, PositionRef, ['SUBJECT'], ['Position'], 'Roles the person holds, as reported.'),
    quotes: factsField(t, QuoteRef, ['SPEAKER'], ['Quote'], 'What the person said, verbatim.'),
    claimsMade: factsField(
      t,
      ClaimRef,
      ['SPEAKER'],
      ['Claim'],
      'Claims the person made (they are the speaker), in the source’s paraphrase; their verbatim words are `quotes`.',
    ),
    claims: factsField(t, ClaimRef, ['SPEAKER'], ['Claim'], 'What the person stated (same as claimsMade).', {
      deprecationReason: 'Use claimsMade (the same claims, named like Company.claimsMade).',
    }),
  }),
});
