import type { DbScope } from '../db/database.ts';
import { systemRepository } from './system.ts';

export function createRepositories(db: DbScope) {
  return {
    system: systemRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
