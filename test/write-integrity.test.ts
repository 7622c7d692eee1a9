import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { importFile, importNdjson } from '../src/services/import/importer.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * Issue 13, the write path: partial input never nulls a stored value, an upsert never overwrites one (CONFLICT names
 * the field, the stored and the given value), stored values change only through updateEntity / updateSource with
 * their history, a URL names one source, one kind per entity (API, merges, imports), keyless facts are not repeated.
 */
const WRITER = 'writer-token-for-write-integrity-tests';
const { database } = testApp();
const auth = loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const state = graphStateRepository(database.scope('test-write-integrity'));
const asWriter = { authorization: `Bearer ${WRITER}` };
const MARKER = 'wtest-int-';
const SEED_SOURCE = 'source:panfinance-chinese-tech-giants-ai-investment';
const SEED_SNIPPET = 'Chinese technology companies, including Alibaba, Tencent, Baidu, and ByteDance';

beforeAll(() => state.deleteKeyspace(MARKER));
afterAll(async () => {
  await state.deleteKeyspace(MARKER);
  await database.close();
});

const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!, $newEntities: [EntityInput!]) {
  addAssertion(assertion: $assertion, sources: $sources, newEntities: $newEntities) { __typename
    ... on MutationAddAssertionSuccess { data { key summary sources { snippet source { key title url } } } }
    ... on WriteRejected { code message } } }`;
const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename
  ... on MutationUpsertEntitySuccess { data { key kind name description wikidata aliases } }
  ... on WriteRejected { code message } } }`;
const UPDATE_ENTITY = `mutation($key: String!, $changes: EntityChangesInput!, $reason: String!) {
  updateEntity(key: $key, changes: $changes, reason: $reason) { __typename
    ... on MutationUpdateEntitySuccess { data { key kind name aliases __typename
      history { field before after reason by } } }
    ... on WriteRejected { code message } } }`;
const UPDATE_SOURCE = `mutation($key: String!, $changes: SourceChangesInput!, $reason: String!) {
  updateSource(key: $key, changes: $changes, reason: $reason) { __typename
    ... on MutationUpdateSourceSuccess { data { key title url history { field before after reason by } } }
    ... on WriteRejected { code message } } }`;
const MERGE = `mutation($keep: String!, $remove: String!) {
  mergeEntities(keep: $keep, remove: $remove, reason: "same thing") { __typename ... on WriteRejected { code message } } }`;
const SOURCE = `query($key: String!) { source(key: $key) { key title url contentHash note kind } }`;
const ENTITY = `query($key: String!) { entity(key: $key) { key kind name description wikidata aliases __typename } }`;

const write = (query: string, variables: Record<string, unknown>) => gql(yoga, query, variables, asWriter);

const claim = (key: string | null, subject: string, summary = 'Write-integrity test claim') => ({
  ...(key ? { key } : {}),
  kind: 'Claim',
  summary,
  mode: 'reported',
  roles: { subject: [subject] },
  text: 'a paraphrase for the write-integrity tests',
});
const company = (slug: string, over: Record<string, unknown> = {}) => ({
  key: `company:${MARKER}${slug}`,
  kind: 'Company',
  name: `Wtest ${slug}`,
  ...over,
});
const support = (url: string, over: Record<string, unknown> = {}) => ({
  source: { title: `Wtest source ${url}`, url, ...over },
  snippet: 'a verbatim snippet',
});

async function labelsOf(key: string): Promise<string[]> {
  const { records } = await database.driver.executeQuery('MATCH (n {key: $key}) RETURN labels(n) AS labels', { key });
  return (records[0]?.get('labels') as string[] | undefined)?.sort() ?? [];
}

