import {
  type CONFIDENCES,
  ENTITY_KINDS,
  type EntityKind,
  type LINK_TYPES,
  type MODES,
  type PERIOD_TYPES,
  type QUALIFIERS,
  type RANKS,
  type ROLE_TYPES,
} from './format.ts';

/**
 * What each word of the model's vocabulary means, keyed by the lists in src/domain/format.ts (TypeScript refuses a
 * list value without a meaning). The GraphQL enums and the descriptions that name these words are generated from
 * here (src/schema/describe.ts), so a new value is described once.
 */

export const MODE_MEANINGS = {
  reported: 'Stated as fact by the source, e.g. a company’s reported capex.',
  forecast: 'A prediction the source reports, e.g. analysts expecting over a million H20 units to ship.',
  opinion: 'A view or judgement the source reports, e.g. an analyst calling ByteDance the largest buyer.',
  derived:
    'Computed by this service from reported facts (a sum, a conversion, an implied amount); never stored as reported.',
} as const satisfies Record<(typeof MODES)[number], string>;

export const RANK_MEANINGS = {
  preferred:
    'Preferred over the other facts of its statement group (same kind, subject, metric and period), Wikidata-style: ' +
    'default reads answer it and leave the group’s normal facts out (best rank).',
  normal:
    'The standing of a fact unless a curator says otherwise; hidden from default reads only when a preferred fact of ' +
    'its statement group outranks it.',
  deprecated:
    'Retracted or set aside (see `retraction` and `rankReason` for why, who and when): kept for history, left out of ' +
    'every default read unless asked for.',
} as const satisfies Record<(typeof RANKS)[number], string>;

export const QUALIFIER_MEANINGS = {
  exact:
    'Stated to the unit or finer (precision 1 or less), e.g. "$12,345" or "a 123% increase"; its interval is still ' +
    '± half that unit.',
  rounded:
    'Rounded by the source to `precision`, the unit of its last stated digit: "23 billion yuan" (precision ' +
    '1000000000) stands for 22.5–23.5 billion, "4.2 billion yuan" (precision 100000000) for 4.15–4.25 billion.',
  approx:
    'About this much ("around", "roughly"); also a derived amount computed from rounded ones or rounded itself ' +
    '(`interval` gives the bounds).',
  more_than: 'Above this, e.g. "exceeding $50 billion", "over a million".',
  less_than: 'Below this, e.g. "under $1 billion".',
  at_least: 'This or more, e.g. a value derived from a more_than quantity.',
  range: 'Between `lower` and `upper` (e.g. "$12,000 to $13,000"); the amount is the lower bound.',
} as const satisfies Record<(typeof QUALIFIERS)[number], string>;

export const PERIOD_TYPE_MEANINGS = {
  FY: 'A whole year, calendar or fiscal (see `basis`), e.g. 2024.',
  H1: 'The first half of the year (January–June on a calendar basis).',
  H2: 'The second half of the year (July–December on a calendar basis).',
  Q1: 'The first quarter (January–March on a calendar basis).',
  Q2: 'The second quarter (April–June on a calendar basis).',
  Q3: 'The third quarter (July–September on a calendar basis).',
  Q4: 'The fourth quarter (October–December on a calendar basis).',
  MONTH: 'One month; `label` gives the source’s words, e.g. "March 2023".',
  DAY: 'One day, e.g. the date a dataset row was observed.',
  OPEN: 'An open period without stated bounds, e.g. "in the coming months".',
} as const satisfies Record<(typeof PERIOD_TYPES)[number], string>;

export const ROLE_MEANINGS = {
  SUBJECT: 'Who or what the fact is about (the spender, the person holding a role, the buyer…).',
  OBJECT: 'The other party (the employer, the chip bought, the child company, the site…).',
  MEMBER: 'A member of a group figure ("Alibaba, Tencent and Baidu collectively…").',
  SPEAKER: 'Who said it (quotes, claims).',
  CONCERNS: 'Also mentioned or concerned.',
} as const satisfies Record<(typeof ROLE_TYPES)[number], string>;

/** The timeless links between entities (not facts: they hold whatever any source says). */
export const LINK_MEANINGS = {
  PART_OF: 'A place inside another (Johor → Malaysia).',
  MADE_BY: 'A chip or product to its maker (Nvidia H20 → Nvidia).',
  PUBLISHED_BY: 'A source to its publisher.',
  LOCATED_IN: 'A site to the place it is in.',
  UNIT_OF: 'An organisation or chip to what it belongs to (Alibaba Cloud → Alibaba Group).',
} as const satisfies Record<(typeof LINK_TYPES)[number], string>;

export const CONFIDENCE_MEANINGS = {
  confirmed: 'confirmed by the source (Epoch AI `Certainty`)',
  likely: 'likely, in the source’s judgement (Epoch `Certainty` or `#likely` tag)',
  unlikely: 'unlikely, in the source’s judgement (Epoch `Certainty`)',
  confident: 'the source is confident (Epoch `#confident` tag)',
  speculative: 'the source speculates (Epoch `#speculative` tag)',
  estimate: 'an estimate of the source (Epoch `#estimate` tag)',
} as const satisfies Record<(typeof CONFIDENCES)[number], string>;

/** Each entity kind: what it is, and the prefix of its keys with an example. */
export const ENTITY_KIND_MEANINGS = {
  Company: { is: 'A company: a spender, buyer, chip vendor or cloud provider.', key: 'company:bytedance' },
  Organization: {
    is: 'Another organisation: publisher, research firm, government body, dataset publisher.',
    key: 'organization:semianalysis',
  },
  Person: { is: 'A person: an executive, an analyst.', key: 'person:eddie-wu' },
  Chip: { is: 'An AI chip or chip family (Nvidia H20, H100, Blackwell).', key: 'chip:nvidia-h20' },
  Place: { is: 'A country, state or city; places nest with PART_OF (Johor → Malaysia).', key: 'place:my-johor' },
  DataCenter: { is: 'A data-centre project, site or GPU cluster.', key: 'datacenter:bytedance-johor-projects' },
  Regulation: { is: 'An export control or other regulation.', key: 'regulation:us-ai-chip-export-controls' },
} as const satisfies Record<EntityKind, { is: string; key: string }>;

/** "A company: … Keys look like `company:bytedance`." */
export const entityKindDescription = (kind: EntityKind) =>
  `${ENTITY_KIND_MEANINGS[kind].is} Keys look like \`${ENTITY_KIND_MEANINGS[kind].key}\`.`;

/** "capex, cloud_revenue …" style list of a vocabulary, for descriptions that name the allowed words. */
export const wordList = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ');

/** Confidence words with their meanings, for the `confidence` fields. */
export const confidenceList = () =>
  (Object.entries(CONFIDENCE_MEANINGS) as [string, string][])
    .map(([word, means]) => `\`${word}\` (${means})`)
    .join(', ');

export { ENTITY_KINDS };
