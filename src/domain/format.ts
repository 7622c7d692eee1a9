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

/** A key of a given kind, e.g. `curator:seed-editors`, `rule:chip-family-members`. */
const KeyOf = (kind: string) =>
  Key.refine((k) => k.startsWith(`${kind}:`), { message: `a ${kind} key starts with "${kind}:"` });
export const CuratorKey = KeyOf('curator');
export const RuleKey = KeyOf('rule');

/** The text fields of entity and assertion lines that may be verbatim words of a source (the others are editorial). */
export const ENTITY_TEXT_FIELDS = ['description'] as const;
export const ASSERTION_TEXT_FIELDS = ['summary', 'text', 'note', 'attribution', 'role'] as const;
export type TextField = (typeof ENTITY_TEXT_FIELDS)[number] | (typeof ASSERTION_TEXT_FIELDS)[number];

/**
 * A text field that is the source's own words: the field's value must be, character for character, the source's
 * stored text from `start` to `end` (UTF-16 code units, end exclusive). A text field without one is editorial:
 * written by the line's curator.
 */
const verbatimSpan = <F extends readonly [string, ...string[]]>(fields: F) =>
  z
    .object({
      field: z.enum(fields),
      source: Key,
      start: z.number().int().min(0),
      end: z.number().int().min(0),
    })
    .strict()
    .refine((s) => s.end > s.start, { message: 'end must be after start' });
const verbatimSpans = <F extends readonly [string, ...string[]]>(fields: F) =>
  z
    .array(verbatimSpan(fields))
    .max(fields.length)
    .refine((spans) => new Set(spans.map((s) => s.field)).size === spans.length, {
      message: 'one verbatim span per field',
    })
    .optional();
/** The curator who wrote a line's editorial texts; left out, the input's (first) curator line. */
const curatorField = CuratorKey.optional();

/** Every entity and assertion kind (search filters). */
export const ALL_KINDS = [...ENTITY_KINDS, ...ASSERTION_KINDS] as const;

/** A verbatim span must name a field the line holds, and its length must be the field's. */
function spansName(
  line: Record<string, unknown>,
  spans: readonly { field: string; start: number; end: number }[] | undefined,
  ctx: z.RefinementCtx,
) {
  for (const [i, span] of (spans ?? []).entries()) {
    const value = line[span.field];
    if (typeof value !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['verbatim', i, 'field'], message: `the line has no ${span.field}` });
    } else if (span.end - span.start !== value.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['verbatim', i],
        message: `end - start must equal the length of ${span.field} (${value.length})`,
      });
    }
  }
}

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
    curator: curatorField,
    /** The description as the source's own words (offsets into its stored text); otherwise it is editorial. */
    verbatim: verbatimSpans(ENTITY_TEXT_FIELDS),
  })
  .strict();

export const SOURCE_KINDS = ['article', 'dataset', 'dataset_row', 'manual', 'reference'] as const;

export const SourceLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('source'),
    key: Key,
    title: Label(500),
    /**
     * `reference`: a reference work declared by a curator for what the other sources do not say (e.g. a Wikidata
     * item, with its QID and URL; its note says whether and when it was retrieved).
     */
    kind: z.enum(SOURCE_KINDS).default('article'),
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
    curator: curatorField,
  })
  .strict();

const LINK_NEEDS_SOURCES =
  'a link needs at least one source: the words of a source that say it (e.g. "Johor, Malaysia"), or a declared ' +
  'reference source (e.g. a Wikidata item)';

export const LinkLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('link'),
    rel: z.enum(LINK_TYPES),
    from: Key,
    to: Key,
    /** Where it is said: a source's words (snippet, offsets) or a declared reference source. Never none. */
    sources: z
      .array(SourceRef, { error: (issue) => (issue.input === undefined ? LINK_NEEDS_SOURCES : undefined) })
      .min(1, LINK_NEEDS_SOURCES)
      .max(20),
  })
  .strict();

/** The curator of editorial texts (summaries, descriptions, notes, paraphrases): a person or team, declared once. */
export const CuratorLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('curator'),
    key: CuratorKey,
    name: Label(300),
    note: Prose(2000).optional(),
  })
  .strict();

/**
 * An inference rule the API applies (e.g. "who holds a restricted chip"), stated as data with its own sources.
 * `regulation`, `jurisdiction` and `context` say what it is about: the regulation whose statuses it reads, the
 * place whose law that is, and the places the source says the restriction concerns.
 */
export const RuleLine = z
  .object({
    v: z.literal(FORMAT_VERSION),
    type: z.literal('rule'),
    key: RuleKey,
    name: Label(300),
    /** What the rule infers, from what, in plain words. */
    statement: Prose(2000, 1),
    regulation: Key.optional(),
    jurisdiction: Key.optional(),
    context: z.array(Key).max(20).default([]),
    /** What the rule does not say. */
    limits: Prose(2000).optional(),
    curator: curatorField,
    sources: z.array(SourceRef).min(1, 'a rule needs at least one source').max(20),
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
    curator: curatorField,
    /** Text fields that are the source's own words (offsets into its stored text); the others are editorial. */
    verbatim: verbatimSpans(ASSERTION_TEXT_FIELDS),
  })
  .strict()
  .superRefine((a, ctx) => {
    spansName(a, a.verbatim, ctx);
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
  .discriminatedUnion('type', [CuratorLine, EntityLine, SourceLine, LinkLine, RuleLine, AssertionLine])
  // A source's text and contentHash must agree (checked here so SourceLine stays a plain object that can be picked).
  .superRefine((line, ctx) => {
    // An entity's verbatim spans are checked here so EntityLine stays a plain object that can be picked.
    if (line.type === 'entity') spansName(line, line.verbatim, ctx);
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
export type CuratorInput = z.infer<typeof CuratorLine>;
export type RuleInput = z.infer<typeof RuleLine>;
export type VerbatimSpan = { field: TextField; source: string; start: number; end: number };
