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
