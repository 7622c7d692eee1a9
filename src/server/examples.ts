import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.ts';

/** The research questions in schema/examples, shown as ready GraphiQL tabs (and run by the tests). */
export const EXAMPLES_DIR = resolve(REPO_ROOT, 'schema/examples');

export function exampleQueries(): { name: string; query: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((name) => ({ name, query: readFileSync(resolve(EXAMPLES_DIR, name), 'utf8') }));
}
