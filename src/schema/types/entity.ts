import type { FieldMap } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { ENTITY_CORE_PROPS } from '../../domain/entity-props.ts';
import { type AssertionKind, ENTITY_KINDS, type EntityKind, type RoleType } from '../../domain/format.ts';
import { nestedLimit } from '../../domain/limits.ts';
import type { AssertionRow, EntityRow } from '../../domain/rows.ts';
import { RANKS } from '../../domain/scalars.ts';
import { entityKindDescription, wordList } from '../../domain/vocabulary.ts';
import { entityConnection } from '../../queries/connections.ts';
import type { LinkType } from '../../repositories/entities.ts';
import { builder, type FieldsOf, type OutputOf } from '../builder.ts';
import { connectionOf, MAX_NESTED_LIST, nestedFirst, PAGE_AFTER, PAGE_FIRST } from '../connection.ts';
import type { Context } from '../context.ts';
import { existingKey } from '../keys.ts';
import {
  entityPropsOfField,
  entityPropsSelected,
  FACTS_QUERY,
  type FactsQueryOf,
  factsQuery,
  factsSelected,
  reads,
  selectsField,
} from '../lookahead.ts';
import { factKindsOf, normaliseMetric } from '../vocabulary.ts';
import { AssertionKindEnum } from './assertion.ts';
import { isRowOf, NodeRef } from './node.ts';
import { AssertionRef, EntityRef } from './refs.ts';
import { RankEnum, RoleEnum } from './values.ts';

type FieldBuilder = FieldsOf<EntityRow>;

/** The arguments facts fields take (each field declares the ones it has). */
type FactsArgs = {
  roles?: RoleType[] | null;
  kinds?: string[] | null;
  factKinds?: AssertionKind[] | null;
  metric?: string | null;
  includeDeprecated?: boolean | null;
  ranks?: string[] | null;
  first?: number | null;
};

/** The `ranks` argument of every fact list: best rank unless ranks are named. */
export const RANKS_ARG_DESCRIPTION =
  'Only facts of these ranks, nothing hidden (e.g. [preferred, normal, deprecated] for all). Default best rank: ' +
  'deprecated facts are left out, and so are normal facts outranked by a preferred fact of their statement group ' +
  '(same kind, subject, metric and period; docs/data-model.md "Ranks, conflicts and corroboration").';

const PropertyRef = builder.objectRef<{ name: string; value: string }>('Property').implement({
  description: 'A kind-specific property of an entity (e.g. iso2, orgType, powerMw), as text.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The property’s name, e.g. iso2, powerMw, dataset.' }),
    value: t.exposeString('value', { description: 'Its value as text, e.g. "MY", "150".' }),
  }),
});

const ALL_ROLES: RoleType[] = ['SUBJECT', 'OBJECT', 'MEMBER', 'SPEAKER', 'CONCERNS'];

const entityFactsQuery: FactsQueryOf = (given) => {
  const args = given as FactsArgs;
  return {
    roles: args.roles ?? ALL_ROLES,
    kinds: args.factKinds ?? factKindsOf('kinds', args.kinds),
    metric: args.metric ? normaliseMetric(args.metric) : null,
    ranks: args.ranks ?? (args.includeDeprecated ? [...RANKS] : null),
    limit: nestedLimit(args.first ?? 50, MAX_NESTED_LIST),
  };
};

