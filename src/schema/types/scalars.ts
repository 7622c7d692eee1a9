import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.ts';

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

const parseDecimal = (value: unknown): string => {
  if (typeof value === 'string' && DECIMAL.test(value) && value.length <= 40) return value;
  throw new GraphQLError(`Decimal must be a string such as "23000000000" or "6.5", got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
};

builder.scalarType('Decimal', {
  description: 'An exact decimal number as a string ("23000000000", "12.5"); never a binary float.',
  serialize: (v) => String(v),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.queryType({ description: 'Read the knowledge graph. Every fact carries its sources and verbatim snippets.' });

/** An ISO 8601 date-time with its offset (or `Z`), or a date alone (midnight UTC). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const parseDateTime = (value: unknown): string => {
  if (
    typeof value === 'string' &&
    DATE_TIME.test(value) &&
    !Number.isNaN(Date.parse(value.replace(/(\.\d{3})\d+/, '$1')))
  )
    return value;
  throw new GraphQLError(
    `DateTime must be an ISO 8601 date-time with its offset, such as "2026-09-01T00:00:00Z", or a date such as ` +
      `"2026-09-01" (midnight UTC); got ${JSON.stringify(value)}`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
};

builder.scalarType('DateTime', {
  description:
    'An instant as an ISO 8601 string. Answers are in UTC with up to nine fractional digits ' +
    '("2026-12-01T21:05:00.123456789Z"); arguments take a date-time with its offset ("2026-09-01T12:00:00+02:00") or ' +
    'a date alone ("2026-09-01", meaning its midnight UTC).',
  serialize: (v) => String(v),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
