import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The research questions in schema/examples, shown as ready GraphiQL tabs (and run by the tests). */
export const EXAMPLES_DIR = resolve(import.meta.dirname, '../../schema/examples');

export function exampleQueries(): { name: string; query: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((name) => ({ name, query: readFileSync(resolve(EXAMPLES_DIR, name), 'utf8') }));
}