describe('partial input never nulls and never overwrites a stored value', () => {
  it('a seed Source cited with another title: CONFLICT naming title, stored and given; the Source is unchanged', async () => {
    const before = (await gql(yoga, SOURCE, { key: SEED_SOURCE })).data?.source;
    expect(before.contentHash).toMatch(/^sha256:/);
    expect(before.note).toBeTruthy();
    const res = await write(ADD, {
      assertion: claim(`fact:${MARKER}retitle`, 'company:alibaba'),
      sources: [{ source: { key: SEED_SOURCE, title: 'A different title' }, snippet: SEED_SNIPPET }],
    });
    expect(res.data?.addAssertion.code).toBe('CONFLICT');
    expect(res.data?.addAssertion.message).toContain('title');
    expect(res.data?.addAssertion.message).toContain(JSON.stringify(before.title));
    expect(res.data?.addAssertion.message).toContain('"A different title"');
    expect((await gql(yoga, SOURCE, { key: SEED_SOURCE })).data?.source).toEqual(before);
  });

  it('a seed Source cited by key alone is used as stored: title, contentHash and note kept', async () => {
    const before = (await gql(yoga, SOURCE, { key: SEED_SOURCE })).data?.source;
    const res = await write(ADD, {
      assertion: claim(`fact:${MARKER}by-key`, 'company:alibaba'),
      sources: [{ source: { key: SEED_SOURCE }, snippet: SEED_SNIPPET }],
    });
    expect(res.data?.addAssertion.__typename).toBe('MutationAddAssertionSuccess');
    expect(res.data?.addAssertion.data.sources[0].source.key).toBe(SEED_SOURCE);
    expect((await gql(yoga, SOURCE, { key: SEED_SOURCE })).data?.source).toEqual(before);
    const untitled = await write(ADD, {
      assertion: claim(`fact:${MARKER}untitled`, 'company:alibaba'),
      sources: [{ source: { url: `https://example.test/${MARKER}untitled` }, snippet: 'a verbatim snippet' }],
    });
    expect(untitled.data?.addAssertion).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^The new source source:url-[0-9a-f]{20} needs a title$/),
    });
  });

  it('company:alibaba re-declared in newEntities by key/kind/name keeps description and wikidata; renamed → CONFLICT', async () => {
    const before = (await gql(yoga, ENTITY, { key: 'company:alibaba' })).data?.entity;
    expect(before.description).toBe('Chinese technology group (e-commerce, cloud computing).');
    expect(before.wikidata).toBe('Q1359568');
    const same = await write(ADD, {
      assertion: claim(`fact:${MARKER}alibaba-same`, 'company:alibaba'),
      sources: [support(`https://example.test/${MARKER}alibaba`)],
      newEntities: [{ key: 'company:alibaba', kind: 'Company', name: 'Alibaba Group' }],
    });
    expect(same.data?.addAssertion.__typename).toBe('MutationAddAssertionSuccess');
    const renamed = await write(ADD, {
      assertion: claim(`fact:${MARKER}alibaba-renamed`, 'company:alibaba'),
      sources: [support(`https://example.test/${MARKER}alibaba`)],
      newEntities: [{ key: 'company:alibaba', kind: 'Company', name: 'Alibaba' }],
    });
    expect(renamed.data?.addAssertion.code).toBe('CONFLICT');
    expect(renamed.data?.addAssertion.message).toContain('name is "Alibaba Group", not "Alibaba"');
    expect((await gql(yoga, ENTITY, { key: 'company:alibaba' })).data?.entity).toEqual(before);
  });

  it('upsertEntity with only key/kind/name keeps Tencent’s description and wikidata', async () => {
    const before = (await gql(yoga, ENTITY, { key: 'company:tencent' })).data?.entity;
    const res = await write(UPSERT, { input: { key: 'company:tencent', kind: 'Company', name: 'Tencent' } });
    expect(res.data?.upsertEntity.data).toMatchObject({
      key: 'company:tencent',
      description: 'Chinese technology group (social media, games, cloud services).',
      wikidata: 'Q860580',
    });
    expect((await gql(yoga, ENTITY, { key: 'company:tencent' })).data?.entity).toEqual(before);
  });

  it('upsertEntity fills a missing field and merges aliases, but refuses another description', async () => {
    const input = company('fill');
    expect((await write(UPSERT, { input })).data?.upsertEntity.data.description).toBeNull();
    const filled = await write(UPSERT, { input: { ...input, description: 'first words', aliases: ['WF'] } });
    expect(filled.data?.upsertEntity.data).toMatchObject({ description: 'first words', aliases: ['Wtest fill', 'WF'] });
    const other = await write(UPSERT, { input: { ...input, description: 'other words' } });
    expect(other.data?.upsertEntity.code).toBe('CONFLICT');
    expect(other.data?.upsertEntity.message).toContain('description is "first words", not "other words"');
  });
});

