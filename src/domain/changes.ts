import { decodeCursor, encodeCursor } from './cursor.ts';
import { badInput } from './errors.ts';
import { ALL_KINDS, LINK_TYPES } from './format.ts';
import { nearestValues } from './nearest.ts';
import type { linkRow } from './records.ts';

/**
 * The change log (docs/data-model.md#change-log): every write records one entry per thing it wrote, in the same
 * transaction, numbered by a gap-free `seq`. These are the entries a write hands to the log
 * (src/repositories/changes.ts), built from the rows it wrote.
 */

/** What happened: see CHANGE_OP_MEANINGS. */
export const CHANGE_OPS = [
  'create',
  'upsert',
  'update',
  'retract',
  'merge',
  'unmerge',
  'judge',
  'rank',
  'import',
] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

export const CHANGE_OP_MEANINGS: Record<ChangeOp, string> = {
  create: 'a new fact added through addAssertion',
  upsert: 'an entity or source created or completed through a mutation (upsertEntity, addAssertion)',
  update: 'stored values changed through updateEntity or updateSource (`fields` names them)',
  retract: 'a fact retracted (its rank became deprecated)',
  merge: 'an entity merged into another (`key` is the kept one, `entities` both)',
  unmerge:
    'a merge undone (withdrawJudgement of its positive judgement): `key` is the restored entity, `entities` both',
  judge:
    'an entity-resolution judgement recorded or withdrawn (judgeEntities, withdrawJudgement): `key` is the judgement, ' +
    '`entities` the two keys it is about',
  rank: 'a fact’s rank changed (setRank, resolveConflict), with the reason',
  import: 'a line written by an import (a file, the seed, Epoch): created, or confirmed and updated',
};

/** What was written. */
export const CHANGE_TARGETS = ['fact', 'entity', 'source', 'link', 'judgement'] as const;
export type ChangeTarget = (typeof CHANGE_TARGETS)[number];

/** One entry as a write hands it to the log. */
export interface ChangeEntry {
  op: ChangeOp;
  target: ChangeTarget;
  /** The fact's, entity's or source's key; a link's is `from REL to`. */
  key: string;
  /** The fact kind (FinancialFigure), entity kind (Company), `Source`, or a link's type (PART_OF). */
  kind: string;
  /** The entity keys it concerns: a fact's role entities, the entity itself, a link's ends, both sides of a merge. */
  entities: string[];
  /** The source keys it concerns: a fact's cited sources, the source itself. */
  sources: string[];
  /** Changed fields (updates), else empty. */
  fields: string[];
  /** The reason given (retract, merge, update), else null. */
  reason: string | null;
}

/** An entry as the log holds it. */
export interface ChangeRow extends ChangeEntry {
  seq: number;
  /** ISO 8601 date-time (UTC) when the change was committed to the log. */
  at: string;
  /** The token name (principal) that wrote it, `import`/`seed` for command-line imports, null for anonymous. */
  actor: string | null;
}

const unique = (keys: string[]) => [...new Set(keys)];

/** What a fact change needs of a fact: its key and kind, its participants' keys and its cited sources. */
export interface FactOfChange {
  key: string;
  kind: string;
  roles: readonly { key: string }[];
  sources: readonly { source: string }[];
}

export function factChange(op: ChangeOp, row: FactOfChange, reason: string | null = null) {
  return {
    op,
    target: 'fact',
    key: row.key,
    kind: row.kind,
    entities: unique(row.roles.map((r) => r.key)),
    sources: unique(row.sources.map((s) => s.source)),
    fields: [],
    reason,
  } satisfies ChangeEntry;
}

export function entityChange(op: ChangeOp, row: { key: string; kind: string }) {
  return {
    op,
    target: 'entity',
    key: row.key,
    kind: row.kind,
    entities: [row.key],
    sources: [],
    fields: [],
    reason: null,
  } satisfies ChangeEntry;
}

export function sourceChange(op: ChangeOp, row: { key: string; publisher: string | null }) {
  return {
    op,
    target: 'source',
    key: row.key,
    kind: 'Source',
    entities: row.publisher ? [row.publisher] : [],
    sources: [row.key],
    fields: [],
    reason: null,
  } satisfies ChangeEntry;
}

export function linkChange(op: ChangeOp, row: ReturnType<typeof linkRow>) {
  return {
    op,
    target: 'link',
    key: `${row.from} ${row.rel} ${row.to}`,
    kind: row.rel,
    entities: unique([row.from, row.to]),
    sources: [],
    fields: [],
    reason: null,
  } satisfies ChangeEntry;
}

/** The words the change feed's `kinds` filter takes: fact kinds, entity kinds, `Source` and link types. */
export const CHANGE_KINDS: readonly string[] = [...ALL_KINDS, 'Source', 'Judgement', ...LINK_TYPES];

const CURSOR_TAG = 'change';

/** A feed cursor: the seq to read on after (opaque to clients). */
export const changeCursor = (seq: number) => encodeCursor([CURSOR_TAG, String(seq)]);

export function changeSeqOf(cursor: string): number {
  const [tag, seq] = decodeCursor(cursor, 2);
  if (tag !== CURSOR_TAG || !/^(0|[1-9][0-9]{0,15})$/.test(seq ?? '')) {
    throw badInput(`Invalid cursor "${cursor.slice(0, 80)}": pass an endCursor the changes feed returned`, {
      code: 'BAD_CURSOR',
    });
  }
  return Number(seq);
}

/** The kinds a feed filter names, checked: an unknown one is BAD_USER_INPUT naming the nearest. */
export function changeKinds(kinds: readonly string[] | null | undefined): string[] | null {
  if (!kinds) return null;
  for (const kind of kinds) {
    if (!CHANGE_KINDS.includes(kind)) {
      const near = nearestValues(kind, CHANGE_KINDS);
      throw badInput(
        `filter.kinds: "${kind.slice(0, 80)}" is not a kind the change log records` +
          (near.length ? `; did you mean ${near.join(', ')}?` : ''),
        { argument: 'filter.kinds' },
      );
    }
  }
  return [...kinds];
}

/** A judgement recorded or withdrawn, or a merge undone (its removed entity restored). */
export function judgementChange(
  op: 'judge' | 'unmerge',
  row: { key: string; entity: string; other: string | null },
  reason: string,
  restoredKind: string | null = null,
) {
  const entities = unique([row.entity, ...(row.other ? [row.other] : [])]);
  return {
    op,
    target: op === 'unmerge' ? 'entity' : 'judgement',
    key: op === 'unmerge' ? (row.other ?? row.entity) : row.key,
    kind: op === 'unmerge' ? (restoredKind ?? 'Entity') : 'Judgement',
    entities,
    sources: [],
    fields: [],
    reason,
  } satisfies ChangeEntry;
}
