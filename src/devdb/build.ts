import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';
import { REPO_ROOT } from '../paths.ts';

/**
 * The production build (`npm run build`, scripts/build.ts): the server as plain JavaScript in dist/, which
 * `npm start` and the Dockerfile run, so a production start neither strips the types of ~180 files nor resolves and
 * reads a few hundred modules one by one. Development (`npm run dev`) and the tests run from src/.
 *
 * dist/start.js (the process entry) and dist/index.js (the service), with the production dependencies inside them, plus a chunk per module loaded only when
 * needed (OpenTelemetry with TRACING set, the Redis client with REDIS_URL set). It must stay one level below the
 * repository root, as src/paths.ts is: every data path is taken from there.
 */
export const DIST_DIR = resolve(REPO_ROOT, 'dist');
export const ENTRY = resolve(REPO_ROOT, 'src/index.ts');
/** The process entry (src/start.ts): serves from dist/index.js, or forks WORKERS processes of it. */
export const START = resolve(REPO_ROOT, 'src/start.ts');

/**
 * Left in node_modules, loaded at run time: GraphiQL's ~9 MB of strings (loaded on the first GraphiQL request, and a
 * bundle's source is held in memory whole, used or not).
 */
const EXTERNAL = ['@graphql-yoga/render-graphiql'];

/** CommonJS dependencies inside an ES module call `require` (e.g. for node: built-ins): give them Node's own. */
const BANNER =
  "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);";

/**
 * A module of ours that finds files from its own location (import.meta.url/dirname) would find them from dist/ in the
 * bundle, a wrong place that only shows at run time: the build refuses it and names the module. src/paths.ts is the
 * one place that may (see there).
 */
function refuseOwnLocations(inputs: string[]) {
  const own = inputs
    .map((input) => resolve(REPO_ROOT, input))
    .filter((file) => file.startsWith(join(REPO_ROOT, 'src')) && file !== join(REPO_ROOT, 'src', 'paths.ts'))
    .filter((file) => /import\.meta\.(?:url|dirname|filename)/.test(readFileSync(file, 'utf8')));
  if (own.length > 0) {
    throw new Error(
      `${own.map((f) => relative(REPO_ROOT, f)).join(', ')}: take paths from src/paths.ts (REPO_ROOT), not from ` +
        "import.meta: in the bundle (dist/index.js) every module has the bundle's location",
    );
  }
}

/**
 * V8 keeps a module's source in memory, one byte per character when it is all Latin-1 and two otherwise: a single `’`
 * in dist/index.js made its 2.6 MB cost 5.1 MB of heap (measured). esbuild escapes non-ASCII text in strings but not in
 * regular expression literals, so the build refuses those and says where.
 */
function refuseNonAscii(outputs: string[]) {
  for (const output of outputs) {
    const text = readFileSync(resolve(REPO_ROOT, output), 'utf8');
    const at = text.search(/[\u0080-\uffff]/);
    if (at >= 0) {
      throw new Error(
        `${output} has a non-ASCII character near \`${text.slice(Math.max(0, at - 60), at + 20)}\`: write it as a ` +
          '\\u escape in the source (a regular expression literal, most likely)',
      );
    }
  }
}

export interface BuildResult {
  outdir: string;
  files: { path: string; bytes: number }[];
  ms: number;
}

/** Synchronous (esbuild's buildSync), so scripts/images.ts can build while it stages an image's context. */
export function buildServer(outdir = DIST_DIR): BuildResult {
  if (relative(REPO_ROOT, resolve(outdir, '..')) !== '') {
    throw new Error(`the build goes one level below ${REPO_ROOT} (see src/paths.ts), not to ${outdir}`);
  }
  // esbuild is a devDependency: loaded here, never by the server.
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const started = performance.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = buildSync({
    absWorkingDir: REPO_ROOT,
    entryPoints: [START, ENTRY],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    external: EXTERNAL,
    banner: { js: BANNER },
    // Less source for V8 to hold; names are kept, so stack traces and error names read as in src/.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  try {
    refuseOwnLocations(Object.keys(result.metafile.inputs));
    refuseNonAscii(Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')));
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  const files = Object.entries(result.metafile.outputs).map(([path, output]) => ({
    path: relative(REPO_ROOT, resolve(REPO_ROOT, path)),
    bytes: output.bytes,
  }));
  return { outdir, files, ms: Math.round(performance.now() - started) };
}
