import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../paths.ts';

/**
 * Every Cypher statement lives in its own file under `cypher/`; its name is the file's path
 * without extension (e.g. `entities/by-keys`). They are read once at start-up.
 */
export const CYPHER_DIR = resolve(REPO_ROOT, 'cypher');

function collect(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? collect(join(dir, d.name)) : d.name.endsWith('.cypher') ? [join(dir, d.name)] : [],
  );
}

const files = new Map<string, string>(
  collect(CYPHER_DIR).map((file) => [
    relative(CYPHER_DIR, file).replace(/\.cypher$/, ''),
    readFileSync(file, 'utf8').trim(),
  ]),
);

/**
 * A line `// @include NAME` stands for `cypher/fragments/NAME.cypher`: a clause several statements share, written
 * once. A fragment may include others (a fragment including itself, directly or not, is an error). Fragments are not
 * statements themselves.
 */
const INCLUDE = /^[ \t]*\/\/ @include (\S+)[ \t]*$/gm;
const FRAGMENTS = 'fragments/';

function expand(name: string, text: string, within: readonly string[] = []): string {
  return text.replace(INCLUDE, (_line, fragment: string) => {
    const included = files.get(FRAGMENTS + fragment);
    if (included === undefined) throw new Error(`Cypher statement "${name}" includes a missing fragment "${fragment}"`);
    if (within.includes(fragment))
      throw new Error(`Cypher statement "${name}" includes fragment "${fragment}" within itself`);
    return expand(name, included, [...within, fragment]);
  });
}

/**
 * What is sent to Neo4j: without the comment lines and indentation, which every request would otherwise carry over
 * Bolt (the statement's name travels in the transaction metadata instead).
 */
const compact = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('//'))
    .join('\n');

const registry = new Map<string, string>(
  [...files].filter(([name]) => !name.startsWith(FRAGMENTS)).map(([name, text]) => [name, compact(expand(name, text))]),
);

/** A named statement; throws at module load time when a repository names one that does not exist. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export function statement(name: string): Statement {
  const text = registry.get(name);
  if (text === undefined) throw new Error(`No Cypher statement named "${name}" in ${CYPHER_DIR}`);
  return { name, text };
}

/** Files holding several statements separated by `;` lines (schema migrations). */
export function statementList(name: string): Statement[] {
  return statement(name)
    .text.split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.split('\n').every((l) => l.trim().startsWith('//')))
    .map((text, i) => ({ name: `${name}#${i + 1}`, text }));
}

export function statementNames(): string[] {
  return [...registry.keys()].sort();
}
