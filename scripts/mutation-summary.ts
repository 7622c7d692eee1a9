import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * npm run mutation:summary — the per-file mutation scores of the Stryker JSON reports in reports/mutation/, as a
 * Markdown table: for each scope, the tests that existed before (`<scope>-before-suite.json`, real-Neo4j files; where
 * there is no such report, no test that existed could run without Neo4j, so none ran per mutant: 0 %), the new DB-free
 * rule tests (`<scope>-after-rules.json`) and real-Neo4j tests (`<scope>-after-suite.json`), and all together (a
 * mutant counts as killed when any run killed it; the runs mutate the same files with the same mutators, so mutants
 * are matched by file, place, mutator and replacement).
 * Score as Stryker's "total": (killed + timeout) / (killed + timeout + survived + no coverage); mutants that crash
 * the module as it loads (runtime errors) are left out, as Stryker leaves them out.
 */
type Status =
  | 'Killed'
  | 'Timeout'
  | 'Survived'
  | 'NoCoverage'
  | 'RuntimeError'
  | 'CompileError'
  | 'Ignored'
  | 'Pending';
interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: Status;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

const DIR = resolve(import.meta.dirname, '../reports/mutation');
const SCOPES = ['money', 'periods', 'keys', 'validation', 'merge'];

const read = (name: string): Report | null => {
  const file = resolve(DIR, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Report) : null;
};
const id = (file: string, m: Mutant) =>
  `${file}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}|${m.mutatorName}|${m.replacement}`;

const RANK: Record<Status, number> = {
  Killed: 4,
  Timeout: 4,
  RuntimeError: 3,
  CompileError: 3,
  Ignored: 3,
  Survived: 2,
  NoCoverage: 1,
  Pending: 0,
};

/** The status of each mutant, keyed by id; with two reports, the better of the two. */
function statuses(...reports: (Report | null)[]): Map<string, { file: string; status: Status }> {
  const out = new Map<string, { file: string; status: Status }>();
  for (const report of reports) {
    if (!report) continue;
    for (const [file, { mutants }] of Object.entries(report.files))
      for (const m of mutants) {
        const key = id(file, m);
        const seen = out.get(key);
        if (!seen || RANK[m.status] > RANK[seen.status]) out.set(key, { file, status: m.status });
      }
  }
  return out;
}

/** The status a mutant has when no test runs: undetected, unless it cannot even be loaded (left out of scores). */
const noneStatus = (status: Status): Status =>
  status === 'RuntimeError' || status === 'CompileError' || status === 'Ignored' ? status : 'NoCoverage';

function score(all: Map<string, { file: string; status: Status }>, file: string) {
  let detected = 0;
  let valid = 0;
  for (const m of all.values()) {
    if (m.file !== file) continue;
    if (m.status === 'Killed' || m.status === 'Timeout') detected += 1;
    if (['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(m.status)) valid += 1;
  }
  return valid === 0 ? '–' : `${((100 * detected) / valid).toFixed(1)} % (${detected}/${valid})`;
}

console.log('| scope | file | before: tests that existed | after: new tests alone | after: all together |');
console.log('|---|---|---|---|---|');
for (const scope of SCOPES) {
  const before = read(`${scope}-before-suite`);
  // A before run whose kills could not be trusted is kept for the record but not scored (docs/mutation-testing.md).
  const untrusted = !before && read(`${scope}-before-suite.unreliable`) !== null;
  const rules = read(`${scope}-after-rules`);
  const after = read(`${scope}-after-suite`);
  if (!before && !rules && !after) continue;
  const b = statuses(before);
  const fresh = statuses(rules, after);
  const both = statuses(before, rules, after);
  // With no before report, every mutant counts as not detected by the tests that existed.
  const none = new Map([...both].map(([key, m]) => [key, { ...m, status: noneStatus(m.status) }]));
  const files = [...new Set([...both.values()].map((m) => m.file))].sort();
  for (const file of files)
    console.log(
      `| ${scope} | ${file} | ${before ? score(b, file) : untrusted ? 'not trusted, see docs' : `${score(none, file)}, none ran without Neo4j`} | ${score(fresh, file)} | ${score(both, file)} |`,
    );
}
