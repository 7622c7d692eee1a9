import { requireScope } from '../../domain/access.ts';
import { WriteRejected } from '../../domain/errors.ts';
import { FACT_FIELD_NAMES, factField } from '../../domain/facts/index.ts';
import { ROLE_TYPES, type RoleType } from '../../domain/format.ts';
import { confidenceList, ROLE_MEANINGS } from '../../domain/vocabulary.ts';
import { addAssertion, mergeEntities, retractAssertion, upsertEntity } from '../../services/curation.ts';
import { updateEntity, updateSource } from '../../services/revisions.ts';
import { builder } from '../builder.ts';
import { ENTITY_KIND_VALUES } from '../describe.ts';
import { AssertionKindEnum } from './assertion.ts';
import { AssertionRef, asSource, EntityRef, SourceRef } from './refs.ts';
import { factInputOf, ModeEnum, RankEnum } from './values.ts';

builder.objectType(WriteRejected, {
  name: 'WriteRejected',
  description:
    'An expected rejection of a write; nothing was changed. `code` is stable: BAD_USER_INPUT, NOT_FOUND, CONFLICT. ' +
    'A CONFLICT about stored values names each field with its stored and its given value.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Why, as a stable code: BAD_USER_INPUT, NOT_FOUND or CONFLICT.' }),
    message: t.exposeString('message', { description: 'What was wrong, for people; naming the field and values.' }),
    reasons: t.stringList({
      description: 'Each validation problem, when there are several.',
      resolve: (e) => (Array.isArray(e.details.reasons) ? (e.details.reasons as string[]) : []),
    }),
  }),
});

const EntityKindEnum = builder.enumType('EntityKind', { description: 'Kinds of entity.', values: ENTITY_KIND_VALUES });

const PropertyInput = builder.inputType('PropertyInput', {
  description: 'A kind-specific property (e.g. iso2 = MY).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The property’s name, e.g. iso2, powerMw.' }),
    value: t.string({ required: true, description: 'Its value as text, e.g. "MY".' }),
  }),
});

const EntityInput = builder.inputType('EntityInput', {
  description:
    'An entity to create, or to complete, by key. Only the fields given are written; a field left out keeps its ' +
    'stored value. A given value that differs from a stored one (kind, name, description, wikidata, a property) is ' +
    'refused with CONFLICT naming the field, the stored and the given value: change stored values with ' +
    'updateEntity. Aliases are merged, never duplicated.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'kind:slug in lower case, e.g. company:deepseek.' }),
    kind: t.field({ type: EntityKindEnum, required: true, description: 'Its kind, e.g. Company.' }),
    name: t.string({ required: true, description: 'No control characters or bidi overrides/isolates.' }),
    aliases: t.stringList({ required: false, description: 'Same character rule as name.' }),
    wikidata: t.string({ required: false, description: 'Only when known for certain.' }),
    description: t.string({ required: false, description: 'A short description.' }),
    properties: t.field({
      type: [PropertyInput],
      required: false,
      description: 'Kind-specific properties, e.g. iso2 = MY for a country.',
    }),
  }),
});

/** A role's field in RolesInput: its name in lower case (`subject` for SUBJECT). */
const roleInputName = (role: RoleType) => role.toLowerCase();

const RolesInput = builder.inputType('RolesInput', {
  description: 'Entity keys by role.',
  fields: (t) =>
    Object.fromEntries(
      ROLE_TYPES.map((role) => [
        roleInputName(role),
        t.stringList({ required: false, description: `Entity keys in the ${role} role: ${ROLE_MEANINGS[role]}` }),
      ]),
    ),
});

const AssertionInput = builder.inputType('AssertionInput', {
  description:
    'A fact. It is validated like a line of the bulk import: value fields only on the kinds that carry them (no money ' +
    'on a Claim), the sign rule per metric, real dates, no control or bidi characters in the summary.',
  fields: (t) => ({
    key: t.string({
      required: false,
      description:
        'fact:… . When omitted, derived from everything the fact says (kind, summary, roles, values, period, text, ' +
        'sources and snippets…), so repeating the same call answers the same fact instead of adding a copy.',
    }),
    kind: t.field({
      type: AssertionKindEnum,
      required: true,
      description: 'Its kind, e.g. FinancialFigure; it decides which value fields it may carry.',
    }),
    summary: t.string({ required: true, description: 'One line saying what it states, e.g. "Alibaba capex H1 2024".' }),
    mode: t.field({
      type: ModeEnum,
      required: true,
      description: 'How the source states it: reported, forecast or opinion (derived is for computed values).',
    }),
    rank: t.field({ type: RankEnum, required: false, description: 'Its standing; default normal.' }),
    confidence: t.string({
      required: false,
      description: `The source’s own certainty, one of ${confidenceList()}; leave out when it states none.`,
    }),
    roles: t.field({
      type: RolesInput,
      required: true,
      description: 'The entities it involves, by role, e.g. { subject: ["company:alibaba"] }.',
    }),
    // metric, money, change, quantity, unitPrice, period, text … as the import line has them.
    ...Object.fromEntries(
      FACT_FIELD_NAMES.map((f) => [f, factInputOf(t, factField(f).codec.shape, factField(f).description)]),
    ),
  }),
});

