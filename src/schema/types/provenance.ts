import type { AssertionRow, EntityRow, SourceRow } from '../../domain/rows.ts';
import { provenanceViews } from '../../queries/views.ts';
import type { CitationRow, CuratorRow, LinkRow, RuleRow } from '../../repositories/provenance.ts';
import { builder } from '../builder.ts';
import { cappedRows, MAX_NESTED_LIST } from '../connection.ts';
import type { Context } from '../context.ts';
import { reads } from '../lookahead.ts';
import { AssertionRef, asSource, EntityRef, SourceRef } from './refs.ts';

/**
 * Where each text and each link comes from (issue 16): a text field is the source's own words (VERBATIM, with its
 * offsets, checked against the stored text when written) or editorial (EDITORIAL, written by a declared curator);
 * every timeless link carries the sources that say it; inference rules are data with their own sources.
 */

const CuratorRef = builder.objectRef<CuratorRow>('Curator').implement({
  description: 'Who wrote editorial texts (summaries, descriptions, notes, paraphrases): declared once in the data.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'e.g. `curator:seed-editors`.' }),
    name: t.exposeString('name', { description: 'The curator’s name as declared.' }),
    note: t.exposeString('note', { nullable: true, description: 'What the curator wrote, and from what.' }),
  }),
});

const TextOriginKindEnum = builder.enumType('TextOriginKind', {
  description: 'Whether a text is the source’s own words or the curator’s.',
  values: {
    VERBATIM: {
      description:
        'The source’s own words, character for character: `source` from `start` to `end` (checked against the ' +
        'stored text when written).',
    },
    EDITORIAL: { description: 'Written by the curator (`author`), not by the source: a summary, note or paraphrase.' },
  },
});

interface TextOrigin {
  field: string;
  verbatim: { source: string; start: number; end: number } | null;
  curator: string | null;
}

const TextOriginRef = builder.objectRef<TextOrigin>('TextOrigin').implement({
  description: 'Where one text field of a fact or entity comes from.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description:
        'The field, e.g. `summary`, `text`, `note`, `attribution`, `role`, `period.inference`, `description`.',
    }),
    origin: t.field({
      type: TextOriginKindEnum,
      description: 'VERBATIM (the source’s words at `start`–`end`) or EDITORIAL (the curator’s).',
      resolve: (o) => (o.verbatim ? 'VERBATIM' : 'EDITORIAL'),
    }),
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source whose words it is (VERBATIM only).',
      resolve: async (o, _a, ctx) => sourceOf(ctx, o.verbatim?.source ?? null),
    }),
    start: t.int({
      nullable: true,
      description: 'Offset of the words in the source text (UTF-16, VERBATIM only).',
      resolve: (o) => o.verbatim?.start ?? null,
    }),
    end: t.int({ nullable: true, description: 'End offset, exclusive.', resolve: (o) => o.verbatim?.end ?? null }),
    author: t.field({
      type: CuratorRef,
      nullable: true,
      description: 'The curator who wrote it (EDITORIAL only); null when the write declared none (e.g. an API write).',
      resolve: (o, _a, ctx) => (o.verbatim || !o.curator ? null : ctx.loaders.curator.load(o.curator)),
    }),
  }),
});

async function sourceOf(ctx: Context, key: string | null) {
  if (!key) return null;
  const row = await ctx.loaders.source.load(key);
  return row ? asSource(row) : null;
}

/** The text fields a node holds, each with its origin, from its stored verbatim spans and curator. */
function textOrigins(node: Readonly<Record<string, unknown>>, fields: readonly [string, string][]): TextOrigin[] {
  const spanFields = (node.verbatimFields as string[] | null | undefined) ?? [];
  const at = (name: string, i: number) => (node[name] as unknown[])[i];
  const curator = typeof node.curator === 'string' ? node.curator : null;
  return fields
    .filter(([, property]) => typeof node[property] === 'string')
    .map(([field]) => {
      const i = spanFields.indexOf(field);
      const verbatim =
        i < 0
          ? null
          : {
              source: String(at('verbatimSources', i)),
              start: Number(at('verbatimStarts', i)),
              end: Number(at('verbatimEnds', i)),
            };
      return { field, verbatim, curator };
    });
}

/** [API field name, stored property] of a fact's text fields. */
const FACT_TEXTS: [string, string][] = [
  ['summary', 'summary'],
  ['text', 'text'],
  ['note', 'note'],
  ['attribution', 'attribution'],
  ['role', 'role'],
  ['period.inference', 'periodInference'],
];
const ORIGIN_PROPS = ['curator', 'verbatimFields', 'verbatimSources', 'verbatimStarts', 'verbatimEnds'];

builder.interfaceFields(AssertionRef, (t) => ({
  textOrigins: t.field({
    type: [TextOriginRef],
    description:
      'Where each of its texts comes from: VERBATIM (the source’s words, with offsets) or EDITORIAL (the curator’s). ' +
      'Lists the text fields it holds: summary, text, note, attribution, role, period.inference.',
    extensions: reads(...FACT_TEXTS.map(([, p]) => p), ...ORIGIN_PROPS),
    resolve: (a: AssertionRow) => textOrigins(a, FACT_TEXTS),
  }),
}));

