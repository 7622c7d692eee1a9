import { defineAssertionType, roleField } from './assertion.ts';

export const QuoteRef = defineAssertionType('Quote', {
  plural: 'quotes',
  description: 'Words quoted verbatim, with who said them and whom they concern.',
  fields: (t) => ({
    speaker: roleField(t, 'SPEAKER', 'Who said it.', true),
    about: roleField(t, 'CONCERNS', 'Whom or what it concerns.'),
  }),
});

export const ClaimRef = defineAssertionType('Claim', {
  plural: 'claims',
  description:
    'A statement reported in paraphrase: analysts’ views, executives’ remarks, sources familiar with the matter.',
  fields: (t) => ({
    speaker: roleField(t, 'SPEAKER', 'Who made the claim (null when only attributed, see attribution).', true),
    about: roleField(t, 'CONCERNS', 'Whom or what it concerns.'),
    subjects: roleField(t, 'SUBJECT', 'Whom the claim is about, when stated as its subject.'),
  }),
});
