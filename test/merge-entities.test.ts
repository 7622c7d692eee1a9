import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * mergeEntities through the API (src/services/curation.ts and its repository path): every refusal with its code
 * and exact message and nothing changed, then a merge that moves the facts, folds the names into aliases in order
 * without duplicates, and leaves the removed key resolving to the kept entity.
 */
const WRITER = 'writer-token-for-merge-tests';
const { database } = testApp();
const auth = loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const repos = createRepositories(database.scope('test-merge'));
const asWriter = { authorization: `Bearer ${WRITER}` };
afterAll(() => database.close());

const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename } }`;
const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!) {
  addAssertion(assertion: $assertion, sources: $sources) { __typename ... on WriteRejected { message } } }`;
const MERGE = `mutation($keep: String!, $remove: String!, $reason: String!) {
  mergeEntities(keep: $keep, remove: $remove, reason: $reason) {
    ... on MutationMergeEntitiesSuccess { data { key name aliases } } ... on WriteRejected { code message } } }`;
const READ = `query($key: String!) { entity(key: $key) { key name aliases ... on Company { figures { key } } } }`;

const KEEP = 'company:test-merge-keep';
const GONE = 'company:test-merge-gone';
const PERSON = 'person:test-merge-person';
const merge = (keep: string, remove: string, reason = 'same company') =>
  gql(yoga, MERGE, { keep, remove, reason }, asWriter);

beforeAll(async () => {
  for (const input of [
    { key: KEEP, kind: 'Company', name: 'Keep Co', aliases: ['KC'] },
    { key: GONE, kind: 'Company', name: 'Gone Co', aliases: ['GC', 'KC'] },
    { key: PERSON, kind: 'Person', name: 'Merge Person' },
  ]) {
    expect((await gql(yoga, UPSERT, { input }, asWriter)).data?.upsertEntity.__typename).toBe(
      'MutationUpsertEntitySuccess',
    );
  }
  const added = await gql(
    yoga,
    ADD,
    {
      assertion: {
        key: 'fact:test-merge-gone-capex',
        kind: 'FinancialFigure',
        summary: 'Gone Co capex FY2025: 2 bn USD',
        mode: 'reported',
        roles: { subject: [GONE] },
        metric: 'capex',
        money: { amount: '2000000000', currency: 'USD', asReported: '$2 billion' },
      },
      sources: [
        { source: { title: 'Gone Co report', url: 'https://example.test/gone-report' }, snippet: '$2 billion' },
      ],
    },
    asWriter,
  );
  expect(added.data?.addAssertion.__typename).toBe('MutationAddAssertionSuccess');
});

describe('mergeEntities refuses, changing nothing', () => {
  it('an entity into itself, and a reason shorter than 3 characters once trimmed: BAD_USER_INPUT', async () => {
    const before = await repos.system.counts();
    expect((await merge(KEEP, KEEP)).data?.mergeEntities).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Cannot merge an entity into itself',
    });
    expect((await merge(KEEP, GONE, '  ab  ')).data?.mergeEntities).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'A merge needs a reason',
    });
    expect(await repos.system.counts()).toEqual(before);
  });

  it('entities of different kinds: CONFLICT naming both kinds, in either order', async () => {
    const before = await repos.system.counts();
    expect((await merge(KEEP, PERSON)).data?.mergeEntities).toEqual({
      code: 'CONFLICT',
      message:
        `Cannot merge entities of different kinds: ${KEEP} is a Company, ${PERSON} is a Person ` +
        '(one kind per entity; if one is mis-kinded, correct it with updateEntity first)',
    });
    expect((await merge(PERSON, KEEP)).data?.mergeEntities).toEqual({
      code: 'CONFLICT',
      message:
        `Cannot merge entities of different kinds: ${PERSON} is a Person, ${KEEP} is a Company ` +
        '(one kind per entity; if one is mis-kinded, correct it with updateEntity first)',
    });
    expect(await repos.system.counts()).toEqual(before);
  });

  it('a key no entity has, on either side: NOT_FOUND', async () => {
    const before = await repos.system.counts();
    const nobody = 'company:test-merge-nobody';
    for (const [keep, remove] of [
      [KEEP, nobody],
      [nobody, KEEP],
      [nobody, 'company:test-merge-nobody-else'],
    ]) {
      expect((await merge(keep!, remove!)).data?.mergeEntities).toEqual({
        code: 'NOT_FOUND',
        message: `Both ${keep} and ${remove} must be existing entities`,
      });
    }
    expect(await repos.system.counts()).toEqual(before);
  });
});

describe('mergeEntities merges', () => {
  it('moves the facts, folds names into aliases in order without duplicates, and redirects the removed key', async () => {
    // A reason of 3 characters once trimmed is enough.
    const merged = await merge(KEEP, GONE, ' dup ');
    // The kept entity's aliases (its name first, as upsertEntity stores them), then the removed one's name and
    // aliases, each once: Keep Co, KC | Gone Co, GC (KC is already there).
    expect(merged.data?.mergeEntities).toEqual({
      data: { key: KEEP, name: 'Keep Co', aliases: ['Keep Co', 'KC', 'Gone Co', 'GC'] },
    });
    const viaOldKey = await gql(yoga, READ, { key: GONE });
    expect(viaOldKey.data?.entity).toEqual({
      key: KEEP,
      name: 'Keep Co',
      aliases: ['Keep Co', 'KC', 'Gone Co', 'GC'],
      figures: [{ key: 'fact:test-merge-gone-capex' }],
    });
    // The removed key is a redirect now, not an entity: merging it again finds nothing to merge.
    expect((await merge(KEEP, GONE)).data?.mergeEntities).toEqual({
      code: 'NOT_FOUND',
      message: `Both ${KEEP} and ${GONE} must be existing entities`,
    });
  });
});
