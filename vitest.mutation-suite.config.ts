import { defineConfig } from 'vitest/config';
import project from './vitest.config.ts';

// The project's own test configuration (real Neo4j, the graph reset to the seed before every file), narrowed to the
// files in MUTATION_TEST_FILES, for mutation testing against the real-Neo4j tests (stryker.config.mjs, suite mode).
// Spread, not mergeConfig: that would append these files to the project's `include` instead of replacing it.
const files = process.env.MUTATION_TEST_FILES?.split(',');
if (!files?.length) throw new Error('MUTATION_TEST_FILES names the test files to run (comma-separated)');

export default defineConfig({ ...project, test: { ...project.test, include: files } });
