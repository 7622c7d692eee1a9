import type { ChangeRow } from '../../domain/changes.ts';
import { badInput, DomainError, notFound } from '../../domain/errors.ts';
import { ASSERTION_KINDS } from '../../domain/format.ts';
import type { LiveEvent, LiveFilter } from '../../services/live-changes.ts';
import { builder } from '../builder.ts';
import type { Context, LiveRequest } from '../context.ts';
import { existingKey } from '../keys.ts';
import { factsSelected } from '../lookahead.ts';
import { AssertionKindEnum } from './assertion.ts';
import { ChangeLogEntryRef } from './changes.ts';
import { AssertionRef, EntityRef } from './refs.ts';

builder.subscriptionType({
  description:
    'Live changes over Server-Sent Events (GraphQL over SSE, distinct connections mode: send the subscription with ' +
    '`Accept: text/event-stream`). Every event is an entry of the change log; its SSE `id` and `extensions.seq` are ' +
    'the entry’s seq, so a stream resumes without gap or repeat from `Last-Event-ID` or `after`.',
});

const FactChangedRef = builder.objectRef<ChangeRow>('FactChanged').implement({
  description: 'A fact was written: the log entry, and the fact as it stands when the event is sent.',
  fields: (t) => ({
    change: t.field({ type: ChangeLogEntryRef, description: 'The log entry.', resolve: (c) => c }),
    fact: t.field({
      type: AssertionRef,
      nullable: true,
      description: 'The fact now (read when the event is sent, so a later change may already show); null if gone.',
      resolve: (c, _args, ctx) => ctx.loaders.assertion.load(c.key),
    }),
  }),
});

const EntityChangedRef = builder.objectRef<ChangeRow>('EntityChanged').implement({
  description:
    'Something concerning an entity was written — the entity itself, a fact it takes part in, a link, a merge — ' +
    'with the entity as it stands when the event is sent.',
  fields: (t) => ({
    change: t.field({ type: ChangeLogEntryRef, description: 'The log entry.', resolve: (c) => c }),
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The subscribed entity now; null once it is merged away (the `merge` entry names the kept key).',
      resolve: (_c, _args, ctx, info) => ctx.loaders.entityWithFacts(live(ctx).entityKey ?? '', factsSelected(info)),
    }),
  }),
});

const FactChangeFilterInput = builder.inputType('FactChangeFilter', {
  description: 'Which fact changes to send; all given filters must hold.',
  fields: (t) => ({
    entity: t.string({
      required: false,
      description: 'Facts this entity takes part in (key, merged-away key or unique name; unknown is NOT_FOUND).',
    }),
    kinds: t.field({ type: [AssertionKindEnum], required: false, description: 'Only these fact kinds.' }),
    source: t.string({ required: false, description: 'Facts citing this source key (unknown is NOT_FOUND).' }),
  }),
});

const AFTER = {
  required: false,
  description:
    'Resume after this seq: the log’s entries after it come first, then live ones, none missed or repeated. A ' +
    'Last-Event-ID header (an EventSource reconnecting) wins over it. Default: only changes from now on.',
} as const;

const SEQ = /^\d{1,15}$/;

function live(ctx: Context): LiveRequest {
  if (!ctx.live) throw new DomainError('BAD_USER_INPUT', 'Subscriptions are not served here');
  return ctx.live;
}

/** Where a stream starts: Last-Event-ID (a reconnecting EventSource), else `after`, else now. */
function resumePoint(request: LiveRequest, after: number | null | undefined): number | undefined {
  const header = request.lastEventId?.trim();
  if (header) {
    if (!SEQ.test(header)) throw badInput(`Last-Event-ID must be a change seq (a whole number), got "${header}"`);
    return Number(header);
  }
  if (after === null || after === undefined) return undefined;
  if (after < 0) throw badInput(`after must be a change seq (0 or more), got ${after}`);
  return after;
}

async function existingSource(ctx: Context, key: string): Promise<string> {
  if (!(await ctx.loaders.source.load(key))) throw notFound('Source', key);
  return key;
}

function stream(ctx: Context, filter: LiveFilter, after: number | null | undefined) {
  const request = live(ctx);
  const { hub, client, signal } = request;
  return hub.subscribe({ client, after: resumePoint(request, after), filter, signal });
}

/** Each event is read with fresh loaders and carries its seq; a stream's last word is its error. */
function eventOf(event: LiveEvent, ctx: Context): ChangeRow {
  const request = live(ctx);
  request.renewLoaders();
  if (event.type === 'end') {
    request.eventSeq = undefined;
    throw event.error;
  }
  request.eventSeq = event.change.seq;
  return event.change;
}

builder.subscriptionFields((t) => ({
  factChanged: t.field({
    type: FactChangedRef,
    description:
      'Facts as they are written (added, retracted, re-ranked, imported), on any replica, with the fact as it ' +
      'stands. Access as for reads. Limits: SUBSCRIPTION_MAX_PER_CLIENT streams per client and replica ' +
      '(TOO_MANY_SUBSCRIPTIONS), SUBSCRIPTION_QUEUE_SIZE events waiting for a slow reader (SUBSCRIBER_TOO_SLOW ends ' +
      'the stream; resume from its last id).',
    args: {
      filter: t.arg({ type: FactChangeFilterInput, required: false, description: 'Default: every fact change.' }),
      after: t.arg.int(AFTER),
    },
    subscribe: async (_root, { filter, after }, ctx) =>
      stream(
        ctx,
        {
          target: 'fact',
          entity: filter?.entity ? await existingKey(ctx, 'filter.entity', filter.entity) : null,
          kinds: filter?.kinds?.length ? filter.kinds : [...ASSERTION_KINDS],
          source: filter?.source ? await existingSource(ctx, filter.source) : null,
        },
        after,
      ),
    resolve: (event: LiveEvent, _args, ctx) => eventOf(event, ctx),
  }),
  entityChanged: t.field({
    type: EntityChangedRef,
    description:
      'Everything written about one entity (its own values, facts it takes part in, links, a merge), on any ' +
      'replica, with the entity as it stands. Access and limits as for factChanged.',
    args: {
      key: t.arg.string({
        required: true,
        description: 'Entity key (a merged-away key means the kept entity; a unique name works too).',
      }),
      after: t.arg.int(AFTER),
    },
    subscribe: async (_root, { key, after }, ctx) => {
      const entity = await existingKey(ctx, 'key', key);
      live(ctx).entityKey = entity;
      return stream(ctx, { target: null, entity, kinds: null, source: null }, after);
    },
    resolve: (event: LiveEvent, _args, ctx) => eventOf(event, ctx),
  }),
}));
