import { createHash, randomUUID } from 'node:crypto';
import type { DbScope, TxRunner } from '../db/database.ts';
import { DomainError, WriteRejected } from '../domain/errors.ts';
import { derivedFactKey } from '../domain/fact-key.ts';
import { AssertionLine, EntityLine, Key, SourceLine } from '../domain/format.ts';
import { assertionRow, entityRow, sourceRow } from '../domain/records.ts';
import { pairKey } from '../domain/resolution.ts';
import type { AssertionRow, EntityRow } from '../domain/rows.ts';
import { snippetProblems } from '../domain/snippets.ts';
import { assertionRepository } from '../repositories/assertions.ts';
import { curationWrites } from '../repositories/curation.ts';
import { entityRepository } from '../repositories/entities.ts';
import { graphWrites } from '../repositories/graph-writes.ts';
import { judgementWrites } from '../repositories/judgements.ts';
import { rankWrites } from '../repositories/ranks.ts';
import { sourceTexts } from '../repositories/source-texts.ts';

/**
 * Writes through the API. Each call is one managed transaction (all or nothing) that reads what it needs inside
 * itself — never through a second session, which would wait for a pooled connection while this one holds its own
 * and its locks. Input is validated with the same schema as the bulk import; expected failures are WriteRejected
 * with a stable code. Upserts set only the fields given and never overwrite a stored value (CONFLICT names the
 * field, the stored and the given value); stored values change only through updateEntity / updateSource
 * (src/services/revisions.ts), which keep the old value.
 */

type Issues = { issues: { path: PropertyKey[]; message: string }[] };

export function validate<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Issues } },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
  throw new WriteRejected('BAD_USER_INPUT', `Invalid ${what}: ${reasons.join('; ')}`, { reasons });
}

/** Domain errors raised while converting or writing become typed rejections; others propagate. */
export async function rejecting<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof DomainError &&
      !(error instanceof WriteRejected) &&
      ['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'INVALID_ID'].includes(error.code)
    ) {
      throw new WriteRejected(error.code, error.message, error.details);
    }
    throw error;
  }
}

async function refuseRedirectedKeys(tx: TxRunner, keys: string[]) {
  const merged = await curationWrites.redirects(tx, keys);
  if (merged.length) {
    const list = merged.map((m) => `${m.key} (now ${m.target})`).join(', ');
    throw new WriteRejected('CONFLICT', `Key(s) were merged into other entities: ${list}`, { merged });
  }
}

export interface EntityInput {
  key: string;
  kind: string;
  name: string;
  aliases?: string[] | null;
  wikidata?: string | null;
  description?: string | null;
  properties?: { name: string; value: string }[] | null;
}

const entityLine = (e: EntityInput) =>
  validate(
    EntityLine,
    {
      v: 1,
      type: 'entity',
      kind: e.kind,
      key: e.key,
      name: e.name,
      aliases: e.aliases ?? [],
      ...(e.wikidata ? { wikidata: e.wikidata } : {}),
      ...(e.description ? { description: e.description } : {}),
      props: Object.fromEntries((e.properties ?? []).map((p) => [p.name, p.value])),
    },
    `entity ${e.key}`,
  );

/** Rows in key order, so concurrent writers of overlapping entities lock them in the same order. */
const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));

export async function upsertEntity(db: DbScope, input: EntityInput): Promise<EntityRow> {
  return rejecting(async () => {
    const row = entityRow(entityLine(input));
    return db.writeTransaction('curation/upsert-entity', async (tx) => {
      await refuseRedirectedKeys(tx, [row.key]);
      await graphWrites.entities(tx, [row]);
      const [entity] = await entityRepository(tx).byKeys([row.key]);
      return entity!;
    });
  });
}

export interface SourceInput {
  key?: string | null;
  title?: string | null;
  kind?: string | null;
  url?: string | null;
  contentHash?: string | null;
  publisher?: string | null;
  publishedDate?: string | null;
  license?: string | null;
  citation?: string | null;
}

