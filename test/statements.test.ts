import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYPHER_DIR, statement, statementNames } from '../src/db/statements.ts';

describe('named Cypher statements', () => {
  it('expands `// @include` fragments, and fragments are not statements', () => {
    const page = statement('entities/page-asc').text;
    expect(page).toContain('CALL (e, q) {');
    expect(page).not.toContain('@include');
    expect(statementNames().some((n) => n.startsWith('fragments/'))).toBe(false);
    expect(() => statement('fragments/facts-of-entity')).toThrow(/No Cypher statement named/);
  });

  it('expands fragments included by fragments (conflicts/page → conflict-groups → facts-compare)', () => {
    const page = statement('conflicts/page').text;
    expect(page).toContain('WITH a.statementGroup AS groupKey, collect(a) AS facts');
    expect(page).toContain('WHEN x.amountMinor IS NULL OR y.amountMinor IS NULL THEN null');
    expect(page).not.toContain('@include');
  });

  it('sends no comment lines or indentation, and keeps every line of Cypher', () => {
    const file = readFileSync(join(CYPHER_DIR, 'entities/links.cypher'), 'utf8');
    const code = file
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('//'));
    expect(statement('entities/links').text.split('\n')).toEqual(code);
    for (const name of statementNames()) expect(statement(name).text, name).not.toMatch(/^\s*\/\//m);
  });
});
