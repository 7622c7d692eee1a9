import type { DbScope, TxRunner } from '../db/database.ts';
import { judgementChange } from '../domain/changes.ts';
import { WriteRejected } from '../domain/errors.ts';
import { pairKey } from '../domain/resolution.ts';
import { changeLog } from '../repositories/changes.ts';
import { curationWrites } from '../repositories/curation.ts';
import {
  type AliasJudgementRow,
  type JudgementRow,
  type JudgementState,
  judgementWrites,
  type Verdict,
} from '../repositories/judgements.ts';
import { rankWrites } from '../repositories/ranks.ts';
import { isKey, newJudgementKey, rejecting } from './curation.ts';

/**
 * Entity resolution as judgements (docs/data-model.md): whether two entity keys name one thing — positive (merged,
 * src/services/curation.ts mergeEntities), negative (not the same: blocks a merge of the pair until withdrawn) or
 * unsure — with who, when and why. Every write about a pair first takes the pair's lock, so concurrent merges,
 * un-merges and judgements of one pair run one after the other. A pair has at most one active judgement: a new one
 * supersedes an active negative or unsure one; an active merge is undone only by withdrawing it (un-merge).
 */

const needsReason = (reason: string, what: string) => {
  if (reason.trim().length < 3) throw new WriteRejected('BAD_USER_INPUT', `${what} needs a reason`);
};

/** Records that two entities are not the same (negative) or that it is not known (unsure). */
export async function judgeEntities(
  db: DbScope,
  input: { entity: string; other: string; verdict: Verdict; reason: string },
  principal: string | null,
): Promise<JudgementRow> {
  return rejecting(async () => {
    const { entity, other, verdict, reason } = input;
    if (verdict === 'positive') {
      throw new WriteRejected(
        'BAD_USER_INPUT',
        'A positive judgement is a merge: use mergeEntities (it records the judgement and can be undone)',
      );
    }
    if (entity === other) throw new WriteRejected('BAD_USER_INPUT', 'An entity cannot be judged against itself');
    needsReason(reason, 'A judgement');
    if (!isKey(entity) || !isKey(other)) {
      throw new WriteRejected('NOT_FOUND', `Both ${entity} and ${other} must be existing entities`);
    }
    const key = newJudgementKey();
    const pair = pairKey(entity, other);
    return db.writeTransaction('curation/judge', async (tx) => {
      const at = new Date().toISOString();
      await judgementWrites.lockPair(tx, pair, at);
      const merged = (await judgementWrites.activeOfPair(tx, pair)).find((j) => j.verdict === 'positive');
      if (merged) {
        throw new WriteRejected(
          'CONFLICT',
          `${merged.other} was merged into ${merged.entity} (${merged.key}); un-merge first (withdrawJudgement)`,
          { judgement: merged.key },
        );
      }
      const found = new Set((await curationWrites.entityKinds(tx, [entity, other])).map((e) => e.key));
      if (!found.has(entity) || !found.has(other)) {
        throw new WriteRejected('NOT_FOUND', `Both ${entity} and ${other} must be existing entities`);
      }
      await judgementWrites.supersede(tx, pair, key, at, principal);
      const recorded = await judgementWrites.record(tx, { key, verdict, pair, entity, other, reason, at }, principal);
      await changeLog.record(tx, principal, [judgementChange('judge', { key, entity, other }, reason)]);
      return recorded;
    });
  });
}