describe('a URL names one source', () => {
  it('a new or a known source key with another source’s URL is refused, and the URL keeps one Source', async () => {
    const url = `https://example.test/${MARKER}url-owner`;
    const first = await write(ADD, {
      assertion: claim(`fact:${MARKER}url-1`, 'company:baidu'),
      sources: [support(url, { key: `source:${MARKER}url-owner` })],
    });
    expect(first.data?.addAssertion.__typename).toBe('MutationAddAssertionSuccess');
    const reuse = await write(ADD, {
      assertion: claim(`fact:${MARKER}url-2`, 'company:baidu'),
      sources: [support(url, { key: `source:${MARKER}url-thief` })],
    });
    expect(reuse.data?.addAssertion.code).toBe('CONFLICT');
    expect(reuse.data?.addAssertion.message).toBe(
      `The URL ${url} belongs to source source:${MARKER}url-owner, not to source:${MARKER}url-thief`,
    );
    const known = await write(ADD, {
      assertion: claim(`fact:${MARKER}url-3`, 'company:baidu'),
      sources: [{ source: { key: SEED_SOURCE, url }, snippet: SEED_SNIPPET }],
    });
    expect(known.data?.addAssertion.code).toBe('CONFLICT');
    expect(known.data?.addAssertion.message).toBe(
      `The URL ${url} belongs to source source:${MARKER}url-owner, not to ${SEED_SOURCE}`,
    );
    const { records } = await database.driver.executeQuery('MATCH (s:Source {url: $url}) RETURN s.key AS key', { url });
    expect(records.map((r) => r.get('key'))).toEqual([`source:${MARKER}url-owner`]);
  });

  it('the uniqueness constraint exists', async () => {
    const { records } = await database.driver.executeQuery(
      "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type WHERE name = 'source_url_unique' RETURN *",
    );
    expect(records.map((r) => [r.get('labelsOrTypes'), r.get('properties'), r.get('type')])).toEqual([
      [['Source'], ['url'], 'UNIQUENESS'],
    ]);
  });
});

describe('stored values change only through updateEntity / updateSource, which keep the old value', () => {
  it('renames an entity: the old name stays an alias and in the history', async () => {
    await write(UPSERT, { input: company('rename') });
    const res = await write(UPDATE_ENTITY, {
      key: `company:${MARKER}rename`,
      changes: { name: 'Wtest Renamed' },
      reason: 'the company renamed itself',
    });
    expect(res.data?.updateEntity.data).toEqual({
      key: `company:${MARKER}rename`,
      kind: 'Company',
      name: 'Wtest Renamed',
      aliases: ['Wtest rename', 'Wtest Renamed'],
      __typename: 'Company',
      history: [
        {
          field: 'name',
          before: 'Wtest rename',
          after: 'Wtest Renamed',
          reason: 'the company renamed itself',
          by: 'writer',
        },
      ],
    });
  });

  it('changes an entity’s kind: one kind label before and after, the old kind in the history', async () => {
    await write(UPSERT, { input: company('rekind') });
    const res = await write(UPDATE_ENTITY, {
      key: `company:${MARKER}rekind`,
      changes: { kind: 'Person' },
      reason: 'was a person all along',
    });
    expect(res.data?.updateEntity.data).toMatchObject({ kind: 'Person', __typename: 'Person' });
    expect(res.data?.updateEntity.data.history).toEqual([
      { field: 'kind', before: 'Company', after: 'Person', reason: 'was a person all along', by: 'writer' },
    ]);
    expect(await labelsOf(`company:${MARKER}rekind`)).toEqual(['Entity', 'Person']);
  });

  it('changes a source’s title and URL with the old values in the history; another source’s URL is refused', async () => {
    const key = `source:${MARKER}retitled`;
    await write(ADD, {
      assertion: claim(`fact:${MARKER}retitled`, 'company:baidu'),
      sources: [support(`https://example.test/${MARKER}retitled`, { key, title: 'Old title' })],
    });
    const res = await write(UPDATE_SOURCE, {
      key,
      changes: { title: 'New title', url: `https://example.test/${MARKER}retitled-2` },
      reason: 'publisher corrected the headline',
    });
    expect(res.data?.updateSource.data.title).toBe('New title');
    expect(
      res.data?.updateSource.data.history.map((h: { field: string; before: string; after: string }) => [
        h.field,
        h.before,
        h.after,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['title', 'Old title', 'New title'],
        ['url', `https://example.test/${MARKER}retitled`, `https://example.test/${MARKER}retitled-2`],
      ]),
    );
    expect(res.data?.updateSource.data.history).toHaveLength(2);
    const taken = await write(UPDATE_SOURCE, {
      key,
      changes: { url: `https://example.test/${MARKER}url-owner` },
      reason: 'hostile',
    });
    expect(taken.data?.updateSource.code).toBe('CONFLICT');
  });
});

