import { z } from 'zod';

/**
 * The import format, version 1: one JSON object per line (NDJSON).
 * Every line is an entity, a source, a timeless link, or an assertion (a reified fact).
 * The seed article, bulk imports and the Epoch importer all go through this schema.
 */
export const FORMAT_VERSION = 1 as const;

export const ENTITY_KINDS = ['Company', 'Organization', 'Person', 'Chip', 'Place', 'DataCenter', 'Regulation'] as const;
export const ASSERTION_KINDS = [
  'FinancialFigure',
  'GroupFigure',
  'Position',
  'Ownership',
  'Domicile',
  'Procurement',
  'ExportControlStatus',
  'Development',
  'Quote',
  'Claim',
  'Forecast',
  // Epoch AI datasets (src/import/epoch): chips at a site, a dated build-out row, who uses a site, who owns its chips.
  'ChipDeployment',
  'BuildOutSnapshot',
  'Usage',
  'ChipOwnership',
] as const;
export const LINK_TYPES = ['PART_OF', 'MADE_BY', 'PUBLISHED_BY', 'LOCATED_IN', 'UNIT_OF'] as const;
export const ROLE_TYPES = ['SUBJECT', 'OBJECT', 'MEMBER', 'SPEAKER', 'CONCERNS'] as const;
export const MODES = ['reported', 'forecast', 'opinion', 'derived'] as const;
export const RANKS = ['preferred', 'normal', 'deprecated'] as const;
export const QUALIFIERS = ['exact', 'approx', 'more_than', 'less_than', 'at_least', 'range'] as const;
export const PERIOD_TYPES = ['FY', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'MONTH', 'DAY', 'OPEN'] as const;
export const CONFIDENCES = ['confirmed', 'likely', 'unlikely', 'confident', 'speculative', 'estimate'] as const;

/** Every entity and assertion kind (search filters). */
export const ALL_KINDS = [...ENTITY_KINDS, ...ASSERTION_KINDS] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];
export type AssertionKind = (typeof ASSERTION_KINDS)[number];
export type RoleType = (typeof ROLE_TYPES)[number];

const keyPattern = /^[a-z][a-z0-9-]*:[a-z0-9][a-z0-9._-]*$/;
export const Key = z.string().max(200).regex(keyPattern, 'a key is "kind:slug" in lower case, e.g. company:alibaba');

/** Decimal string without exponent, e.g. "23000000000" or "12.5"; never a float. */
export const Decimal = z
  .string()
  .max(40)
  .regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'a decimal string such as "23000000000" or "6.5"');

/** ISO 4217 codes this graph accepts, with their minor-unit exponents. */
export const CURRENCY_EXPONENTS: Record<string, number> = {
  CNY: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  KRW: 0,
  MYR: 2,
  HKD: 2,
  TWD: 2,
  SGD: 2,
  AED: 2,
  SAR: 2,
  INR: 2,
};
export const Currency = z
  .string()
  .refine((c) => c in CURRENCY_EXPONENTS, 'an ISO 4217 currency code this graph knows (e.g. CNY, USD)');

export const Money = z
  .object({
    /** Exact amount in major units as a decimal string; for ranges, the lower bound. */
    amount: Decimal,
    currency: Currency,
    /** The words of the source, e.g. "23 billion yuan". */
    asReported: z.string().min(1).max(200),
    qualifier: z.enum(QUALIFIERS).default('exact'),
    lower: Decimal.optional(),
    upper: Decimal.optional(),
  })
  .strict()
  .refine((m) => m.qualifier !== 'range' || (m.lower !== undefined && m.upper !== undefined), {
    message: 'a range needs lower and upper',
  })
  .refine((m) => m.lower === undefined || m.upper === undefined || Number(m.lower) <= Number(m.upper), {
    message: 'lower must not exceed upper',
  });

/** A change such as "+123%": the percentage as a decimal string ("123" means 123 %). */
export const Change = z
  .object({
    percent: Decimal,
    asReported: z.string().min(1).max(200),
    qualifier: z.enum(QUALIFIERS).default('exact'),
    /** What the change compares against, e.g. "yoy" (year on year). */
    basis: z.enum(['yoy', 'qoq', 'vs_prior_period']).default('yoy'),
  })
  .strict();

export const Period = z
  .object({
    /** The words of the source, e.g. "the first half of this year". */
    label: z.string().min(1).max(200),
    type: z.enum(PERIOD_TYPES),
    year: z.number().int().min(1900).max(2100).optional(),
    basis: z.enum(['calendar', 'fiscal']).default('calendar'),
    /** True when the year is not stated by the source but inferred; `inference` says why. */
    yearInferred: z.boolean().default(false),
    inference: z.string().max(1000).optional(),
  })
  .strict()
  .refine((p) => !p.yearInferred || (p.inference?.length ?? 0) > 0, {
    message: 'an inferred year must say why (inference)',
  });

