import { unknownKey } from '../../domain/errors.ts';
import { builder } from '../builder.ts';
import { factsSelected } from '../lookahead.ts';
import { AssertionRef, EntityRef } from './refs.ts';

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description:
      'An entity by its stable key (e.g. company:bytedance, chip:nvidia-h20, place:my-johor). A key merged into ' +
      'another entity still resolves, to that entity. A unique exact name or alias resolves too (`alibaba`, ' +
      "`Alibaba Group`, `字节跳动`, `place:malaysia`). Anything else answers null, and the response's " +
      '`extensions.notFound` says why: the nearest keys, or every entity the name belongs to when several share it.',
    args: {
      key: t.arg.string({
        required: true,
        description:
          'Entity key, `kind:slug` in lower case, e.g. `place:my` or `company:bytedance`, or a unique exact name or ' +
          'alias, e.g. `Alibaba Group`.',
      }),
    },
    resolve: async (_root, { key }, ctx, info) => {
      const facts = factsSelected(info);
      const found = await ctx.loaders.entityWithFacts(key, facts);
      if (found) return found;
      const resolution = await ctx.loaders.keyResolution.load(key);
      if (resolution.resolved !== null) return ctx.loaders.entityWithFacts(resolution.resolved, facts);
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
