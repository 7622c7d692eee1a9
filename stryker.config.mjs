// Mutation testing (StrykerJS + vitest runner). Not part of `npm test` or CI: see docs/mutation-testing.md.
//
//   MUTATION_SCOPE=money npm run mutation                      # the DB-free rule tests (test/rules/*), seconds
//   MUTATION_SCOPE=merge MUTATION_TESTS=suite npm run mutation # real-Neo4j test files, minutes per mutant batch
//
// MUTATION_SCOPE picks what is mutated and which test files run; MUTATION_TESTS picks the vitest config:
//   rules (default): vitest.rules.config.ts — only test/rules/*.test.ts, pure functions, no Neo4j;
//   suite: vitest.mutation-suite.config.ts — the project's own config (real Neo4j, graph reset to the seed before
//          every file), narrowed to the scope's files;
//          give it a running database (NEO4J_URI, …) or it starts one (TEST_NEO4J, as for npm test).
// MUTATION_FILES (comma-separated) replaces the scope's test files, e.g. to measure the tests as they were.

/** What each scope mutates, and the test files that exercise it in each mode. */
const SCOPES = {
  money: {
    mutate: ['src/domain/money.ts', 'src/domain/decimal.ts', 'src/domain/currencies.ts'],
    rules: ['test/rules/money.test.ts'],
    suite: ['test/validation.test.ts'],
  },
  periods: {
    // The Period schema of the fact model (a line range: the rest of codecs.ts converts stored values).
    mutate: ['src/domain/dates.ts', 'src/domain/facts/codecs.ts:293-316'],
    rules: ['test/rules/periods.test.ts'],
    suite: ['test/validation.test.ts'],
  },
  keys: {
    mutate: ['src/domain/fact-key.ts', 'src/domain/global-id.ts', 'src/domain/cursor.ts'],
    rules: ['test/rules/keys.test.ts'],
    suite: ['test/api.test.ts'],
  },
  validation: {
    // The line schemas, the scalar rules (keys, decimals, labels, dates, currencies) and the per-kind value rules.
    mutate: ['src/domain/format.ts', 'src/domain/scalars.ts', 'src/domain/facts/kinds.ts', 'src/domain/facts/fields.ts'],
    rules: ['test/rules/import-format.test.ts', 'test/rules/periods.test.ts'],
    suite: ['test/validation.test.ts'],
  },
  merge: {
    // mergeEntities, the judgements (un-merge, negative/unsure) and the candidate rules (the repository calls they
    // make are one-line wrappers of cypher/curation/*.cypher, and Stryker mutates TypeScript, not Cypher).
    mutate: ['src/services/curation.ts:299-344', 'src/services/judgements.ts', 'src/domain/resolution.ts'],
    rules: ['test/rules/resolution.test.ts'],
    suite: ['test/mutations.test.ts', 'test/merge-entities.test.ts', 'test/judgements.test.ts'],
  },
};

const scopeName = process.env.MUTATION_SCOPE ?? 'money';
const scope = SCOPES[scopeName];
if (!scope) throw new Error(`MUTATION_SCOPE must be one of ${Object.keys(SCOPES).join(', ')}, not ${scopeName}`);
const mode = process.env.MUTATION_TESTS ?? 'rules';
if (mode !== 'rules' && mode !== 'suite') throw new Error(`MUTATION_TESTS must be rules or suite, not ${mode}`);
const testFiles = process.env.MUTATION_FILES ? process.env.MUTATION_FILES.split(',') : scope[mode];
if (testFiles.length === 0) throw new Error(`scope ${scopeName} has no ${mode} tests; use MUTATION_TESTS=suite`);
const label = process.env.MUTATION_LABEL ?? `${scopeName}-${mode}`;
// The files reach vitest as its `include` (read by both vitest configs). Not Stryker's own `testFiles` option: with it,
// Stryker 10.1.1 gives every mutant a test filter and so activates module-level ("static") mutants only after the
// module has loaded — they all "survive". Every zod schema of format.ts is such a mutant.
process.env.MUTATION_TEST_FILES = testFiles.join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {
    configFile: mode === 'rules' ? 'vitest.rules.config.ts' : 'vitest.mutation-suite.config.ts',
    related: false,
  },
  mutate: scope.mutate,
  // Rule tests are independent, so each mutant runs only the tests that reached it in the dry run. The real-Neo4j
  // files are not: a test may need what an earlier one in its file wrote (mutations.test.ts), so there every mutant
  // runs the scope's files whole.
  coverageAnalysis: mode === 'rules' ? 'perTest' : 'all',
  // 2 cores shared with other work; suite mode shares one database, so one worker there.
  concurrency: mode === 'rules' ? 2 : 1,
  timeoutMS: mode === 'rules' ? 10_000 : 120_000,
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // The sandbox copy needs the sources and tests, not the Neo4j jars or the benchmark data.
  ignorePatterns: ['neo4j-local/lib', 'neo4j-local/data', '.neo4j', 'bench', 'docs', 'reports', '.reports'],
  // The project's TypeScript is 7 (native), which has no JavaScript API for Stryker's tsconfig rewriting (it only
  // rewrites `extends`/`references`, which tsconfig.json has none of) nor for @stryker-mutator/typescript-checker.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  tempDirName: `.stryker-tmp/${label}`,
  cleanTempDir: true,
};
