import { resolve } from 'node:path';

/**
 * The repository root (in the Docker image, /app): the data files (cypher/, schema/, data/, src/explore, node_modules)
 * are found from here, whatever the working directory. This file is one level below the root, and so is the
 * production bundle it is compiled into (dist/index.js, `npm run build`): `..` is the root from both, so every other
 * module takes its paths from here rather than from its own location, which a bundle does not keep.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '..');
