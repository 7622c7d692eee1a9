/** Rewrites a result's markdown from its JSON: `node bench/report.ts bench/results/<date>-<size>.json`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { writeMarkdown } from './lib/report.ts';

for (const file of process.argv.slice(2)) {
  writeFileSync(file.replace(/\.json$/, '.md'), writeMarkdown(JSON.parse(readFileSync(file, 'utf8'))));
}