export interface SupportInput {
  source: SourceInput;
  snippet: string;
  start?: number | null;
  end?: number | null;
  locator?: string | null;
}

export interface AddAssertionInput {
  assertion: Record<string, unknown> & { key?: string | null; kind: string };
  sources: SupportInput[];
  newEntities?: EntityInput[] | null;
}

/** A new judgement's key: judgement:<uuid>. */
export const newJudgementKey = () => `judgement:${randomUUID()}`;

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 20);

const stripNulls = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

const sourceName = (s: SourceInput) => s.key ?? s.url ?? s.title ?? 'without key';

/**
 * Which source a support names: its key when given (refused when its URL or hash belongs to another source), else
 * the source that holds its URL or content hash, else a new key derived from them. Read inside the write.
 */
async function resolveSource(tx: TxRunner, s: SourceInput): Promise<{ key: string; exists: boolean }> {
  const found = await curationWrites.findSource(tx, s.key ?? null, s.url ?? null, s.contentHash ?? null);
  const other = (holder: string | null, what: string, value: string | null | undefined, key: string) => {
    if (holder && holder !== key)
      throw new WriteRejected('CONFLICT', `The ${what} ${value} belongs to source ${holder}, not to ${key}`, {
        field: what === 'URL' ? 'url' : 'contentHash',
        holder,
      });
  };
  if (s.key) {
    other(found.byUrl, 'URL', s.url, s.key);
    other(found.byHash, 'content hash', s.contentHash, s.key);
    return { key: s.key, exists: found.byKey !== null };
  }
  if (found.byUrl && found.byHash && found.byUrl !== found.byHash)
    other(found.byHash, 'content hash', s.contentHash, found.byUrl);
  const existing = found.byUrl ?? found.byHash;
  if (existing) return { key: existing, exists: true };
  if (s.url) return { key: `source:url-${digest(s.url)}`, exists: false };
  if (s.contentHash)
    return { key: `source:sha256-${s.contentHash.replace(/^sha256:/, '').slice(0, 20)}`, exists: false };
  throw new WriteRejected('BAD_USER_INPUT', `Source "${sourceName(s)}" needs a key, a url or a contentHash`);
}

/** A source row holding only the fields the caller gave (an existing source keeps the rest). */
function sourceRowOf(s: SourceInput, key: string, exists: boolean) {
  if (!exists && !s.title) throw new WriteRejected('BAD_USER_INPUT', `The new source ${key} needs a title`);
  const given = stripNulls({ ...s, key });
  // The import schema requires a title and defaults the kind; neither is "given" when the caller left it out.
  const line = validate(SourceLine, { v: 1, type: 'source', title: 'unchanged', ...given }, `source ${sourceName(s)}`);
  const row = sourceRow(line);
  if (exists) for (const field of ['title', 'kind'] as const) if (!(field in given)) delete row.props[field];
  return row;
}

/** A malformed source key is refused, never ignored in favour of a source found by URL or hash. */
function refuseMalformedSourceKeys(supports: SupportInput[]) {
  const reasons = supports.flatMap(({ source: s }, i) =>
    s.key !== null && s.key !== undefined && !Key.safeParse(s.key).success
      ? [`sources.${i}.source.key: ${JSON.stringify(s.key)} is not a key ("kind:slug" in lower case)`]
      : [],
  );
  if (reasons.length) throw new WriteRejected('BAD_USER_INPUT', `Invalid source: ${reasons.join('; ')}`, { reasons });
}

/** Every snippet must be in its source's stored text, when the graph holds one (read in the write transaction). */
async function refuseUnfoundSnippets(tx: TxRunner, sources: { source: string; snippet: string }[]) {
  const stored = await sourceTexts.inTransaction(
    tx,
    sources.map((s) => s.source),
  );
  const texts = new Map([...stored].map(([key, t]) => [key, t.text ?? '']));
  const reasons = snippetProblems(sources, texts);
  if (reasons.length) {
    throw new WriteRejected('BAD_USER_INPUT', `Snippet not in the source: ${reasons.join('; ')}`, { reasons });
  }
}

