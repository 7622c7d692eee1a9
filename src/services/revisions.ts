import type { z } from 'zod';
import type { DbScope } from '../db/database.ts';
import { entityChange, sourceChange } from '../domain/changes.ts';
import { WriteRejected } from '../domain/errors.ts';
import { EntityLine, SourceLine } from '../domain/format.ts';
import { normaliseAlias } from '../domain/records.ts';
import type { EntityRow, SourceRow } from '../domain/rows.ts';
import { changeLog } from '../repositories/changes.ts';
import { curationWrites } from '../repositories/curation.ts';
import { entityRepository } from '../repositories/entities.ts';
import { sourceRepository } from '../repositories/sources.ts';
import { rejecting, validate } from './curation.ts';

/**
 * The only way to change a stored value of an entity or a source (upserts refuse to). One transaction reads the
 * current values, writes the new ones and keeps each old one in a Revision node (field, before, after, reason, at,
 * by). Changing an entity's kind replaces its kind label; a renamed entity keeps its old name as an alias.
 */

const EntityChanges = EntityLine.pick({ kind: true, name: true, description: true, wikidata: true }).partial().strict();
// Built without the import format's defaults (a kind left out must not read as "article").
const SourceChanges = SourceLine.pick({
  title: true,
  url: true,
  contentHash: true,
  publishedDate: true,
  license: true,
  citation: true,
  note: true,
})
  .extend({ kind: SourceLine.shape.kind.unwrap() })
  .partial()
  .strict();

export type EntityChangesInput = z.input<typeof EntityChanges>;
export type SourceChangesInput = z.input<typeof SourceChanges>;

const given = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Record<string, string>;

function requireReason(reason: string) {
  if (reason.trim().length < 3) throw new WriteRejected('BAD_USER_INPUT', 'A change of stored values needs a reason');
}

/** The fields whose value changes, with the stored one (null when there was none). */
function diff(current: Record<string, unknown>, changes: Record<string, string>) {
  return Object.entries(changes)
    .filter(([field, after]) => current[field] !== after)
    .map(([field, after]) => ({ field, before: (current[field] as string | null | undefined) ?? null, after }));
}

export async function updateEntity(
  db: DbScope,
  key: string,
  input: Record<string, unknown>,
  reason: string,
  principal: string | null,
): Promise<EntityRow> {
  return rejecting(async () => {
    requireReason(reason);
    const changes = given(validate(EntityChanges, given(input), `changes of ${key}`));
    if (!Object.keys(changes).length) throw new WriteRejected('BAD_USER_INPUT', 'Nothing to change');
    return db.writeTransaction('curation/update-entity', async (tx) => {
      const [current] = await entityRepository(tx).byKeys([key]);
      if (!current) throw new WriteRejected('NOT_FOUND', `No entity with key ${key}`);
      if (current.key !== key)
        throw new WriteRejected('CONFLICT', `${key} was merged into ${current.key}; change ${current.key} instead`);
      const revisions = diff(current, changes);
      if (!revisions.length) return current;
      const names = changes.name ? [changes.name] : [];
      const updated = await curationWrites.updateEntity(tx, {
        key,
        changes: Object.fromEntries(revisions.map((r) => [r.field, r.after])),
        aliases: names,
        aliasKeys: names.map(normaliseAlias),
        relabel: changes.kind && changes.kind !== current.kind ? { from: current.kind, to: changes.kind } : null,
        revisions,
        reason,
        principal,
      });
      const fields = revisions.map((r) => r.field);
      await changeLog.record(tx, principal, [{ ...entityChange('update', updated!), fields, reason }]);
      return updated!;
    });
  });
}

export async function updateSource(
  db: DbScope,
  key: string,
  input: Record<string, unknown>,
  reason: string,
  principal: string | null,
): Promise<SourceRow> {
  return rejecting(async () => {
    requireReason(reason);
    const changes = given(validate(SourceChanges, given(input), `changes of ${key}`));
    if (!Object.keys(changes).length) throw new WriteRejected('BAD_USER_INPUT', 'Nothing to change');
    return db.writeTransaction('curation/update-source', async (tx) => {
      const [current] = await sourceRepository(tx).byKeys([key]);
      if (!current) throw new WriteRejected('NOT_FOUND', `No source with key ${key}`);
      const holders = await curationWrites.findSource(tx, null, changes.url ?? null, null);
      if (holders.byUrl && holders.byUrl !== key) {
        throw new WriteRejected('CONFLICT', `The URL ${changes.url} belongs to source ${holders.byUrl}`, {
          field: 'url',
          holder: holders.byUrl,
        });
      }
      const revisions = diff(current as unknown as Record<string, unknown>, changes);
      if (revisions.length) {
        await curationWrites.updateSource(tx, {
          key,
          changes: Object.fromEntries(revisions.map((r) => [r.field, r.after])),
          revisions,
          reason,
          principal,
        });
        const fields = revisions.map((r) => r.field);
        await changeLog.record(tx, principal, [
          { ...sourceChange('update', { key, publisher: null }), fields, reason },
        ]);
      }
      const [updated] = await sourceRepository(tx).byKeys([key]);
      return updated!;
    });
  });
}