const SourceInput = builder.inputType('SourceInput', {
  description:
    'A source, found by key, URL or content hash, or created. For an existing source give its key (or URL) alone, ' +
    'or with values equal to the stored ones: a differing title, URL, hash or other field is refused with ' +
    'CONFLICT (change stored values with updateSource), and a URL belongs to one source only.',
  fields: (t) => ({
    key: t.string({
      required: false,
      description: 'kind:slug; a malformed key is refused, never ignored in favour of the source the URL finds.',
    }),
    title: t.string({ required: false, description: 'Required when the source is new.' }),
    kind: t.string({ required: false, description: 'article (default), dataset, dataset_row, manual, reference.' }),
    url: t.string({ required: false, description: 'Where it is published, e.g. https://…; one source per URL.' }),
    contentHash: t.string({ required: false, description: 'sha256:<64 hex>.' }),
    publisher: t.string({ required: false, description: 'Entity key of the publisher.' }),
    publishedDate: t.string({
      required: false,
      description: 'YYYY, YYYY-MM or YYYY-MM-DD; a real calendar date (2024-02-30 is refused).',
    }),
    license: t.string({ required: false, description: 'Its licence, e.g. "CC BY 4.0".' }),
    citation: t.string({ required: false, description: 'How to credit it, as its publisher asks.' }),
  }),
});

const SupportInput = builder.inputType('SupportInput', {
  description: 'A source and the verbatim snippet that supports the fact.',
  fields: (t) => ({
    source: t.field({ type: SourceInput, required: true, description: 'The source, by key or URL, or a new one.' }),
    snippet: t.string({
      required: true,
      description:
        'Verbatim text of the source. When the graph holds the source’s full text the snippet must be found in it ' +
        '(and at start/end when given), or the write is refused; otherwise it is stored unverified.',
    }),
    start: t.int({ required: false, description: 'Offset of the snippet in the source’s text (UTF-16 code units).' }),
    end: t.int({ required: false, description: 'End offset, exclusive.' }),
    locator: t.string({
      required: false,
      description: 'Row or handle in a structured source, e.g. "data_center_chip_quantities.csv row 4".',
    }),
  }),
});

/** The mutation's fact as an import line's fields: roles by their upper-case names, null fields left out. */
const toFormat = ({
  roles,
  kind,
  ...rest
}: { roles: Record<string, string[] | null | undefined>; kind: string } & Record<string, unknown>) => ({
  kind,
  ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined)),
  roles: Object.fromEntries(ROLE_TYPES.map((role) => [role, roles[roleInputName(role)] ?? []])),
});

/** The result of a write: the written object (`data`), or a WriteRejected with a stable code. */
export const rejectable = (what: string) => ({
  types: [WriteRejected],
  union: { description: `Either the ${what} written, or why nothing was written.` },
  result: { description: `Success: \`data\` is the ${what} as stored.` },
  dataField: { description: `The ${what} as stored.` },
});

builder.mutationType({
  description: 'Writes. Each mutation needs a bearer token with the write scope and runs as one transaction.',
});

const EntityChangesInput = builder.inputType('EntityChangesInput', {
  description: 'New stored values of an entity; only the fields given change.',
  fields: (t) => ({
    name: t.string({ required: false, description: 'The old name stays as an alias.' }),
    kind: t.field({ type: EntityKindEnum, required: false, description: 'Replaces the kind label.' }),
    description: t.string({ required: false, description: 'A new short description.' }),
    wikidata: t.string({ required: false, description: 'A new Wikidata QID, e.g. Q1234567.' }),
  }),
});

const SourceChangesInput = builder.inputType('SourceChangesInput', {
  description: 'New stored values of a source; only the fields given change.',
  fields: (t) => ({
    title: t.string({ required: false, description: 'A new title.' }),
    kind: t.string({ required: false, description: 'article, dataset, dataset_row, manual, reference.' }),
    url: t.string({ required: false, description: 'Must not belong to another source.' }),
    contentHash: t.string({ required: false, description: 'sha256:<64 hex>.' }),
    publishedDate: t.string({ required: false, description: 'YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date.' }),
    license: t.string({ required: false, description: 'A new licence, e.g. "CC BY 4.0".' }),
    citation: t.string({ required: false, description: 'A new citation.' }),
    note: t.string({ required: false, description: 'A new note.' }),
  }),
});

