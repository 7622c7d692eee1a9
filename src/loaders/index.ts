import type { Repositories } from '../repositories/index.ts';

/** Per-request DataLoaders: every graph read by key or by relationship goes through one. */
export function createLoaders(_repos: Repositories) {
  return {};
}

export type Loaders = ReturnType<typeof createLoaders>;
