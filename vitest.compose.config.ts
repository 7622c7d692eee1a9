import { defineConfig } from 'vitest/config';

/** `npm run test:compose`: docker-compose.yml brought up for real (test/compose-stack.test.ts). No shared Neo4j. */
export default defineConfig({
  test: {
    include: ['test/compose-stack.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
