import { DomainError } from './errors.ts';

/** A stored value a write would have overwritten: [field, stored, given]. */
export type Clash = [field: string, stored: unknown, given: unknown];

export interface Conflict {
  key: string;
  clashes: Clash[];
  /** The import line, when the write comes from a file. */
  line?: number;
}

const HINT: Record<string, string> = {
  kind: 'one kind per entity; change it with updateEntity',
  name: 'rename with updateEntity (the old name stays as an alias and in the history)',
  title: 'change it with updateSource (the old value stays in the history)',
  url: 'a URL belongs to one source; change it with updateSource',
  contentHash: 'change it with updateSource (the old value stays in the history)',
};

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** One clash as a sentence: `name is "Alibaba Group", not "A different name" (rename with …)`. */
export function describeClash([field, stored, given]: Clash): string {
  const hint = HINT[field] ?? 'change it with updateEntity or updateSource, which keep the old value';
  return `${field} is ${show(stored)}, not ${show(given)} (${hint})`;
}

export function describeConflict(what: 'entity' | 'source', c: Conflict): string {
  return `${what} ${c.key}: ${c.clashes.map(describeClash).join('; ')}`;
}

/**
 * A write that gives an existing entity or source other values than the stored ones is refused, never applied:
 * nothing stored is overwritten by an upsert. The message names each field with its stored and its given value.
 */
export function storedValuesConflict(what: 'entity' | 'source', conflicts: Conflict[]): DomainError {
  const fields = conflicts.flatMap((c) =>
    c.clashes.map(([field, stored, given]) => ({ key: c.key, field, stored, given })),
  );
  return new DomainError(
    'CONFLICT',
    `Refused: the write would change stored values — ${conflicts.map((c) => describeConflict(what, c)).join(' | ')}`,
    { conflicts: fields },
  );
}