describe('one kind per entity', () => {
  it('upsertEntity re-declaring a company as a Person is refused; the node keeps one kind label', async () => {
    await write(UPSERT, { input: company('person') });
    const res = await write(UPSERT, { input: company('person', { kind: 'Person' }) });
    expect(res.data?.upsertEntity.code).toBe('CONFLICT');
    expect(res.data?.upsertEntity.message).toContain('kind is "Company", not "Person"');
    expect(await labelsOf(`company:${MARKER}person`)).toEqual(['Company', 'Entity']);
  });

  it('mergeEntities across kinds is refused and changes nothing', async () => {
    await write(UPSERT, { input: company('merge-co') });
    await write(UPSERT, { input: { key: `person:${MARKER}merge-p`, kind: 'Person', name: 'Wtest Person' } });
    const before = await state.snapshot();
    const res = await write(MERGE, { keep: `company:${MARKER}merge-co`, remove: `person:${MARKER}merge-p` });
    expect(res.data?.mergeEntities.code).toBe('CONFLICT');
    expect(res.data?.mergeEntities.message).toContain('is a Company');
    expect(res.data?.mergeEntities.message).toContain('is a Person');
    expect(await state.snapshot()).toEqual(before);
  });

  const entityLine = (kind: string, name = 'Wtest Import') =>
    JSON.stringify({ v: 1, type: 'entity', kind, key: `company:${MARKER}import`, name });

  it('an import line re-declaring a stored company as a Person is rejected with its line number', async () => {
    await importNdjson(database.scope('test'), entityLine('Company'));
    const before = await state.snapshot();
    const text = [entityLine('Company'), entityLine('Person')].join('\n');
    await expect(importNdjson(database.scope('test'), text)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: {
        rejected: expect.arrayContaining([
          expect.objectContaining({ line: 2, reason: expect.stringContaining('one kind per entity') }),
          expect.objectContaining({ line: 2, reason: expect.stringContaining('kind is "Company", not "Person"') }),
        ]),
      },
    });
    expect(await state.snapshot()).toEqual(before);
  });

  it('the file importer rejects the same line and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wtest-import-'));
    try {
      const path = join(dir, 'rekind.ndjson');
      writeFileSync(path, `${entityLine('Person')}\n`);
      const before = await state.snapshot();
      const result = await importFile(database.scope('test'), path);
      expect(result.written).toBe(false);
      expect(result.validation.rejected).toEqual([
        {
          line: 1,
          reason: expect.stringContaining(`entity company:${MARKER}import: kind is "Company", not "Person"`),
        },
      ]);
      expect(await state.snapshot()).toEqual(before);
      expect(await labelsOf(`company:${MARKER}import`)).toEqual(['Company', 'Entity']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a fact without a key', () => {
  it('gets a key derived from its content: the same call twice answers the same fact, once stored', async () => {
    const variables = {
      assertion: claim(null, 'company:baidu', 'Wtest keyless claim'),
      sources: [support(`https://example.test/${MARKER}keyless`)],
    };
    const first = await write(ADD, variables);
    const key = first.data?.addAssertion.data.key as string;
    expect(key).toMatch(/^fact:claim-[0-9a-f]{20}$/);
    const before = await state.snapshot();
    const second = await write(ADD, variables);
    expect(second.data?.addAssertion.data.key).toBe(key);
    expect(await state.snapshot()).toEqual(before);
    const other = await write(ADD, {
      ...variables,
      assertion: { ...variables.assertion, summary: 'Wtest other claim' },
    });
    expect(other.data?.addAssertion.data.key).not.toBe(key);
  });
});
