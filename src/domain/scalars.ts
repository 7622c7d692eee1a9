import { z } from 'zod';
import { CURRENCY_EXPONENTS, isCurrency, unknownCurrencyMessage } from './currencies.ts';
import { calendarDateProblem } from './dates.ts';
import { forbiddenCharacterMessage, type TextKind } from './text.ts';

/** The import format's scalar types and enums (src/domain/format.ts), shared by the fact codecs (src/domain/facts). */

export const MODES = ['reported', 'forecast', 'opinion', 'derived'] as const;
export const RANKS = ['preferred', 'normal', 'deprecated'] as const;
export const QUALIFIERS = ['exact', 'rounded', 'approx', 'more_than', 'less_than', 'at_least', 'range'] as const;
/** What a change compares against (year on year, quarter on quarter, the period before). */
export const CHANGE_BASES = ['yoy', 'qoq', 'vs_prior_period'] as const;
export const PERIOD_TYPES = ['FY', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'MONTH', 'DAY', 'OPEN'] as const;
export const CONFIDENCES = ['confirmed', 'likely', 'unlikely', 'confident', 'speculative', 'estimate'] as const;
/**
 * What dollars an amount is in: `nominal` (money of the day, as reported), `constant_2025` (adjusted to 2025
 * prices, as Epoch's "2025 USD" columns), `inflation_adjusted` (adjusted to constant prices of a year the source
 * does not state). Left out: the source says nothing about it.
 */
export const PRICE_BASES = ['nominal', 'constant_2025', 'inflation_adjusted'] as const;
export const ROLE_TYPES = ['SUBJECT', 'OBJECT', 'MEMBER', 'SPEAKER', 'CONCERNS'] as const;
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

const PRECISION_EXAMPLE =
  'e.g. "1000000000" for "23 billion", "100000000" for "4.2 billion", "1" for an amount stated to the unit';

/** Why a precision is not one: a precision is the unit of the last stated digit, a positive power of ten. */
export function precisionProblem(value: string): string | undefined {
  if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(value))
    return `precision ${JSON.stringify(value)} is not a decimal string (${PRECISION_EXAMPLE})`;
  if (value.startsWith('-'))
    return `precision ${value} is negative: it is the unit of the last stated digit, a positive power of ten (${PRECISION_EXAMPLE})`;
  if (/^0(\.0+)?$/.test(value))
    return `precision ${value} is zero: it is the unit of the last stated digit, a positive power of ten (${PRECISION_EXAMPLE})`;
  if (!/^(10*|0\.0*1)$/.test(value))
    return `precision ${value} is not a power of ten: it is the unit of the last stated digit (${PRECISION_EXAMPLE})`;
  return undefined;
}

/** The unit of the last digit the source states, a positive power of ten as a decimal string ("1000000000", "0.1"). */
export const Precision = z
  .string()
  .max(40)
  .superRefine((value, ctx) => {
    const problem = precisionProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ pattern: '^(10*|0\\.0*1)$' });
