import { type GraphQLSchema, isEnumType } from 'graphql';
import { ASSERTION_KINDS, ENTITY_KINDS, ROLE_TYPES } from '../../domain/format.ts';
import { METRIC_DESCRIPTIONS } from '../../domain/metrics.ts';
import type { Counted } from '../../repositories/vocabulary.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';

interface Term {
  name: string;
  count: number;
  description: string | null;
}

const TermRef = builder.objectRef<Term>('VocabularyTerm').implement({
  description: 'A word the graph uses, how often, and what it means.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'As arguments take it (e.g. capex, FinancialFigure, SPEAKER).' }),
    count: t.exposeInt('count', { description: 'How many facts, entities or role edges use it now.' }),
    description: t.exposeString('description', {
      nullable: true,
      description:
        'What it means: the kind’s or role’s description in this schema, or the metric’s definition; null for a ' +
        'word none covers.',
    }),
  }),
});

/** The closed sets first, each with its count (0 when unused); then anything else the graph holds. */
const terms = (names: readonly string[], counted: Counted[], describe: (name: string) => string | null): Term[] => {
  const counts = new Map(counted.map((c) => [c.name, c.count]));
  const all = [...names, ...counted.map((c) => c.name).filter((n) => !names.includes(n))];
  return all.map((name) => ({ name, count: counts.get(name) ?? 0, description: describe(name) }));
};

const typeDescription = (schema: GraphQLSchema) => (name: string) => schema.getType(name)?.description ?? null;
const roleDescription = (schema: GraphQLSchema) => (name: string) => {
  const role = schema.getType('Role');
  return isEnumType(role) ? (role.getValue(name)?.description ?? null) : null;
};

const kindsOf = async (ctx: Context, of: 'entity' | 'fact') =>
  (await ctx.loaders.vocabulary.kinds()).filter((k) => k.of === of);

const VocabularyRef = builder.objectRef<Record<string, never>>('Vocabulary').implement({
  description:
    'The words arguments take, each with how often the graph uses it and what it means. Each list is one Cypher ' +
    'statement, read only when selected.',
  fields: (t) => ({
    metrics: t.field({
      type: [TermRef],
      description:
        'Metrics of figures and forecasts (the `metric` arguments: metricByCompany, facts, figures, AssertionFilter), ' +
        'by name; count = facts.',
      resolve: async (_v, _a, ctx) =>
        terms([], await ctx.loaders.vocabulary.metrics(), (n) => METRIC_DESCRIPTIONS.get(n) ?? null),
    }),
    factKinds: t.field({
      type: [TermRef],
      description: 'Fact kinds (the AssertionKind enum: `kinds`, `factKinds`, search `types`); count = facts.',
      resolve: async (_v, _a, ctx, info) =>
        terms(ASSERTION_KINDS, await kindsOf(ctx, 'fact'), typeDescription(info.schema)),
    }),
    entityKinds: t.field({
      type: [TermRef],
      description: 'Entity kinds (the EntityKind enum, search `types`); count = entities.',
      resolve: async (_v, _a, ctx, info) =>
        terms(ENTITY_KINDS, await kindsOf(ctx, 'entity'), typeDescription(info.schema)),
    }),
    roles: t.field({
      type: [TermRef],
      description:
        'Roles an entity plays in a fact (the Role enum: `roles`, `participants(role:)`); count = role edges.',
      resolve: async (_v, _a, ctx, info) =>
        terms(ROLE_TYPES, await ctx.loaders.vocabulary.roles(), roleDescription(info.schema)),
    }),
  }),
});

builder.queryField('vocabulary', (t) =>
  t.field({
    type: VocabularyRef,
    description:
      'What to ask for: every metric, fact kind, entity kind and role, with counts and descriptions — e.g. ' +
      '`{ vocabulary { metrics { name count description } } }` lists capex, cloud_revenue …',
    resolve: () => ({}),
  }),
);