const CitationRef = builder.objectRef<CitationRow>('Citation').implement({
  description: 'A source that states a link or a rule, with its words (snippet) or what a reference says.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source: the article, a dataset row’s dataset, or a declared reference (kind `reference`).',
      resolve: (c, _a, ctx) => sourceOf(ctx, c.sourceKey),
    }),
    snippet: t.exposeString('snippet', {
      description: 'The source’s words (checked against its stored text when it has one), or what a reference says.',
    }),
    start: t.exposeInt('start', { nullable: true, description: 'Offset of the snippet in the source text (UTF-16).' }),
    end: t.exposeInt('end', { nullable: true, description: 'End offset, exclusive.' }),
    locator: t.exposeString('locator', { nullable: true, description: 'Row, entry or item in the source.' }),
  }),
});

const citationsOf = (l: LinkRow): CitationRow[] =>
  l.sourceKeys.map((sourceKey, i) => {
    const start = Number(l.starts[i] ?? -1);
    return {
      sourceKey,
      snippet: l.snippets[i] ?? '',
      start: start >= 0 ? start : null,
      end: start >= 0 ? Number(l.ends[i]) : null,
      locator: l.locators[i] || null,
      verified: null,
      position: i,
    };
  });

const LinkRef = builder.objectRef<LinkRow>('Link').implement({
  description:
    'A timeless link between two entities (PART_OF, MADE_BY, LOCATED_IN, UNIT_OF) with the sources that say it: ' +
    'never none.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'PART_OF, MADE_BY, LOCATED_IN or UNIT_OF.' }),
    from: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity it goes from, e.g. Johor (PART_OF Malaysia).',
      resolve: (l, _a, ctx) => ctx.loaders.entity.load(l.fromKey),
    }),
    to: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity it goes to.',
      resolve: (l, _a, ctx) => ctx.loaders.entity.load(l.toKey),
    }),
    sources: t.field({
      type: [CitationRef],
      description: 'Where it is said: a source’s words, or a declared reference source.',
      resolve: citationsOf,
    }),
  }),
});

const ENTITY_TEXTS: [string, string][] = [['description', 'description']];

builder.interfaceFields(EntityRef, (t) => ({
  textOrigins: t.field({
    type: [TextOriginRef],
    description: 'Where its description comes from: VERBATIM (the source’s words) or EDITORIAL (the curator’s).',
    extensions: reads(...ENTITY_TEXTS.map(([, p]) => p), ...ORIGIN_PROPS),
    resolve: (e: EntityRow) => textOrigins(e, ENTITY_TEXTS),
  }),
  links: t.field({
    type: [LinkRef],
    description: `Its timeless links in both directions, each with its sources; at most ${MAX_NESTED_LIST}, by type.`,
    extensions: reads(),
    resolve: (e: EntityRow, _a, ctx) => ctx.loaders.linkSources(e.key, MAX_NESTED_LIST),
  }),
}));

builder.objectFields(SourceRef, (t) => ({
  author: t.field({
    type: CuratorRef,
    nullable: true,
    description: 'The curator who wrote its note (always editorial); null when none was declared.',
    extensions: reads('curator', 'note'),
    resolve: (s: SourceRow, _a, ctx) =>
      typeof s.curator === 'string' && s.note ? ctx.loaders.curator.load(s.curator) : null,
  }),
}));

export const InferenceRuleRef = builder.objectRef<RuleRow>('InferenceRule').implement({
  description:
    'A rule the API applies to infer an answer no source states (e.g. who holds a chip the U.S. export controls ' +
    'restrict), stated as data with its own sources. Answers using one say `inferred` and name it.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'e.g. `rule:holders-of-restricted-chips`.' }),
    name: t.exposeString('name', { description: 'Its name.' }),
    statement: t.exposeString('statement', { description: 'What it infers from what, in plain words.' }),
    limits: t.exposeString('limits', { nullable: true, description: 'What it does not say.' }),
    regulation: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The regulation whose statuses it reads.',
      resolve: (r, _a, ctx) => (r.regulation ? ctx.loaders.entity.load(r.regulation) : null),
    }),
    jurisdiction: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Whose law that regulation is, e.g. the United States.',
      resolve: (r, _a, ctx) => (r.jurisdiction ? ctx.loaders.entity.load(r.jurisdiction) : null),
    }),
    context: t.field({
      type: [EntityRef],
      description: 'The places the source says the restriction concerns, e.g. China.',
      resolve: async (r, _a, ctx) =>
        (await ctx.loaders.entity.loadMany(r.context ?? [])).filter(
          (e): e is EntityRow => e !== null && !(e instanceof Error),
        ),
    }),
    author: t.field({
      type: CuratorRef,
      nullable: true,
      description: 'The curator who stated it.',
      resolve: (r, _a, ctx) => (r.curator ? ctx.loaders.curator.load(r.curator) : null),
    }),
    sources: t.field({
      type: [CitationRef],
      description: 'Where the rule is grounded: the source’s words it rests on.',
      resolve: (r) => [...r.sources].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
    }),
  }),
});

builder.queryFields((t) => ({
  inferenceRules: t.field({
    type: [InferenceRuleRef],
    description: 'The inference rules the graph holds, by key; at most `first` (up to MAX_PAGE_SIZE).',
    args: {
      first: t.arg.int({
        required: false,
        description:
          'At most this many rules, 1 to MAX_PAGE_SIZE (more is a BAD_USER_INPUT error); default the maximum.',
      }),
    },
    resolve: (_root, args, ctx) => provenanceViews.inferenceRules(ctx, cappedRows(ctx, args.first)),
  }),
}));
