import type { DbScope, TxRunner } from '../db/database.ts';
import { WriteRejected } from '../domain/errors.ts';
import type { AssertionRow } from '../domain/rows.ts';
import { RANKS } from '../domain/scalars.ts';
import { assertionRepository } from '../repositories/assertions.ts';
import { type GroupFactRow, rankWrites } from '../repositories/ranks.ts';
import { rejecting } from './curation.ts';

/**
 * Rank changes (docs/data-model.md "Ranks, conflicts and corroboration"). Each is one write transaction whose first
 * statement locks the fact's whole statement group (ranks/lock-group), so concurrent changes of one group run one
 * after the other and each sees what the one before committed: of two curators resolving the same conflict at once,
 * one wins and the other is told who did (CONFLICT), never silently overwritten. Every change keeps the old rank as a
 * Revision (field `rank`, with reason, who, when: `Assertion.history`) and is undone by setting the old rank back.
 */

type Rank = (typeof RANKS)[number];

function requireReason(reason: string) {
  if (reason.trim().length < 3) throw new WriteRejected('BAD_USER_INPUT', 'A rank change needs a reason');
}

function requireRank(rank: string, what: string): asserts rank is Rank {
  if (!(RANKS as readonly string[]).includes(rank))
    throw new WriteRejected('BAD_USER_INPUT', `${what} must be one of ${RANKS.join(', ')}, got ${rank}`);
}

/** Locks the fact's group and reads it; NOT_FOUND when the fact does not exist. */
async function lockedGroup(tx: TxRunner, key: string) {
  const locked = await rankWrites.lockGroup(tx, key);
  if (!locked) throw new WriteRejected('NOT_FOUND', `No fact with key ${key}`);
  return { group: locked.group, facts: await rankWrites.groupFacts(tx, key) };
}

async function written(tx: TxRunner, key: string): Promise<AssertionRow> {
  const [fact] = await assertionRepository(tx).byKeys([key]);
  return fact!;
}

const who = (f: GroupFactRow) => `${f.by ? ` by ${f.by}` : ''}${f.at ? ` at ${f.at}` : ''}`;

/**
 * Sets one fact's rank with a reason. `expectedRank`, when given, must be the stored rank (CONFLICT otherwise): a
 * curator's change based on what they saw never overwrites a change made meanwhile. Setting the rank it has changes
 * nothing and writes no revision.
 */
export async function setRank(
  db: DbScope,
  input: { key: string; rank: string; reason: string; expectedRank?: string | null },
  principal: string | null,
): Promise<AssertionRow> {
  return rejecting(async () => {
    requireRank(input.rank, 'rank');
    if (input.expectedRank) requireRank(input.expectedRank, 'expectedRank');
    requireReason(input.reason);
    return db.writeTransaction('ranks/set-rank', async (tx) => {
      const { group, facts } = await lockedGroup(tx, input.key);
      const fact = facts.find((f) => f.key === input.key)!;
      if (input.expectedRank && fact.rank !== input.expectedRank) {
        throw new WriteRejected(
          'CONFLICT',
          `Fact ${input.key} is ${fact.rank}, not ${input.expectedRank}: it was changed${who(fact)}`,
          { rank: fact.rank },
        );
      }
      if (fact.rank !== input.rank) {
        await rankWrites.setRanks(tx, [{ key: input.key, rank: input.rank }], input.reason, principal);
        if (group) await rankWrites.refresh(tx, [group]);
      }
      return written(tx, input.key);
    });
  });
}

/**
 * Resolves a conflict by rank: `preferred` becomes preferred and the other facts of its statement group that are not
 * deprecated become `others` (normal by default, or deprecated), all with the reason. Refused when the group already
 * has a preferred fact (CONFLICT naming it and who set it: change it with setRank), when the fact's kind forms no
 * statement group or the group has no other fact (BAD_USER_INPUT), or when the fact is deprecated (CONFLICT).
 */
export async function resolveConflict(
  db: DbScope,
  input: { preferred: string; others?: string | null; reason: string },
  principal: string | null,
): Promise<AssertionRow> {
  return rejecting(async () => {
    const others = input.others ?? 'normal';
    if (others !== 'normal' && others !== 'deprecated')
      throw new WriteRejected('BAD_USER_INPUT', `others must be normal or deprecated, got ${others}`);
    requireReason(input.reason);
    return db.writeTransaction('ranks/resolve-conflict', async (tx) => {
      const { group, facts } = await lockedGroup(tx, input.preferred);
      if (!group || facts.length < 2) {
        throw new WriteRejected(
          'BAD_USER_INPUT',
          `Fact ${input.preferred} shares its statement group with no other fact: there is no conflict to resolve ` +
            '(setRank changes a single fact’s rank)',
        );
      }
      const already = facts.find((f) => f.rank === 'preferred');
      if (already) {
        throw new WriteRejected(
          'CONFLICT',
          `This conflict is already resolved: ${already.key} is preferred${who(already)}` +
            `${already.reason ? ` ("${already.reason}")` : ''}; change it with setRank`,
          { preferred: already.key },
        );
      }
      const chosen = facts.find((f) => f.key === input.preferred)!;
      if (chosen.rank === 'deprecated') {
        throw new WriteRejected(
          'CONFLICT',
          `Fact ${input.preferred} is deprecated${who(chosen)}; set its rank back with setRank first`,
        );
      }
      const changes = [
        { key: chosen.key, rank: 'preferred' },
        ...facts.filter((f) => f.key !== chosen.key && f.rank !== 'deprecated' && f.rank !== others),
      ].map((f) => ({ key: f.key, rank: f.key === chosen.key ? 'preferred' : others }));
      await rankWrites.setRanks(tx, changes, input.reason, principal);
      await rankWrites.refresh(tx, [group]);
      return written(tx, input.preferred);
    });
  });
}
