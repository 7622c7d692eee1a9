import { relative } from 'node:path';
import { buildServer } from '../src/devdb/build.ts';

/** npm run build — the production server in dist/ (src/devdb/build.ts); `npm start` runs it first. */
const { outdir, files, ms } = buildServer();
const js = files.filter((f) => f.path.endsWith('.js'));
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
console.log(
  `built ${relative(process.cwd(), outdir) || '.'}/ in ${ms} ms: ${js.map((f) => `${f.path} ${kb(f.bytes)}`).join(', ')}`,
);
