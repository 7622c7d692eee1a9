import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';

const METRICS = statement('vocabulary/metrics');
const KINDS = statement('vocabulary/kinds');
const ROLES = statement('vocabulary/roles');

export interface Counted {
  name: string;
  count: number;
}

/** What the graph's words are and how often each is used: metrics, entity and fact kinds, roles. */
export function vocabularyRepository(db: Reader) {
  return {
    metrics: () => db.read<Counted>(METRICS),
    kinds: () => db.read<Counted & { of: 'entity' | 'fact' }>(KINDS),
    roles: () => db.read<Counted>(ROLES),
  };
}