/** Thrown inside the transaction when the fact's key was taken meanwhile; the transaction rolls back. */
class KeyTaken extends WriteRejected {}

type Written = { fact: AssertionRow };

async function writeFact(
  tx: TxRunner,
  input: AddAssertionInput,
  entities: ReturnType<typeof entityRow>[],
  principal: string | null,
) {
  const resolved = await Promise.all(input.sources.map(({ source }) => resolveSource(tx, source)));
  const sources = input.sources.map(({ source }, i) => sourceRowOf(source, resolved[i]!.key, resolved[i]!.exists));
  const givenKey = input.assertion.key ?? null;
  const line = validate(
    AssertionLine,
    stripNulls({
      v: 1,
      type: 'assertion',
      ...input.assertion,
      key: givenKey ?? 'fact:pending',
      sources: input.sources.map((s, i) =>
        stripNulls({ source: resolved[i]!.key, snippet: s.snippet, start: s.start, end: s.end, locator: s.locator }),
      ),
    }),
    'fact',
  );
  const key = givenKey ?? derivedFactKey(line.kind, line);
  const row = assertionRow({ ...line, key });
  await refuseUnfoundSnippets(tx, line.sources);

  const [existing] = await assertionRepository(tx).byKeys([key]);
  if (existing) {
    if (givenKey)
      throw new WriteRejected('CONFLICT', `A fact with key ${key} exists; retract it or choose another key`);
    // The same content was added before (a retry or a repeated call): that fact is the answer, nothing is written.
    if (existing.rank === 'deprecated' && row.props.rank !== 'deprecated') {
      throw new WriteRejected('CONFLICT', `This fact was added as ${key} and retracted; it is not added again`);
    }
    return { fact: existing };
  }
  if (!(await curationWrites.claimAssertionKey(tx, key, principal))) {
    throw new KeyTaken('CONFLICT', `A fact with key ${key} exists; retract it or choose another key`, { key });
  }
  await refuseRedirectedKeys(tx, [...entities.map((e) => e.key), ...row.roles.map((r) => r.key)]);
  await graphWrites.entities(tx, entities);
  await graphWrites.sources(tx, byKey(sources));
  const publishers = sources.flatMap((s) => (s.publisher ? [s.publisher] : []));
  const missing = await graphWrites.missingEntities(tx, [...new Set([...row.roles.map((r) => r.key), ...publishers])]);
  if (missing.length) {
    throw new WriteRejected('NOT_FOUND', `Unknown entity key(s): ${missing.join(', ')}; declare them in newEntities`, {
      missing,
    });
  }
  await graphWrites.assertions(tx, [row]);
  const [fact] = await assertionRepository(tx).byKeys([key]);
  return { fact: fact! };
}

/**
 * One transaction: resolve the sources, claim the fact's key, write entities, sources and the fact, read it back.
 * A fact without a key gets one derived from its content (src/domain/fact-key.ts): repeating the call answers the
 * same fact. Given the same key, of concurrent calls exactly one succeeds and the others answer CONFLICT.
 */
export async function addAssertion(
  db: DbScope,
  input: AddAssertionInput,
  principal: string | null = null,
): Promise<AssertionRow> {
  return rejecting(async () => {
    if (input.sources.length === 0)
      throw new WriteRejected('BAD_USER_INPUT', 'A fact needs at least one source with a snippet');
    refuseMalformedSourceKeys(input.sources);
    const entities = byKey((input.newEntities ?? []).map((e) => entityRow(entityLine(e))));
    const attempt = (): Promise<Written> =>
      db.writeTransaction('curation/add-assertion', (tx) => writeFact(tx, input, entities, principal));
    try {
      return (await attempt()).fact;
    } catch (error) {
      // A concurrent identical keyless call committed the same fact first: now it is found and answered.
      if (error instanceof KeyTaken && !input.assertion.key) return (await attempt()).fact;
      throw error;
    }
  });
}

