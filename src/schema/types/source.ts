import { nestedLimit } from '../../domain/limits.ts';
import { sourceConnection } from '../../queries/connections.ts';
import { builder } from '../builder.ts';
import { connectionOf, MAX_NESTED_LIST, nestedFirst, PAGE_AFTER, PAGE_FIRST } from '../connection.ts';
import { reads, sourcePropsSelected } from '../lookahead.ts';
import { NodeRef } from './node.ts';
import { AssertionRef, asSource, EntityRef, SourceRef } from './refs.ts';

SourceRef.implement({
  description: 'Where facts come from: an article, a dataset. Every fact points to one or more sources with a snippet.',
  interfaces: [NodeRef],
  isTypeOf: (row) => typeof row === 'object' && row !== null && (row as { __source?: unknown }).__source === true,
  fields: (t) => ({
    key: t.exposeString('key', {
      extensions: reads('key'),
      description: 'Stable key, e.g. `source:epoch-gpu-clusters`.',
    }),
    title: t.exposeString('title', {
      extensions: reads('title'),
      description: 'The title as published.',
    }),
    kind: t.exposeString('kind', {
      extensions: reads('kind'),
      description:
        'article, dataset, dataset_row, manual, or reference (a reference work a curator declared, e.g. a Wikidata item).',
    }),
    url: t.exposeString('url', {
      extensions: reads('url'),
      nullable: true,
      description: 'Where it is published; null when the source names none.',
    }),
    publishedDate: t.exposeString('publishedDate', {
      extensions: reads('publishedDate'),
      nullable: true,
      description: 'Only when the source states it.',
    }),
    contentHash: t.exposeString('contentHash', {
      extensions: reads('contentHash'),
      nullable: true,
      description: 'sha256 of the source text as held.',
    }),
    hasText: t.boolean({
      description:
        'Whether the graph holds the source’s full text. When it does, every snippet citing the source was checked ' +
        'against it (`Support.verified`); the text itself is not served here.',
      extensions: reads('textSha256'),
      resolve: (s) => typeof s.textSha256 === 'string',
    }),
    textSha256: t.string({
      nullable: true,
      description: 'sha256 of the stored full text ("sha256:<hex>"); null when none is stored.',
      extensions: reads('textSha256'),
      resolve: (s) => s.textSha256 ?? null,
    }),
    license: t.exposeString('license', {
      extensions: reads('license'),
      nullable: true,
      description: 'e.g. CC BY 4.0 for Epoch AI data.',
    }),
    citation: t.exposeString('citation', {
      extensions: reads('citation'),
      nullable: true,
      description: 'How to credit the source.',
    }),
    note: t.exposeString('note', {
      extensions: reads('note'),
      nullable: true,
      description: 'Anything else worth knowing, e.g. the snapshot and file hashes of a dataset.',
    }),
    publisher: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who published it (PUBLISHED_BY), e.g. `organization:pan-finance`.',
      // Not a stored property: the statements read it from PUBLISHED_BY.
      extensions: reads('publisherKey'),
      resolve: (s, _args, ctx) => (s.publisherKey ? ctx.loaders.entity.load(s.publisherKey) : null),
    }),
    assertions: t.field({
      type: [AssertionRef],
      description: 'Facts this source supports (by key).',
      args: { first: t.arg.int(nestedFirst(100)) },
      extensions: reads(),
      resolve: (s, args, ctx) => ctx.loaders.sourceAssertions(s.key, nestedLimit(args.first ?? 100, MAX_NESTED_LIST)),
    }),
  }),
});

const SourceConnection = connectionOf('Source', SourceRef);

builder.queryField('sources', (t) =>
  t.field({
    type: SourceConnection,
    description: 'Sources, by key, keyset-paged.',
    args: {
      first: t.arg.int(PAGE_FIRST),
      after: t.arg.string(PAGE_AFTER),
      titleContains: t.arg.string({
        required: false,
        description: 'Only sources whose title contains this text, case-insensitive, e.g. "Epoch".',
      }),
    },
    resolve: (_root, args, ctx, info) =>
      sourceConnection(
        ctx,
        args.titleContains ?? null,
        args,
        asSource,
        sourcePropsSelected(info, [['nodes'], ['edges', 'node']]),
      ),
  }),
);

builder.queryField('source', (t) =>
  t.field({
    type: SourceRef,
    nullable: true,
    description: 'A source by key.',
    args: {
      key: t.arg.string({
        required: true,
        description: 'Source key, e.g. `source:panfinance-chinese-tech-giants-ai-investment`; null when unknown.',
      }),
    },
    resolve: async (_root, { key }, ctx, info) => {
      const row = await ctx.loaders.sourceWith(key, sourcePropsSelected(info));
      return row ? asSource(row) : null;
    },
  }),
);
