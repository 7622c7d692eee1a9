import { z } from 'zod';
import { isNegativeDecimal } from './decimal.ts';
import { ENTITY_KINDS } from './entity-props.ts';
import { ASSERTION_KINDS, factFieldsShape, factKind, VALUE_FIELDS } from './facts/index.ts';
import { metricSign } from './metrics.ts';
import { CalendarDate, CONFIDENCES, Decimal, Key, Label, MODES, Prose, RANKS } from './scalars.ts';
import { sha256Of } from './text-hash.ts';

export { ENTITY_KINDS, type EntityKind } from './entity-props.ts';
export { ASSERTION_KINDS, type AssertionKind, VALUE_FIELDS, type ValueField } from './facts/index.ts';
export {
  CalendarDate,
  CONFIDENCES,
  Currency,
  Decimal,
  Key,
  Label,
  MODES,
  PERIOD_TYPES,
  PRICE_BASES,
  Prose,
  QUALIFIERS,
  RANKS,
  ROLE_TYPES,
  type RoleType,
} from './scalars.ts';

/**
 * The import format, version 1: one JSON object per line (NDJSON).
 * Every line is an entity, a source, a timeless link, or an assertion (a reified fact).
 * The seed article, bulk imports and the Epoch importer all go through this schema.
 * A fact's kinds and value fields come from the fact model (src/domain/facts).
 */
export const FORMAT_VERSION = 1 as const;

/** A source's full text may be this long (UTF-16 code units); an article is far shorter. */
export const SOURCE_TEXT_MAX = 2_000_000;

export const LINK_TYPES = ['PART_OF', 'MADE_BY', 'PUBLISHED_BY', 'LOCATED_IN', 'UNIT_OF'] as const;

/** Every entity and assertion kind (search filters). */
export const ALL_KINDS = [...ENTITY_KINDS, ...ASSERTION_KINDS] as const;

export const SourceRef = z
  .object({
    source: Key,
    /** Verbatim text of the source that supports the assertion. */
    snippet: Prose(2000, 1),
    /** Character offsets of the snippet in the source text (UTF-16 code units, end exclusive). */
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    /** Where in a structured source the support sits, e.g. "row 412" or "handle dc-abilene-2025-06". */
    locator: Label(300).optional(),
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
    name: Label(300),
    aliases: z.array(Label(300)).max(50).default([]),
    /** Wikidata QID, only where known for certain. */
    wikidata: z
      .string()
      .regex(/^Q[1-9][0-9]*$/)
      .optional(),
    description: Prose(2000).optional(),
    /** Kind-specific scalar properties (e.g. orgType, iso2, status, powerMw). */
    props: z.record(z.string(), z.union([Prose(2000), z.number(), z.boolean(), z.null()])).default({}),
  })
  .strict();

export const SourceLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('source'),
    key: Key,
    title: Label(500),
    kind: z.enum(['article', 'dataset', 'dataset_row', 'manual']).default('article'),
    publisher: Key.optional(),
    /** http(s) only: a `javascript:` or made-up scheme would be a link clients render. */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    /** As the source states it: YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date. */
    publishedDate: CalendarDate.optional(),
    contentHash: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .optional(),
    license: Label(200, 0).optional(),
    citation: Prose(2000).optional(),
    note: Prose(2000).optional(),
    /**
     * The source's full text, verbatim (e.g. the whole article file). When given, every snippet citing
     * the source must be found in it, and `contentHash` (if given) must be its sha256.
     */
    text: Prose(SOURCE_TEXT_MAX, 1).optional(),
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
    summary: Label(500),
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
    /** metric, money, change, quantity, unitPrice, period, text … (src/domain/facts/fields.ts). */
    ...factFieldsShape,
    sources: z.array(SourceRef).min(1, 'an assertion needs at least one source').max(20),
  })
  .strict()
  .superRefine((a, ctx) => {
    const carried: readonly string[] = factKind(a.kind).values;
    for (const field of VALUE_FIELDS) {
      if (a[field] !== undefined && !carried.includes(field)) {
        const allowed = carried.length ? carried.join(', ') : 'no value fields';
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `a ${a.kind} does not carry ${field} (it carries ${allowed})`,
        });
      }
    }
    const negative = (path: (string | number)[], what: string, value: string | undefined) => {
      if (value !== undefined && Decimal.safeParse(value).success && isNegativeDecimal(value)) {
        ctx.addIssue({ code: 'custom', path, message: `${what} cannot be negative (${value})` });
      }
    };
    const moneyChecks = (field: 'money' | 'reportedConversion' | 'unitPrice', what: string) => {
      const m = a[field];
      if (!m) return;
      negative([field, 'amount'], what, m.amount);
      negative([field, 'lower'], what, m.lower);
      negative([field, 'upper'], what, m.upper);
    };
    if (metricSign(a.metric) === 'non_negative') {
      const what = a.metric ? `${a.metric} (metric)` : 'an amount without a signed metric';
      moneyChecks('money', what);
      moneyChecks('reportedConversion', what);
    }
    moneyChecks('unitPrice', 'a unit price');
    negative(['quantity', 'value'], 'a quantity', a.quantity?.value);
  });

export const ImportLine = z
  .discriminatedUnion('type', [EntityLine, SourceLine, LinkLine, AssertionLine])
  // A source's text and contentHash must agree (checked here so SourceLine stays a plain object that can be picked).
  .superRefine((line, ctx) => {
    if (line.type !== 'source' || line.text === undefined || line.contentHash === undefined) return;
    const actual = sha256Of(line.text);
    if (actual !== line.contentHash) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `the text's sha256 is ${actual}, not the contentHash ${line.contentHash}`,
      });
    }
  });

export type EntityInput = z.infer<typeof EntityLine>;
export type SourceInput = z.infer<typeof SourceLine>;
export type LinkInput = z.infer<typeof LinkLine>;
export type AssertionInput = z.infer<typeof AssertionLine>;
export type ImportRecord = z.infer<typeof ImportLine>;
