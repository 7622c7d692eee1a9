import { builder } from '../builder.ts';
import { factsSelected } from '../lookahead.ts';
import { AssertionRef, EntityRef } from './refs.ts';

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description:
      'An entity by its stable key (e.g. company:bytedance, chip:nvidia-h20, place:my-johor). A key merged into ' +
      'another entity still resolves, to that entity.',
    args: {
      key: t.arg.string({
        required: true,
        description:
          'Entity key, `kind:slug` in lower case, e.g. `place:my` or `company:bytedance`; null when unknown.',
      }),
    },
    resolve: (_root, { key }, ctx, info) => ctx.loaders.entityWithFacts(key, factsSelected(info)),
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
