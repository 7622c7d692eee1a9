import { defineConfig } from 'vitest/config';

// The DB-free rule tests alone (pure functions of src/domain: money, periods, keys, the import format), for
// mutation testing (stryker.config.mjs), where a run per mutant must take milliseconds. `npm test` runs them too,
// with everything else (vitest.config.ts includes test/**). MUTATION_TEST_FILES (comma-separated) narrows the set.
export default defineConfig({
  test: {
    include: process.env.MUTATION_TEST_FILES?.split(',') ?? ['test/rules/**/*.test.ts'],
  },
});
