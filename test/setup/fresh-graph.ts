import { beforeAll } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { resetToSeed } from '../helpers/graph.ts';

/**
 * Every test file starts on the same graph: the seed article and nothing else, whatever the files before it (or an
 * earlier run against the same NEO4J_URI) left behind. Files write freely and assert exact whole-graph figures.
 */
beforeAll(async () => {
  const { database } = testApp();
  const started = performance.now();
  try {
    await resetToSeed(database);
  } finally {
    await database.close();
  }
  console.log(`[reset] graph reset to the seed in ${Math.round(performance.now() - started)} ms`);
});
