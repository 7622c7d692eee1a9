import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importEpoch, readEpochFiles } from '../src/import/epoch/index.ts';
import { applySchemaAndSeed } from '../src/services/seed.ts';
import { databaseFromEnv } from './lib/database.ts';

/**
 * npm run import:epoch — Epoch AI's GPU clusters and AI data centres (CC BY 4.0) from EPOCH_DATA_DIR into the
 * Neo4j at NEO4J_URI, after the schema and the seed (whose entities the alias table points at). Idempotent.
 * The resolution report goes to .reports/epoch-import.json (git-ignored).
 */
const { config, database } = databaseFromEnv();
try {
  const db = database.scope('import:epoch');
  await applySchemaAndSeed(db);
  const result = await importEpoch(db, readEpochFiles(resolve(config.epochDataDir)));
  const { report } = result;
  mkdirSync('.reports', { recursive: true });
  const reportFile = join('.reports', 'epoch-import.json');
  writeFileSync(reportFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log('Epoch AI data (CC BY 4.0) imported from', resolve(config.epochDataDir));
  console.log('CSV records:', result.rows);
  console.log('written:', result.counts, `${result.lines} records`);
  console.log(`time: ${result.seconds.toFixed(2)} s, ${Math.round(result.linesPerSecond)} records/s`);
  console.log(`unresolved names → new entities (resolution "unresolved-new"): ${report.unresolved.length}`);
  for (const u of report.unresolved)
    console.log(`  ${u.what} "${u.name}" → ${u.key} (×${u.occurrences}, first ${u.firstSeen})`);
  console.log(`GPU-cluster Users text not linked to an entity: ${report.unlinkedUsers.length} distinct items`);
  console.log(
    `tagged-list items without a tag: ${report.unparsedTags.map((t) => `"${t.text}" (${t.where})`).join('; ')}`,
  );
  console.log('full report:', reportFile);
} finally {
  await database.close();
}