EntityRef.implement({
  description: 'Something that exists regardless of any article: a company, person, chip, place, site, regulation.',
  interfaces: [NodeRef],
  fields: (t) => ({
    key: t.string({
      description: 'Stable human-readable key, e.g. company:bytedance. Look up with entity(key:).',
      extensions: reads('key'),
      resolve: (e) => e.key,
    }),
    kind: t.string({
      description: `Its kind, the same as its GraphQL type: ${wordList(ENTITY_KINDS)}.`,
      extensions: reads('kind'),
      resolve: (e) => e.kind,
    }),
    name: t.string({
      description: 'Its name as commonly written, e.g. "ByteDance", "Nvidia H20".',
      extensions: reads('name'),
      resolve: (e) => e.name,
    }),
    aliases: t.stringList({
      description: 'Other names, native scripts included.',
      extensions: reads('aliases'),
      resolve: (e) => e.aliases ?? [],
    }),
    wikidata: t.string({
      nullable: true,
      description: 'Wikidata QID, only where known for certain.',
      extensions: reads('wikidata'),
      resolve: (e) => e.wikidata ?? null,
    }),
    description: t.string({
      nullable: true,
      description: 'A short description from the import, when one was given.',
      extensions: reads('description'),
      resolve: (e) => e.description ?? null,
    }),
    // No `reads`: it shows every property that is not a core one, so an entity it is selected on is read whole.
    properties: t.field({
      type: [PropertyRef],
      description: 'Kind-specific properties.',
      resolve: (e) =>
        Object.entries(e)
          .filter(([k, v]) => !ENTITY_CORE_PROPS.has(k) && v !== null && v !== undefined && !k.startsWith('_'))
          .map(([name, value]) => ({ name, value: String(value) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
    }),
    facts: t.field({
      type: [AssertionRef],
      description: 'Facts this entity takes part in (newest period first), optionally by role, kind and metric.',
      args: {
        roles: t.arg({
          type: [RoleEnum],
          required: false,
          description: 'Only facts where the entity plays one of these roles, e.g. [SUBJECT]; default every role.',
        }),
        factKinds: t.arg({
          type: [AssertionKindEnum],
          required: false,
          description: 'Only facts of these kinds, e.g. [FinancialFigure]; `vocabulary { factKinds }` lists them.',
        }),
        kinds: t.arg.stringList({
          required: false,
          description:
            'Fact kinds as strings, e.g. ["FinancialFigure"] (any case; an unknown kind is BAD_USER_INPUT naming the ' +
            'nearest). Ignored when factKinds is given.',
          deprecationReason: 'Use factKinds, which takes the AssertionKind enum.',
        }),
        metric: t.arg.string({
          required: false,
          description:
            'Only facts with this metric, e.g. capex, cloud_revenue (any case; `vocabulary { metrics }` lists them); ' +
            'default any metric or none.',
        }),
        includeDeprecated: t.arg.boolean({
          required: false,
          defaultValue: false,
          description:
            'Every rank: also retracted (deprecated) and outranked facts, the same as ranks: [preferred, normal, ' +
            'deprecated]; default false (best rank). Ignored when ranks is given.',
        }),
        ranks: t.arg({ type: [RankEnum], required: false, description: RANKS_ARG_DESCRIPTION }),
        first: t.arg.int(nestedFirst(50)),
      },
      extensions: { [FACTS_QUERY]: entityFactsQuery, ...reads() },
      resolve: (e, args, ctx, info) => ctx.loaders.involvement(e.key, factsQuery(entityFactsQuery, args, info, e)),
    }),
  }),
});

/** A list of facts of given kinds in which the entity plays one of `roles`. */
export function factsField(
  t: FieldBuilder,
  type: OutputOf<AssertionRow>,
  roles: RoleType[],
  kinds: AssertionKind[],
  description: string,
  extra: { metric?: boolean; deprecationReason?: string } = {},
) {
  const queryOf: FactsQueryOf = (given) => {
    const args = given as FactsArgs;
    return {
      roles,
      kinds,
      metric: args.metric ? normaliseMetric(args.metric) : null,
      ranks: args.ranks ?? null,
      limit: nestedLimit(args.first ?? 50, MAX_NESTED_LIST),
    };
  };
  return t.field({
    type: [type],
    description,
    ...(extra.deprecationReason ? { deprecationReason: extra.deprecationReason } : {}),
    args: {
      first: t.arg.int(nestedFirst(50)),
      ranks: t.arg({ type: [RankEnum], required: false, description: RANKS_ARG_DESCRIPTION }),
      ...(extra.metric
        ? {
            metric: t.arg.string({
              required: false,
              description: 'Only figures of this metric, e.g. `capex`, `cloud_revenue`; default every metric.',
            }),
          }
        : {}),
    },
    extensions: { [FACTS_QUERY]: queryOf, ...reads() },
    resolve: (e: EntityRow, args: FactsArgs, ctx: Context, info: GraphQLResolveInfo) =>
      ctx.loaders.involvement(e.key, factsQuery(queryOf, args, info, e)),
  });
}

/** Timeless neighbours: e.g. a chip's vendor (MADE_BY OUT) or a country's regions (PART_OF IN). */
export function linkField(
  t: FieldBuilder,
  type: OutputOf<EntityRow>,
  link: LinkType,
  direction: 'IN' | 'OUT',
  description: string,
) {
  return t.field({
    type: [type],
    description: `${description} At most ${MAX_NESTED_LIST}, by name.`,
    extensions: reads(),
    resolve: (e: EntityRow, _args: unknown, ctx: Context, info: GraphQLResolveInfo) =>
      ctx.loaders.links(e.key, link, direction, MAX_NESTED_LIST, entityPropsOfField(info)),
  });
}

export function singleLinkField(t: FieldBuilder, type: OutputOf<EntityRow>, link: LinkType, description: string) {
  return t.field({
    type,
    nullable: true,
    description,
    extensions: reads(),
    resolve: async (e: EntityRow, _args: unknown, ctx: Context, info: GraphQLResolveInfo) =>
      (await ctx.loaders.links(e.key, link, 'OUT', 1, entityPropsOfField(info)))[0] ?? null,
  });
}

const EntityOrderEnum = builder.enumType('EntityOrder', {
  description: 'Order of entity connections.',
  values: { NAME_ASC: { description: 'By name, then key.' }, NAME_DESC: { description: 'By name descending.' } },
});

export const EntityFilterInput = builder.inputType('EntityFilter', {
  description: 'Filters for entity connections; all given filters must hold.',
  fields: (t) => ({
    nameContains: t.string({ required: false, description: 'Case-insensitive substring of the name or an alias.' }),
    country: t.string({
      required: false,
      description:
        'Place key (e.g. place:cn): entities domiciled or located there or in any place PART_OF it. A key no entity ' +
        'has is a NOT_FOUND error with the nearest existing keys.',
    }),
  }),
});

type EntityFilterArg = { nameContains?: string | null; country?: string | null } | null | undefined;

/** The filter as the repository takes it; the country key as given (the connection resolves it when it must). */
const entityFilter = (kind: EntityKind, f: EntityFilterArg) => ({
  kind,
  nameContains: f?.nameContains ?? null,
  country: f?.country ?? null,
});

/** Whether the connection's page is asked for (else only its count, or nothing). */
const selectsPage = (info: GraphQLResolveInfo) => ['nodes', 'edges', 'pageInfo'].some((f) => selectsField(info, f));

/** The facts each entity of a page is read with: what `nodes { … }` and `edges { node { … } }` select. */
const factsOfConnection = (info: GraphQLResolveInfo) => [
  ...factsSelected(info, ['nodes']),
  ...factsSelected(info, ['edges', 'node']),
];
/** The properties each entity of a page is read with (its cursor's name and key are always among them). */
const propsOfConnection = (info: GraphQLResolveInfo) => entityPropsSelected(info, [['nodes'], ['edges', 'node']]);

/**
 * An entity object type (implements Node and Entity) and its root connection, e.g. `companies`.
 */
export function defineEntityType(
  kind: EntityKind,
  options: { plural: string; fields?: (t: FieldBuilder) => FieldMap },
) {
  const ref = builder.objectRef<EntityRow>(kind).implement({
    description: entityKindDescription(kind),
    interfaces: [NodeRef, EntityRef],
    isTypeOf: (row) => isRowOf(row, kind, 'name'),
    fields: (t) => (options.fields ? options.fields(t as FieldBuilder) : {}),
  });
  const connection = connectionOf<EntityRow>(kind, ref);
  builder.queryField(options.plural, (t) =>
    t.field({
      type: connection,
      description: `${kind} entities, ordered by name, paged with keyset cursors.`,
      args: {
        first: t.arg.int(PAGE_FIRST),
        after: t.arg.string(PAGE_AFTER),
        filter: t.arg({
          type: EntityFilterInput,
          required: false,
          description: 'Only entities matching all given filters; default all.',
        }),
        orderBy: t.arg({
          type: EntityOrderEnum,
          required: false,
          defaultValue: 'NAME_ASC',
          description: 'Order by name; default NAME_ASC.',
        }),
      },
      resolve: async (_root, args, ctx, info) => {
        const connection = entityConnection(
          ctx,
          entityFilter(kind, args.filter),
          { ...args, descending: args.orderBy === 'NAME_DESC' },
          factsOfConnection(info),
          propsOfConnection(info),
          (key) => existingKey(ctx, 'filter.country', key),
        );
        // A country key that names nothing is this field's error (NOT_FOUND), as any unknown key: read now what
        // resolves it when it must (an empty first page cannot tell, so its count does).
        if (args.filter?.country) {
          if (selectsPage(info) && args.first !== 0) await connection.page();
          else await connection.totalCount();
        }
        return connection;
      },
    }),
  );
  return ref;
}