builder.mutationFields((t) => ({
  upsertEntity: t.field({
    type: EntityRef,
    description:
      'Create an entity by key, or complete an existing one: aliases are merged and fields it lacks are filled; ' +
      'fields left out keep their values. Idempotent. Refused with CONFLICT when a given kind, name or other field ' +
      'differs from the stored one (see updateEntity); one kind per entity.',
    errors: rejectable('entity'),
    args: { input: t.arg({ type: EntityInput, required: true, description: 'The entity, by key.' }) },
    resolve: (_root, { input }, ctx) => {
      requireScope(ctx, 'write');
      return upsertEntity(ctx.db, input);
    },
  }),
  addAssertion: t.field({
    type: AssertionRef,
    description:
      'Add a fact with at least one source and snippet, in one transaction. Sources are found by key, URL or ' +
      'content hash, or created; entities it names must exist or be declared in `newEntities`. Existing sources and ' +
      'entities are never changed by it: a given value that differs from a stored one is refused with CONFLICT ' +
      '(see updateSource, updateEntity). A given fact key that exists answers CONFLICT (of concurrent calls with ' +
      'one key exactly one succeeds); without a key the call is idempotent (the key is derived from the content).',
    errors: rejectable('fact'),
    args: {
      assertion: t.arg({ type: AssertionInput, required: true, description: 'The fact.' }),
      sources: t.arg({
        type: [SupportInput],
        required: true,
        description: 'At least one source, each with the verbatim snippet that supports the fact.',
      }),
      newEntities: t.arg({
        type: [EntityInput],
        required: false,
        description: 'Entities the fact names that do not exist yet, created with it.',
      }),
    },
    resolve: (_root, args, ctx) => {
      requireScope(ctx, 'write');
      return addAssertion(
        ctx.db,
        {
          assertion: toFormat(args.assertion),
          sources: args.sources as never,
          newEntities: args.newEntities ?? null,
        },
        ctx.auth.principal,
      );
    },
  }),
  retractAssertion: t.field({
    type: AssertionRef,
    description: 'Retract a fact: its rank becomes deprecated with the reason and time. Nothing is deleted.',
    errors: rejectable('retracted fact'),
    args: {
      key: t.arg.string({ required: true, description: 'The fact’s key, e.g. `fact:baidu-capex-2024-h1`.' }),
      reason: t.arg.string({ required: true, description: 'Why, kept with the fact (`retraction.reason`).' }),
    },
    resolve: (_root, { key, reason }, ctx) => {
      requireScope(ctx, 'write');
      return retractAssertion(ctx.db, key, reason, ctx.auth.principal);
    },
  }),
  mergeEntities: t.field({
    type: EntityRef,
    description:
      'Merge `remove` into `keep` (the same thing under two keys): facts and links move, names become aliases, and ' +
      'the removed key keeps resolving to `keep`. Both must be of the same kind (CONFLICT otherwise). The merge is ' +
      'recorded as a positive judgement (`judgements` on the entity) with what moved, so withdrawJudgement can ' +
      'un-merge it; a pair judged not the same (judgeEntities, negative) answers CONFLICT until that is withdrawn.',
    errors: rejectable('merged entity'),
    args: {
      keep: t.arg.string({ required: true, description: 'Key of the entity that stays, e.g. `company:alibaba`.' }),
      remove: t.arg.string({ required: true, description: 'Key of the duplicate; it resolves to `keep` afterwards.' }),
      reason: t.arg.string({ required: true, description: 'Why they are the same, kept with the judgement.' }),
    },
    resolve: (_root, { keep, remove, reason }, ctx) => {
      requireScope(ctx, 'write');
      return mergeEntities(ctx.db, keep, remove, reason, ctx.auth.principal);
    },
  }),
  updateEntity: t.field({
    type: EntityRef,
    description:
      'Change stored values of an entity (name, kind, description, wikidata), with a reason. Each old value is kept ' +
      'in `history`; a new name keeps the old one as an alias; a new kind replaces the kind label.',
    errors: rejectable('updated entity'),
    args: {
      key: t.arg.string({ required: true, description: 'The entity’s key, e.g. `company:bytedance`.' }),
      changes: t.arg({ type: EntityChangesInput, required: true, description: 'The new values.' }),
      reason: t.arg.string({ required: true, description: 'Why, kept in `history`.' }),
    },
    resolve: (_root, { key, changes, reason }, ctx) => {
      requireScope(ctx, 'write');
      return updateEntity(ctx.db, key, changes, reason, ctx.auth.principal);
    },
  }),
  updateSource: t.field({
    type: SourceRef,
    description:
      'Change stored values of a source (title, URL, content hash, …), with a reason. Each old value is kept in ' +
      '`history`. A URL that belongs to another source is refused with CONFLICT.',
    errors: rejectable('updated source'),
    args: {
      key: t.arg.string({ required: true, description: 'The source’s key, e.g. `source:epoch-gpu-clusters`.' }),
      changes: t.arg({ type: SourceChangesInput, required: true, description: 'The new values.' }),
      reason: t.arg.string({ required: true, description: 'Why, kept in `history`.' }),
    },
    resolve: async (_root, { key, changes, reason }, ctx) => {
      requireScope(ctx, 'write');
      return asSource(await updateSource(ctx.db, key, changes, reason, ctx.auth.principal));
    },
  }),
}));
