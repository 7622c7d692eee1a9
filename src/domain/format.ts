import { z } from 'zod';
import { CURRENCY_EXPONENTS, isCurrency, unknownCurrencyMessage } from './currencies.ts';
import { calendarDateProblem } from './dates.ts';
import { compareDecimals, isNegativeDecimal } from './decimal.ts';
import { metricSign } from './metrics.ts';
import { forbiddenCharacterMessage, type TextKind } from './text.ts';
import { sha256Of } from './text-hash.ts';

/**
 * The import format, version 1: one JSON object per line (NDJSON).
 * Every line is an entity, a source, a timeless link, or an assertion (a reified fact).
 * The seed article, bulk imports and the Epoch importer all go through this schema.
 */
export const FORMAT_VERSION = 1 as const;

/** A source's full text may be this long (UTF-16 code units); an article is far shorter. */
export const SOURCE_TEXT_MAX = 2_000_000;

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
  // Money put into a named target (a site, a company, a project) by named investors (docs/data-model.md).
  'Investment',
] as const;
export const LINK_TYPES = ['PART_OF', 'MADE_BY', 'PUBLISHED_BY', 'LOCATED_IN', 'UNIT_OF'] as const;
export const ROLE_TYPES = ['SUBJECT', 'OBJECT', 'MEMBER', 'SPEAKER', 'CONCERNS'] as const;
export const MODES = ['reported', 'forecast', 'opinion', 'derived'] as const;
export const RANKS = ['preferred', 'normal', 'deprecated'] as const;
export const QUALIFIERS = ['exact', 'approx', 'more_than', 'less_than', 'at_least', 'range'] as const;
export const PERIOD_TYPES = ['FY', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'MONTH', 'DAY', 'OPEN'] as const;
export const CONFIDENCES = ['confirmed', 'likely', 'unlikely', 'confident', 'speculative', 'estimate'] as const;
/**
 * What dollars an amount is in: `nominal` (money of the day, as reported), `constant_2025` (adjusted to 2025
 * prices, as Epoch's "2025 USD" columns), `inflation_adjusted` (adjusted to constant prices of a year the source
 * does not state). Left out: the source says nothing about it.
 */
export const PRICE_BASES = ['nominal', 'constant_2025', 'inflation_adjusted'] as const;

/** Value fields an assertion line may carry; which ones depends on its kind (ASSERTION_KIND_VALUES). */
export const VALUE_FIELDS = [
  'metric',
  'money',
  'reportedConversion',
  'change',
  'quantity',
  'unitPrice',
  'text',
  'role',
  'status',
] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

/**
 * What each kind of fact carries: the one definition, used by the import format (a Claim with money is
 * refused) and by the GraphQL types (each kind exposes exactly these fields; `money` is exposed as `amount`).
 */
export const ASSERTION_KIND_VALUES: Readonly<Record<(typeof ASSERTION_KINDS)[number], readonly ValueField[]>> = {
  FinancialFigure: ['metric', 'money', 'change'],
  GroupFigure: ['metric', 'money', 'reportedConversion', 'change'],
  Position: ['role'],
  Ownership: [],
  Domicile: [],
  Procurement: ['quantity', 'unitPrice'],
  ExportControlStatus: ['status'],
  Development: ['status'],
  Quote: ['metric', 'text'],
  Claim: ['metric', 'text'],
  Forecast: ['metric', 'quantity', 'unitPrice'],
  ChipDeployment: ['metric', 'money', 'change', 'quantity', 'status', 'text'],
  BuildOutSnapshot: ['metric', 'money', 'change', 'quantity', 'status', 'text'],
  Usage: ['metric', 'money', 'change', 'quantity', 'status', 'text'],
  ChipOwnership: ['metric', 'money', 'change', 'quantity', 'status', 'text'],
  Investment: ['metric', 'money'],
};

/** Every entity and assertion kind (search filters). */
export const ALL_KINDS = [...ENTITY_KINDS, ...ASSERTION_KINDS] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];
export type AssertionKind = (typeof ASSERTION_KINDS)[number];
export type RoleType = (typeof ROLE_TYPES)[number];

const keyPattern = /^[a-z][a-z0-9-]*:[a-z0-9][a-z0-9._-]*$/;
export const Key = z.string().max(200).regex(keyPattern, 'a key is "kind:slug" in lower case, e.g. company:alibaba');

