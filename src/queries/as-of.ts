import { AS_OF, entityAsOf, existedAt } from '../domain/as-of.ts';
import type { EntityRow } from '../domain/rows.ts';
import type { QueryScope } from './connections.ts';

/**
 * An entity as it stood at `asOf`: null when the graph learned of it later (`notLater` says so), else its stored
 * values as they were (revisions undone, one statement for them), marked with the instant so the facts fields below
 * read as of it too.
 */
export async function entityAt(
  scope: QueryScope,
  row: EntityRow | null,
  asOf: string,
  notLater: (firstSeen: string) => void,
): Promise<EntityRow | null> {
  if (!row) return null;
  if (!existedAt(row, asOf)) {
    notLater(String(row.firstSeen));
    return null;
  }
  const revisions = await scope.loaders.revisions.load(row.key);
  return { ...entityAsOf(row, revisions, asOf), [AS_OF]: asOf };
}
