import { z } from 'zod';
import { ConfigError } from './index.ts';

/**
 * Settings of the test harness only (test/setup/neo4j.ts, the compose test): which Neo4j the tests get.
 *   auto      — NEO4J_URI when set, else Testcontainers when a Docker engine answers, else the local jars;
 *   container — Testcontainers only (official image, or the locally built one when the engine cannot pull);
 *   local     — the Neo4j from Maven jars only.
 * A forced path that cannot be had fails the run with a message saying how to get it.
 */
const TestEnvSchema = z.object({
  TEST_NEO4J: z.enum(['auto', 'container', 'local']).default('auto'),
});

export type TestNeo4jMode = z.infer<typeof TestEnvSchema>['TEST_NEO4J'];

export function loadTestNeo4jMode(source: Record<string, string | undefined> = process.env): TestNeo4jMode {
  const parsed = TestEnvSchema.safeParse({ TEST_NEO4J: source.TEST_NEO4J || undefined });
  if (!parsed.success) {
    throw new ConfigError('Invalid configuration:\n  TEST_NEO4J: must be auto, container or local');
  }
  return parsed.data.TEST_NEO4J;
}
