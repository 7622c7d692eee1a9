import { builder } from '../builder.ts';
import { existingKey } from '../keys.ts';
import { factsSelected } from '../lookahead.ts';
import { AssertionRef, EntityRef } from './refs.ts';

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description:
      'An entity by its stable key (e.g. company:bytedance, chip:nvidia-h20, place:my-johor). A key merged into ' +
      'another entity still resolves, to that entity. A unique exact name or alias resolves too (`alibaba`, ' +
      '`Alibaba Group`, `字节跳动`, `place:malaysia`). Anything else answers null with a NOT_FOUND error naming the ' +
      'nearest keys, or every entity the name belongs to when several share it.',
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
      return found ?? ctx.loaders.entityWithFacts(await existingKey(ctx, 'key', key), facts);
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
