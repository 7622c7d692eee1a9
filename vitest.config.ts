import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node loads graphql's CommonJS entry for Pothos and Yoga; make our own imports use the same copy
// (Vite would otherwise pick index.mjs, and graphql refuses types "from another module or realm").
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// Tests check behaviour, not speed: on a loaded 2-core machine the service's 15 s transaction timeout became a
// timing assertion (QUERY_TIMEOUT on whole-graph reads and seeding). Tests about timeouts set their own value.
process.env.NEO4J_QUERY_TIMEOUT_MS ??= '60000';

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['test/**/*.test.ts'],
    // Needs a Docker engine and minutes: `npm run test:compose` (vitest.compose.config.ts), which .ci/run runs.
    exclude: ['test/compose-stack.test.ts'],
    globalSetup: ['test/setup/neo4j.ts'],
    // Every file starts on the seed alone (see test/setup/fresh-graph.ts).
    setupFiles: ['test/setup/fresh-graph.ts'],
    // One shared Neo4j; files run one after another, each on a graph reset to the seed.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
