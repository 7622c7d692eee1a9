import type { Repositories } from '../repositories/index.ts';

/** Called with each batch a loader sends to Neo4j (metrics hang off it). */
export type BatchObserver = (loader: string, size: number) => void;

/** Per-request DataLoaders: every graph read by key or by relationship goes through one. */
export function createLoaders(_repos: Repositories, _onBatch: BatchObserver = () => {}) {
  return {};
}

export type Loaders = ReturnType<typeof createLoaders>;
