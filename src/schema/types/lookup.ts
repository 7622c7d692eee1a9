import { unknownKey } from '../../domain/errors.ts';
import type { EntityRow } from '../../domain/rows.ts';
import { entityAt } from '../../queries/as-of.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { atInstant, entityPropsSelected, factsSelected } from '../lookahead.ts';
import { AssertionRef, EntityRef } from './refs.ts';

/** extensions.notFound for an as-of read of an entity the graph learned of later. */
const notLater = (ctx: Context, key: string, asOf: string) => (firstSeen: string) => {
  ctx.notFound ??= [];
  ctx.notFound.push({
    field: 'entity',
    key: key.slice(0, 100),
    message: `${key.slice(0, 100)} was not in the graph at ${asOf}: it was first seen at ${firstSeen}`,
    suggestions: [],
  });
};

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description:
      'An entity by its stable key (e.g. company:bytedance, chip:nvidia-h20, place:my-johor). A key merged into ' +
      'another entity still resolves, to that entity. A unique exact name or alias resolves too (`alibaba`, ' +
      "`Alibaba Group`, `字节跳动`, `place:malaysia`). Anything else answers null, and the response's " +
      '`extensions.notFound` says why: the nearest keys, or every entity the name belongs to when several share it. ' +
      'With `asOf`, as the graph stood then (see the argument).',
    args: {
      key: t.arg.string({
        required: true,
        description:
          'Entity key, `kind:slug` in lower case, e.g. `place:my` or `company:bytedance`, or a unique exact name or ' +
          'alias, e.g. `Alibaba Group`.',
      }),
      asOf: t.arg({
        type: 'DateTime',
        required: false,
        description:
          'Answer as the graph stood at this instant (e.g. `2026-09-01`): null when the graph learned of the entity ' +
          'later; its name, kind, description and wikidata as they were before later updateEntity changes; its facts ' +
          'as then (facts first seen later left out, facts retracted later still current, with the rank they had). ' +
          'Not time-travelled: aliases, properties, fact values corrected by a re-import, participants moved by a ' +
          'merge, timeless links. Default now.',
      }),
    },
    resolve: async (_root, { key, asOf }, ctx, info) => {
      const facts = factsSelected(info).map((q) => atInstant(q, asOf));
      const selected = entityPropsSelected(info);
      // As of an instant, whether the entity existed then is read from its firstSeen.
      const props = selected && asOf ? [...new Set([...selected, 'firstSeen'])].sort() : selected;
      const at = (row: EntityRow | null) => (asOf ? entityAt(ctx, row, asOf, notLater(ctx, key, asOf)) : row);
      const found = await ctx.loaders.entityWithFacts(key, facts, props);
      if (found) return at(found);
      const resolution = await ctx.loaders.keyResolution.load(key);
      if (resolution.resolved !== null) return at(await ctx.loaders.entityWithFacts(resolution.resolved, facts, props));
      const { message } = unknownKey('key', key, resolution.suggestions, resolution.ambiguous);
      const suggestions = resolution.suggestions.map((s) => s.key);
      ctx.notFound ??= [];
      ctx.notFound.push({ field: 'entity', key: key.slice(0, 100), message, suggestions });
      return null;
    },
  }),
  assertion: t.field({
    type: AssertionRef,
    nullable: true,
    description: 'A fact by its key (e.g. fact:alibaba-capex-2024-h1).',
    args: {
      key: t.arg.string({
        required: true,
        description: 'Fact key, e.g. `fact:alibaba-capex-2024-h1`; null when no fact has it.',
      }),
    },
    resolve: (_root, { key }, ctx) => ctx.loaders.assertion.load(key),
  }),
}));
