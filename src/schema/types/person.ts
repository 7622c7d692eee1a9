import { defineEntityType, factsField } from './entity.ts';
import { PositionRef } from './relations.ts';
import { ClaimRef, QuoteRef } from './statements.ts';

export const PersonRef = defineEntityType('Person', {
  plural: 'people',
  fields: (t) => ({
    positions: factsField(t, PositionRef, ['SUBJECT'], ['Position'], 'Roles the person holds, as reported.'),
    quotes: factsField(t, QuoteRef, ['SPEAKER'], ['Quote'], 'What the person said, verbatim.'),
    claims: factsField(t, ClaimRef, ['SPEAKER'], ['Claim'], 'What the person stated, in paraphrase.'),
  }),
});
