import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type ImportProgress, importFile } from '../src/services/import/importer.ts';
import { createProgress } from '../src/services/progress.ts';
import { databaseFromEnv } from './lib/database.ts';

/**
 * npm run import -- FILE [--batch-size 500] [--skip-invalid] [--report rejects.json] [--quiet]
 * Imports an NDJSON file (docs/import-format.md) into the Neo4j at NEO4J_URI. Every line is
 * validated first; with any bad line nothing is written (unless --skip-invalid). Exit codes:
 * 0 written, 1 rejected lines (nothing written), 2 usage or connection problem.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'batch-size': { type: 'string', default: '500' },
    'skip-invalid': { type: 'boolean', default: false },
    report: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const file = positionals[0];
const batchSize = Number(values['batch-size']);
if (!file || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
  console.error('usage: npm run import -- FILE [--batch-size 1..50000] [--skip-invalid] [--report FILE] [--quiet]');
  process.exit(2);
}
const { database } = databaseFromEnv();
const progress = createProgress(process.stderr, { quiet: values.quiet });
const onProgress = ({ phase, done, total }: ImportProgress) =>
  progress.update(phase === 'validate' ? 'lines validated' : `lines written (${phase})`, done, total);
try {
  const started = performance.now();
  const result = await importFile(database.scope('import'), resolve(file), {
    batchSize,
    skipInvalid: values['skip-invalid'],
    onProgress,
  });
  const seconds = (performance.now() - started) / 1000;
  const { validation } = result;
  for (const { line, reason } of validation.rejected.slice(0, 200)) console.error(`line ${line}: ${reason}`);
  if (validation.rejected.length > 200) console.error(`… and ${validation.rejected.length - 200} more`);
  if (values.report) {
    const report = {
      file: resolve(file),
      lines: validation.lines,
      written: result.written,
      rejected: validation.rejected,
    };
    writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (!result.written) {
    progress.finish(`${validation.rejected.length} of ${validation.lines} line(s) rejected; nothing was written`);
    process.exitCode = 1;
  } else {
    const c = result.counts;
    const skipped = validation.rejected.length ? `, ${validation.rejected.length} bad line(s) skipped` : '';
    progress.finish(
      `imported ${c.entities} entities, ${c.sources} sources, ${c.links} links, ${c.assertions} assertions${skipped}`,
    );
    console.log(JSON.stringify({ ...c, rejected: validation.rejected.length, seconds: Math.round(seconds * 10) / 10 }));
  }
} catch (error) {
  progress.stop();
  console.error(`import failed: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await database.close();
}