export const SourceRef = z
  .object({
    source: Key,
    /** Verbatim text of the source that supports the assertion. */
    snippet: z.string().min(1).max(2000),
    /** Character offsets of the snippet in the source text (UTF-16 code units, end exclusive). */
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    /** Where in a structured source the support sits, e.g. "row 412" or "handle dc-abilene-2025-06". */
    locator: z.string().min(1).max(300).optional(),
  })
  .strict()
  .refine((r) => (r.start === undefined) === (r.end === undefined), { message: 'start and end go together' })
  .refine((r) => r.start === undefined || r.end === undefined || r.end - r.start === r.snippet.length, {
    message: 'end - start must equal the snippet length',
  });

export const EntityLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('entity'),
    kind: z.enum(ENTITY_KINDS),
    key: Key,
    name: z.string().min(1).max(300),
    aliases: z.array(z.string().min(1).max(300)).max(50).default([]),
    /** Wikidata QID, only where known for certain. */
    wikidata: z
      .string()
      .regex(/^Q[1-9][0-9]*$/)
      .optional(),
    description: z.string().max(2000).optional(),
    /** Kind-specific scalar properties (e.g. orgType, iso2, status, powerMw). */
    props: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).default({}),
  })
  .strict();

export const SourceLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('source'),
    key: Key,
    title: z.string().min(1).max(500),
    kind: z.enum(['article', 'dataset', 'dataset_row', 'manual']).default('article'),
    publisher: Key.optional(),
    /** http(s) only: a `javascript:` or made-up scheme would be a link clients render. */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    publishedDate: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
      .optional(),
    contentHash: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .optional(),
    license: z.string().max(200).optional(),
    citation: z.string().max(2000).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const LinkLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('link'),
    rel: z.enum(LINK_TYPES),
    from: Key,
    to: Key,
  })
  .strict();

export const AssertionLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('assertion'),
    kind: z.enum(ASSERTION_KINDS),
    key: Key,
    /** One-line human summary of the fact, e.g. "Alibaba capex H1 2024: 23 bn CNY". */
    summary: z.string().min(1).max(500),
    mode: z.enum(MODES),
    rank: z.enum(RANKS).default('normal'),
    confidence: z.enum(CONFIDENCES).optional(),
    /** Entities the fact involves, by role. Keys must exist (or be declared in the same import). */
    roles: z
      .object({
        SUBJECT: z.array(Key).max(50).default([]),
        OBJECT: z.array(Key).max(50).default([]),
        MEMBER: z.array(Key).max(500).default([]),
        SPEAKER: z.array(Key).max(50).default([]),
        CONCERNS: z.array(Key).max(50).default([]),
      })
      .strict(),
    /** Metric for figures and forecasts, e.g. capex, revenue, cash_reserves, shipments. */
    metric: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .max(60)
      .optional(),
    money: Money.optional(),
    /** The source's own conversion of `money`, stored as reported (e.g. "$7 billion"). */
    reportedConversion: Money.optional(),
    change: Change.optional(),
    /** Non-money quantity, e.g. units shipped. */
    quantity: z
      .object({
        value: Decimal,
        unit: z.string().min(1).max(40),
        asReported: z.string().min(1).max(200),
        qualifier: z.enum(QUALIFIERS).default('exact'),
      })
      .strict()
      .optional(),
    /** Price per unit (forecasts, procurement). */
    unitPrice: Money.optional(),
    period: Period.optional(),
    /** Verbatim text for quotes; paraphrase for claims. */
    text: z.string().max(4000).optional(),
    /** Role, title or status words, e.g. "CEO", "restricted", "designed_to_comply". */
    role: z.string().max(200).optional(),
    status: z.string().max(100).optional(),
    /** Who the source attributes the fact to when not a graph entity ("sources familiar with the matter"). */
    attribution: z.string().max(300).optional(),
    note: z.string().max(2000).optional(),
    sources: z.array(SourceRef).min(1, 'an assertion needs at least one source').max(20),
  })
  .strict();

export const ImportLine = z.discriminatedUnion('type', [EntityLine, SourceLine, LinkLine, AssertionLine]);

export type EntityInput = z.infer<typeof EntityLine>;
export type SourceInput = z.infer<typeof SourceLine>;
export type LinkInput = z.infer<typeof LinkLine>;
export type AssertionInput = z.infer<typeof AssertionLine>;
export type ImportRecord = z.infer<typeof ImportLine>;
