import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, CONFIG_VARIABLES } from '../src/config/index.ts';

/** The README's configuration tables against the config module: same variables, same defaults. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Row {
  names: string[];
  defaults: string[];
  line: string;
}

/** Rows of every table in the `## Configuration` section whose first cell names variables. */
function configurationRows(): Row[] {
  const start = readme.indexOf('\n## Configuration\n');
  expect(start, 'README has a "## Configuration" section').toBeGreaterThan(-1);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next === -1 ? undefined : next);
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [first = '', second = ''] = line.split(' | ').map((cell) => cell.replace(/^\|\s*/, '').trim());
      return {
        names: first.split(' / ').map((name) => name.replace(/^`|`$/g, '')),
        defaults: second.split(' / '),
        line,
      };
    });
}

/** What the README's default cell should say for a variable: `value`, or text starting "unset". */
function documented(name: string, cell: string): string | undefined {
  if (cell.startsWith('unset')) return undefined;
  const match = /^`([^`]*)`$/.exec(cell);
  expect(match, `${name}: default cell ${cell} is \`value\` or "unset …"`).not.toBeNull();
  return match?.[1];
}

describe('README configuration tables', () => {
  const rows = configurationRows();
  const names = rows.flatMap((r) => r.names);

  it('list every variable src/config reads, each once, and nothing else', () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('state each default as the config module has it (file paths relative to the repository)', () => {
    for (const row of rows) {
      expect(row.defaults.length, row.line).toBe(row.names.length);
      row.names.forEach((name, i) => {
        const actual = CONFIG_DEFAULTS[name];
        const shown = typeof actual === 'string' && isAbsolute(actual) ? relative(ROOT, actual) : actual?.toString();
        expect(documented(name, row.defaults[i] ?? ''), name).toBe(shown);
      });
    }
  });
});

describe('data file defaults', () => {
  it('point into the repository whatever the working directory', () => {
    // A separate Node process started in the temp directory, with none of the variables set.
    const config = new URL('../src/config/index.ts', import.meta.url).href;
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { loadConfig } = await import(${JSON.stringify(config)}); const c = loadConfig();` +
          'console.log(JSON.stringify([c.epochDataDir]));',
      ],
      { cwd: tmpdir(), env: { PATH: process.env.PATH }, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([join(ROOT, 'data', 'epoch')]);
  });
});
