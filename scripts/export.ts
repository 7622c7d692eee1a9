import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportRecords } from '../src/services/export.ts';
import { pluralOf } from '../src/services/import/importer.ts';
import { createProgress } from '../src/services/progress.ts';
import { databaseFromEnv } from './lib/database.ts';

/**
 * npm run export -- FILE [--quiet]
 * Writes the graph at NEO4J_URI as NDJSON in the import format (docs/import-format.md):
 * entities, sources, links, assertions, each in key order. `-` writes to stdout.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { quiet: { type: 'boolean' } } });
const file = positionals[0];
if (!file) {
  console.error('usage: npm run export -- FILE|- [--quiet]');
  process.exit(2);
}
const { database } = databaseFromEnv();
const out = file === '-' ? process.stdout : createWriteStream(file);
const progress = createProgress(process.stderr, { quiet: values.quiet || file === '-' });
const counts: Record<string, number> = { entity: 0, source: 0, link: 0, assertion: 0 };
try {
  let lines = 0;
  for await (const record of exportRecords(database.scope('export'))) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    counts[record.type] = (counts[record.type] ?? 0) + 1;
    lines += 1;
    progress.update(`lines exported (${pluralOf(record.type)})`, lines, 0);
  }
  progress.finish(
    `exported ${counts.entity} entities, ${counts.source} sources, ${counts.link} links, ${counts.assertion} assertions`,
  );
} catch (error) {
  progress.stop();
  console.error(`export failed: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  await database.close();
}