export async function retractAssertion(db: DbScope, key: string, reason: string, principal: string | null) {
  return rejecting(async () => {
    if (reason.trim().length < 3) throw new WriteRejected('BAD_USER_INPUT', 'A retraction needs a reason');
    return db.writeTransaction('curation/retract', async (tx) => {
      const retracted = await curationWrites.retract(tx, key, reason, principal);
      // A retracted preferred fact no longer hides the normal ones of its statement group.
      if (retracted) {
        if (typeof retracted.statementGroup === 'string') await rankWrites.refresh(tx, [retracted.statementGroup]);
        return retracted;
      }
      const [existing] = await assertionRepository(tx).byKeys([key]);
      throw existing
        ? new WriteRejected('CONFLICT', `Fact ${key} is already retracted`)
        : new WriteRejected('NOT_FOUND', `No fact with key ${key}`);
    });
  });
}

/**
 * Merging is a positive judgement (src/services/judgements.ts): one transaction takes the pair's lock, refuses a pair
 * judged not the same (until that judgement is withdrawn), supersedes an unsure one, records the judgement and a
 * copy of the removed entity with every relationship it has (what un-merging restores), then folds it into `keep`.
 */
export async function mergeEntities(
  db: DbScope,
  keep: string,
  remove: string,
  reason: string,
  principal: string | null,
) {
  return rejecting(async () => {
    if (keep === remove) throw new WriteRejected('BAD_USER_INPUT', 'Cannot merge an entity into itself');
    if (reason.trim().length < 3) throw new WriteRejected('BAD_USER_INPUT', 'A merge needs a reason');
    const judgement = newJudgementKey();
    const pair = pairKey(keep, remove);
    return db.writeTransaction('curation/merge', async (tx) => {
      const at = new Date().toISOString();
      await judgementWrites.lockPair(tx, pair, at);
      const found = new Map((await curationWrites.entityKinds(tx, [keep, remove])).map((e) => [e.key, e]));
      const [kept, removed] = [found.get(keep), found.get(remove)];
      if (kept && removed && kept.kind !== removed.kind) {
        throw new WriteRejected(
          'CONFLICT',
          `Cannot merge entities of different kinds: ${keep} is a ${kept.kind}, ${remove} is a ${removed.kind} ` +
            '(one kind per entity; if one is mis-kinded, correct it with updateEntity first)',
          { keepKind: kept.kind, removeKind: removed.kind },
        );
      }
      if (!kept || !removed) {
        throw new WriteRejected('NOT_FOUND', `Both ${keep} and ${remove} must be existing entities`);
      }
      const negative = (await judgementWrites.activeOfPair(tx, pair)).find((j) => j.verdict === 'negative');
      if (negative) {
        throw new WriteRejected(
          'CONFLICT',
          `Cannot merge ${remove} into ${keep}: judged not the same entity by ${negative.by ?? 'an anonymous curator'} ` +
            `at ${negative.at} ("${negative.reason}", ${negative.key}); withdraw that judgement first ` +
            '(withdrawJudgement)',
          { judgement: negative.key },
        );
      }
      await judgementWrites.supersede(tx, pair, judgement, at, principal);
      await judgementWrites.recordMerge(tx, { judgement, pair, keep, remove, reason, at }, principal);
      // The removed entity's facts get the kept key in their statement groups (read before the merge moves them).
      const moved = await rankWrites.groupedFactsOf(tx, remove);
      const merged = await curationWrites.merge(tx, { keep, remove, reason, principal, judgement, at });
      if (merged) {
        await rankWrites.regroup(tx, moved);
        return merged;
      }
      throw new WriteRejected('NOT_FOUND', `Both ${keep} and ${remove} must be existing entities`);
    });
  });
}