/** Why a recorded merge cannot be undone now, or null when it can (read after the pair's lock). */
function unmergeRefusal(state: JudgementState): WriteRejected | null {
  const j = state.judgement;
  if (!state.hasCopy) {
    return new WriteRejected('CONFLICT', `Judgement ${j.key} holds no record of what its merge moved`);
  }
  if (!state.keptExists) {
    const now = state.keptNow ? ` was merged into ${state.keptNow} since` : ' no longer exists';
    return new WriteRejected(
      'CONFLICT',
      `Cannot un-merge ${j.other} from ${j.entity}: ${j.entity}${now}; un-merge that first`,
      { kept: j.entity, keptNow: state.keptNow },
    );
  }
  if (state.removedKeyTaken) {
    return new WriteRejected('CONFLICT', `Cannot un-merge ${j.other}: an entity with that key exists`);
  }
  if (state.linkedGone.length > 0 || state.recordedEdges < state.snapshotEdges) {
    const names = state.linkedGone.map((g) => (g.now ? `${g.key} (now ${g.now})` : g.key));
    return new WriteRejected(
      'CONFLICT',
      `Cannot un-merge ${j.other} exactly: entities it was linked to were merged away since` +
        `${names.length ? `: ${names.join(', ')}` : ''}; un-merge those first`,
      { linkedGone: state.linkedGone },
    );
  }
  return null;
}

async function stateOf(tx: TxRunner, key: string) {
  const state = await judgementWrites.state(tx, key);
  if (!state) throw new WriteRejected('NOT_FOUND', `No judgement with key ${key}`);
  return state;
}

/**
 * Withdraws a judgement, keeping it with who, when and why. A negative one no longer blocks a merge. A positive one
 * (a merge) is undone: the removed entity comes back exactly as it was — key, names, kind, properties, its facts'
 * roles, its links, publishers, the redirects that pointed to it — while facts added to the kept entity after the
 * merge stay with it. Judgements of the Epoch alias table change with the table, not here.
 */
export async function withdrawJudgement(
  db: DbScope,
  key: string,
  reason: string,
  principal: string | null,
): Promise<JudgementRow> {
  return rejecting(async () => {
    needsReason(reason, 'Withdrawing a judgement');
    return db.writeTransaction('curation/withdraw-judgement', async (tx) => {
      const at = new Date().toISOString();
      const seen = await stateOf(tx, key);
      if (!seen.pair) {
        const where = [seen.judgement.source, seen.judgement.locator].filter(Boolean).join(' ');
        throw new WriteRejected(
          'CONFLICT',
          `Judgement ${key} comes from ${where || 'an import'}: change it there and import again`,
        );
      }
      await judgementWrites.lockPair(tx, seen.pair, at);
      const state = await stateOf(tx, key);
      const j = state.judgement;
      if (j.status !== 'active') throw new WriteRejected('CONFLICT', `Judgement ${key} is already withdrawn`);
      if (j.verdict !== 'positive') {
        const withdrawn = await judgementWrites.withdraw(tx, key, reason, at, principal);
        if (!withdrawn) throw new WriteRejected('CONFLICT', `Judgement ${key} is already withdrawn`);
        await changeLog.record(tx, principal, [judgementChange('judge', j, reason)]);
        return withdrawn;
      }
      const refusal = unmergeRefusal(state);
      if (refusal) throw refusal;
      // Facts the merge moved to the kept entity leave its statement groups again (read before they move back).
      const regrouped = await rankWrites.groupedFactsOf(tx, j.entity);
      if (!(await judgementWrites.unmerge(tx, key, reason, at, principal))) {
        throw new WriteRejected('CONFLICT', `Judgement ${key} could not be un-merged`);
      }
      await rankWrites.regroup(tx, regrouped);
      const [restored] = j.other ? await curationWrites.entityKinds(tx, [j.other]) : [];
      await changeLog.record(tx, principal, [judgementChange('unmerge', j, reason, restored?.kind ?? null)]);
      return (await stateOf(tx, key)).judgement;
    });
  });
}

/** The Epoch alias table's rows as judgements (src/import/epoch): written after the import, in one transaction. */
export async function recordAliasJudgements(db: DbScope, rows: AliasJudgementRow[], by: string): Promise<number> {
  if (rows.length === 0) return 0;
  return db.writeTransaction('epoch/alias-judgements', (tx) =>
    judgementWrites.aliasJudgements(tx, rows, new Date().toISOString(), by),
  );
}