/** Text under the one character rule of src/domain/text.ts: `label` for one-line names, `prose` for longer text. */
const checkedText = (kind: TextKind, max: number, min: number) =>
  (min > 0 ? z.string().min(min) : z.string()).max(max).superRefine((value, ctx) => {
    const problem = forbiddenCharacterMessage(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
/** A name, alias, title, summary or other one-line label (no control or bidi characters). */
export const Label = (max: number, min = 1) => checkedText('label', max, min);
/** Longer text: tab and line breaks allowed, other control and bidi characters not. */
export const Prose = (max: number, min = 0) => checkedText('prose', max, min);

/** A real calendar date: YYYY, YYYY-MM or YYYY-MM-DD (2024-02-29 yes, 2023-02-29 and 2024-13-45 no). */
export const CalendarDate = z
  .string()
  .superRefine((value, ctx) => {
    const problem = calendarDateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$' });

/** Decimal string without exponent, e.g. "23000000000" or "12.5"; never a float. */
export const Decimal = z
  .string()
  .max(40)
  .regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'a decimal string such as "23000000000" or "6.5"');

/** An ISO 4217 code from the table in src/domain/currencies.ts (upper case; prototype names are not codes). */
export const Currency = z
  .string()
  .superRefine((code, ctx) => {
    if (!isCurrency(code)) ctx.addIssue({ code: 'custom', message: unknownCurrencyMessage(code) });
  })
  .meta({ id: 'Currency', description: 'An ISO 4217 currency code.', enum: [...CURRENCY_EXPONENTS.keys()].sort() });

export const Money = z
  .object({
    /** Exact amount in major units as a decimal string; for ranges, the lower bound. */
    amount: Decimal,
    currency: Currency,
    /** The words of the source, e.g. "23 billion yuan". */
    asReported: Label(200),
    qualifier: z.enum(QUALIFIERS).default('exact'),
    lower: Decimal.optional(),
    upper: Decimal.optional(),
    /** Nominal or constant dollars (PRICE_BASES); sums never mix two bases. */
    priceBasis: z.enum(PRICE_BASES).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    // Bounds and amounts are compared exactly (BigInt), never as floats.
    const amountIsDecimal = Decimal.safeParse(m.amount).success;
    const ok = (v: string | undefined): v is string => v !== undefined && Decimal.safeParse(v).success;
    if (m.qualifier === 'range' && (m.lower === undefined || m.upper === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [m.lower === undefined ? 'lower' : 'upper'],
        message: 'a range needs lower and upper',
      });
    }
    if (ok(m.lower) && ok(m.upper) && compareDecimals(m.lower, m.upper) > 0) {
      ctx.addIssue({ code: 'custom', path: ['lower'], message: `lower ${m.lower} is above upper ${m.upper}` });
    }
    if (amountIsDecimal && ok(m.lower) && compareDecimals(m.amount, m.lower) < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `amount ${m.amount} is below its own lower bound ${m.lower}`,
      });
    }
    if (amountIsDecimal && ok(m.upper) && compareDecimals(m.amount, m.upper) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `amount ${m.amount} is above its own upper bound ${m.upper}`,
      });
    }
  });

/** A change such as "+123%": the percentage as a decimal string ("123" means 123 %). */
export const Change = z
  .object({
    percent: Decimal,
    asReported: Label(200),
    qualifier: z.enum(QUALIFIERS).default('exact'),
    /** What the change compares against, e.g. "yoy" (year on year). */
    basis: z.enum(['yoy', 'qoq', 'vs_prior_period']).default('yoy'),
  })
  .strict();

export const Period = z
  .object({
    /** The words of the source, e.g. "the first half of this year". */
    label: Label(200),
    type: z.enum(PERIOD_TYPES),
    year: z.number().int().min(1900).max(2100).optional(),
    basis: z.enum(['calendar', 'fiscal']).default('calendar'),
    /** True when the year is not stated by the source but inferred; `inference` says why. */
    yearInferred: z.boolean().default(false),
    inference: Prose(1000).optional(),
  })
  .strict()
  .refine((p) => !p.yearInferred || (p.inference?.length ?? 0) > 0, {
    message: 'an inferred year must say why (inference)',
  })
  .superRefine((p, ctx) => {
    // A label written as a date ("2023-03-01", as the Epoch import writes DAY periods) must be a real one.
    if (!/^\d{4}-\d{2}(-\d{2})?$/.test(p.label)) return;
    const problem = calendarDateProblem(p.label);
    if (problem) ctx.addIssue({ code: 'custom', path: ['label'], message: problem });
    else if (p.year !== undefined && Number(p.label.slice(0, 4)) !== p.year) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: `year ${p.year} differs from the date ${p.label}` });
    }
  });

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
        unit: Label(40),
        asReported: Label(200),
        qualifier: z.enum(QUALIFIERS).default('exact'),
      })
      .strict()
      .optional(),
    /** Price per unit (forecasts, procurement). */
    unitPrice: Money.optional(),
    period: Period.optional(),
    /** Verbatim text for quotes; paraphrase for claims. */
    text: Prose(4000).optional(),
    /** Role, title or status words, e.g. "CEO", "restricted", "designed_to_comply". */
    role: Label(200, 0).optional(),
    status: Label(100, 0).optional(),
    /** Who the source attributes the fact to when not a graph entity ("sources familiar with the matter"). */
    attribution: Label(300, 0).optional(),
    note: Prose(2000).optional(),
    sources: z.array(SourceRef).min(1, 'an assertion needs at least one source').max(20),
  })
  .strict()
  .superRefine((a, ctx) => {
    const carried = ASSERTION_KIND_VALUES[a.kind];
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
