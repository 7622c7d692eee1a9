import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { devDataset } from './dev-dataset.ts';

/**
 * The generated dataset for a size (cached in bench/.data). Uses bench/generate.ts, the seeded
 * generator; size "dev" is a small stand-in for working on the harness itself.
 */
export async function loadDataset(size: string, seed: number, root: string, log: (line: string) => void) {
  const dir = resolve(root, 'bench/.data');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${size}-${seed}.ndjson`);
  if (size === 'dev') {
    writeFileSync(file, devDataset(300, seed));
    return { file, generator: 'bench/lib/dev-dataset.ts' };
  }
  if (!existsSync(file)) {
    log(`generating ${size} (seed ${seed}) with bench/generate.ts …`);
    execFileSync(process.execPath, ['bench/generate.ts', '--size', size, '--seed', String(seed), '--out', file], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return { file, generator: 'bench/generate.ts' };
}
