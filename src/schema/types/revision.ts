import { MAX_REVISIONS, type RevisionRow } from '../../repositories/revisions.ts';
import { builder } from '../builder.ts';
import { reads } from '../lookahead.ts';
import { EntityRef, SourceRef } from './refs.ts';

export const RevisionRef = builder.objectRef<RevisionRow>('Revision').implement({
  description:
    'A stored value that updateEntity or updateSource replaced, or a fact’s rank that setRank, resolveConflict or ' +
    'retractAssertion changed: upserts never overwrite, so every change of a name, kind, title, URL, content hash, ' +
    'rank or other stored field is here with its old value.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'e.g. name, kind, title, url, contentHash, rank.' }),
    before: t.exposeString('before', { nullable: true, description: 'The replaced value (null: there was none).' }),
    after: t.exposeString('after', { nullable: true, description: 'The value that replaced it (null: removed).' }),
    reason: t.exposeString('reason', { description: 'Why, as the curator gave it.' }),
    at: t.exposeString('at', { description: 'When (ISO 8601).' }),
    by: t.exposeString('by', { nullable: true, description: 'The token name that made the change.' }),
  }),
});

const description = `Replaced stored values, newest first (at most ${MAX_REVISIONS}).`;

builder.interfaceFields(EntityRef, (t) => ({
  history: t.field({
    type: [RevisionRef],
    description,
    extensions: reads(),
    resolve: (e, _args, ctx) => ctx.loaders.revisions.load(e.key),
  }),
}));

builder.objectFields(SourceRef, (t) => ({
  history: t.field({
    type: [RevisionRef],
    description,
    extensions: reads(),
    resolve: (s, _args, ctx) => ctx.loaders.revisions.load(s.key),
  }),
}));
