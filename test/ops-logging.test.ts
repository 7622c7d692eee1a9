import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/server/logger.ts';
import { yogaLogger } from '../src/server/logging.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';

/** A Yoga whose pino lines are kept, parsed, in `lines`. */
function capturing() {
  const lines: { level: number; msg: string; [field: string]: unknown }[] = [];
  const logger = createLogger('debug', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, logger };
}

const { database } = testApp();
afterAll(() => database.close());

const INFO = 30;
const ERROR = 50;
const withStack = (lines: { [field: string]: unknown }[]) => lines.filter((l) => JSON.stringify(l).includes('    at '));

describe('client errors are logged at info without a stack; unexpected ones at error with it', () => {
  it('logs a bad cursor, an invalid id, a write without a token and a page size over the maximum at info', async () => {
    const { lines, logger } = capturing();
    const yoga = buildYoga({ database, logger });
    const cases = [
      ['{ companies(after: "not-a-cursor") { totalCount } }', 'BAD_USER_INPUT'],
      ['{ node(id: "garbage") { id } }', 'INVALID_ID'],
      ['mutation { retractAssertion(key: "fact:x", reason: "r") { __typename } }', 'UNAUTHENTICATED'],
      ['{ companies(first: 101) { totalCount } }', 'BAD_USER_INPUT'],
    ] as const;
    for (const [query, code] of cases) {
      const result = await gql(yoga, query);
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
    }
    const clientLines = lines.filter((l) => l.msg === 'client error');
    expect(clientLines.map((l) => l.code)).toEqual(cases.map(([, code]) => code));
    expect(clientLines.every((l) => l.level === INFO)).toBe(true);
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
    expect(withStack(lines)).toEqual([]);
    // The request line of each is info too.
    expect(lines.filter((l) => l.msg === 'request').map((l) => l.level)).toEqual([INFO, INFO, INFO, INFO]);
  });

  it('keeps error level and the stack for an error that is not a client’s', () => {
    const { lines, logger } = capturing();
    yogaLogger(logger).error(new TypeError('cannot read properties of undefined'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: ERROR, msg: 'unexpected error' });
    expect((lines[0]!.err as { stack: string }).stack).toMatch(
      /TypeError: cannot read properties of undefined\n\s+at /,
    );
  });
});
