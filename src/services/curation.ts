import { createHash, randomUUID } from 'node:crypto';
import type { DbScope, TxRunner } from '../db/database.ts';
import { DomainError, WriteRejected } from '../domain/errors.ts';
import { AssertionLine, EntityLine, Key, SourceLine } from '../domain/format.ts';
import { assertionRow, entityRow, sourceRow } from '../domain/records.ts';
import type { AssertionRow, EntityRow } from '../domain/rows.ts';
import { snippetProblems } from '../domain/snippets.ts';
import { assertionRepository } from '../repositories/assertions.ts';
import { curationWrites } from '../repositories/curation.ts';
import { entityRepository } from '../repositories/entities.ts';
import { graphWrites } from '../repositories/graph-writes.ts';
import { sourceTexts } from '../repositories/source-texts.ts';

/**
 * Writes through the API. Each call is one transaction (all or nothing); input is validated with
 * the same schema as the bulk import; expected failures are WriteRejected with a stable code.
 */

type Issues = { issues: { path: PropertyKey[]; message: string }[] };

function validate<T>(
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
async function rejecting<T>(work: () => Promise<T>): Promise<T> {
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

/** An upsert may rename or add aliases, but never turn an entity into another kind (it would carry two labels). */
async function refuseKindChanges(db: DbScope, rows: { key: string; kind: string }[]) {
  const existing = await entityRepository(db).byKeys(rows.map((r) => r.key));
  const changed = rows.flatMap((r, i) => {
    const found = existing[i];
    return found && found.key === r.key && found.kind !== r.kind
      ? [`${r.key} is a ${found.kind}, not a ${r.kind}`]
      : [];
  });
  if (changed.length) throw new WriteRejected('CONFLICT', `An entity keeps its kind: ${changed.join('; ')}`);
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

export async function upsertEntity(db: DbScope, input: EntityInput): Promise<EntityRow> {
  return rejecting(async () => {
    const row = entityRow(entityLine(input));
    await refuseKindChanges(db, [row]);
    await db.writeTransaction('curation/upsert-entity', async (tx) => {
      await refuseRedirectedKeys(tx, [row.key]);
      await graphWrites.entities(tx, [row]);
    });
    const [entity] = await entityRepository(db).byKeys([row.key]);
    return entity!;
  });
}

export interface SourceInput {
  key?: string | null;
  title: string;
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

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 20);

/** The key a new source gets when none is given: from its URL or content hash, so re-adding finds it. */
function sourceKeyOf(s: SourceInput): string {
  if (s.key) return s.key;
  if (s.url) return `source:url-${digest(s.url)}`;
  if (s.contentHash) return `source:sha256-${s.contentHash.replace(/^sha256:/, '').slice(0, 20)}`;
  throw new WriteRejected('BAD_USER_INPUT', `Source "${s.title}" needs a key, a url or a contentHash`);
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

/** A given key is never traded silently for the source that the URL or content hash finds under another key. */
function refuseIgnoredSourceKeys(supports: SupportInput[], found: string[]) {
  const reasons = supports.flatMap(({ source: s }, i) =>
    s.key && found[i] !== s.key
      ? [
          `sources.${i}.source.key: no source has key ${s.key}, but its url or contentHash belongs to ${found[i]}; ` +
            'cite that key or leave the key out',
        ]
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

const stripNulls = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

export async function addAssertion(db: DbScope, input: AddAssertionInput): Promise<AssertionRow> {
  return rejecting(async () => {
    if (input.sources.length === 0)
      throw new WriteRejected('BAD_USER_INPUT', 'A fact needs at least one source with a snippet');
    refuseMalformedSourceKeys(input.sources);
    const entities = (input.newEntities ?? []).map((e) => entityRow(entityLine(e)));
    const key = input.assertion.key ?? `fact:${input.assertion.kind.toLowerCase()}-${randomUUID().slice(0, 12)}`;
    const written = await db.writeTransaction('curation/add-assertion', async (tx) => {
      const sourceKeys = await Promise.all(
        input.sources.map(
          async ({ source: s }) =>
            (await curationWrites.findSource(tx, s.key ?? null, s.url ?? null, s.contentHash ?? null)) ??
            sourceKeyOf(s),
        ),
      );
      refuseIgnoredSourceKeys(input.sources, sourceKeys);
      const sources = input.sources.map(({ source: s }, i) =>
        sourceRow(
          validate(SourceLine, stripNulls({ v: 1, type: 'source', ...s, key: sourceKeys[i] }), `source ${s.title}`),
        ),
      );
      const line = validate(
        AssertionLine,
        stripNulls({
          v: 1,
          type: 'assertion',
          ...input.assertion,
          key,
          sources: input.sources.map((s, i) =>
            stripNulls({ source: sourceKeys[i], snippet: s.snippet, start: s.start, end: s.end, locator: s.locator }),
          ),
        }),
        'fact',
      );
      const row = assertionRow(line);
      await refuseUnfoundSnippets(tx, line.sources);
      const [existing] = await assertionRepository(db).byKeys([key]);
      if (existing)
        throw new WriteRejected('CONFLICT', `A fact with key ${key} exists; retract it or choose another key`);
      await refuseRedirectedKeys(tx, [...entities.map((e) => e.key), ...row.roles.map((r) => r.key)]);
      await refuseKindChanges(db, entities);
      await graphWrites.entities(tx, entities);
      await graphWrites.sources(tx, sources);
      const publishers = sources.flatMap((s) => (s.publisher ? [s.publisher] : []));
      const missing = await graphWrites.missingEntities(tx, [
        ...new Set([...row.roles.map((r) => r.key), ...publishers]),
      ]);
      if (missing.length) {
        throw new WriteRejected(
          'NOT_FOUND',
          `Unknown entity key(s): ${missing.join(', ')}; declare them in newEntities`,
          { missing },
        );
      }
      await graphWrites.assertions(tx, [row]);
      return row.key;
    });
    const [assertion] = await assertionRepository(db).byKeys([written]);
    return assertion!;
  });
}

export async function retractAssertion(db: DbScope, key: string, reason: string, principal: string | null) {
  return rejecting(async () => {
    if (reason.trim().length < 3) throw new WriteRejected('BAD_USER_INPUT', 'A retraction needs a reason');
    const retracted = await db.writeTransaction('curation/retract', (tx) =>
      curationWrites.retract(tx, key, reason, principal),
    );
    if (retracted) return retracted;
    const [existing] = await assertionRepository(db).byKeys([key]);
    throw existing
      ? new WriteRejected('CONFLICT', `Fact ${key} is already retracted`)
      : new WriteRejected('NOT_FOUND', `No fact with key ${key}`);
  });
}

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
    const merged = await db.writeTransaction('curation/merge', (tx) =>
      curationWrites.merge(tx, keep, remove, reason, principal),
    );
    if (merged) return merged;
    throw new WriteRejected('NOT_FOUND', `Both ${keep} and ${remove} must be existing entities`);
  });
}
