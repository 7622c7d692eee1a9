import { once } from 'node:events';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deltaLines, GRAPH_NDJSON, writeDump } from '../src/services/dump.ts';
import { databaseFromEnv } from './lib/database.ts';

/**
 * npm run dump -- --out DIR            every export format of the graph at NEO4J_URI into DIR/<version>/ with a
 *                                      manifest, and the delta from the newest dump already in DIR; prints the manifest
 * npm run dump -- --delta FROM TO      the delta between two dumps (their directories or graph.ndjson files) as NDJSON
 *                                      on stdout
 */
const usage = 'usage: npm run dump -- --out DIR | npm run dump -- --delta FROM TO';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, delta: { type: 'boolean' } },
});

const ndjsonOf = (path: string) => (statSync(path).isDirectory() ? join(path, GRAPH_NDJSON) : path);

if (values.delta) {
  const [from, to] = positionals;
  if (!from || !to || values.out) {
    console.error(usage);
    process.exit(2);
  }
  try {
    for await (const line of deltaLines(ndjsonOf(resolve(from)), ndjsonOf(resolve(to)))) {
      if (!process.stdout.write(`${JSON.stringify(line)}\n`)) await once(process.stdout, 'drain');
    }
  } catch (error) {
    console.error(`delta failed: ${(error as Error).message}`);
    process.exitCode = 2;
  }
} else {
  if (!values.out || positionals.length) {
    console.error(usage);
    process.exit(2);
  }
  const { database } = databaseFromEnv();
  try {
    const manifest = await writeDump(database.scope('dump'), resolve(values.out));
    console.log(JSON.stringify(manifest, null, 2));
    if (!manifest.consistent) console.error('warning: the graph kept changing while it was read; see "consistent"');
  } catch (error) {
    console.error(`dump failed: ${(error as Error).message}`);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
}
