import { normaliseAlias } from './records.ts';

/**
 * Entity resolution as judgements (docs/data-model.md): the key of a pair of entity keys, and why two entities look
 * like one (resolutionCandidates). Pure rules; the graph side is cypher/resolution/candidates.cypher.
 */

/** The two keys in order, joined by "|": one pair whichever way round it is named. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** What the candidate statement answers of each entity of a pair. */
export interface CandidateSide {
  key: string;
  name: string;
  kind: string;
  aliasKeys: string[] | null;
  wikidata: string | null;
}

export type CandidateReasonCode = 'same_wikidata' | 'same_name' | 'name_is_alias' | 'shared_alias';

export interface CandidateReason {
  reason: CandidateReasonCode;
  /** What they share: the Wikidata id, the normalised name, or the normalised aliases. */
  detail: string;
}

export interface Candidate {
  entity: CandidateSide;
  other: CandidateSide;
  reasons: CandidateReason[];
  score: number;
}

/**
 * How much each reason alone says that two entities are one: a shared Wikidata id (set only where certain) nearly
 * settles it; the same name is strong; one's name among the other's aliases a little less; a shared alias that is
 * neither's name (a ticker, "AWS") least.
 */
export const REASON_WEIGHTS: Record<CandidateReasonCode, number> = {
  same_wikidata: 0.95,
  same_name: 0.8,
  name_is_alias: 0.7,
  shared_alias: 0.5,
};

/** Entities of different kinds cannot be merged until one is corrected (updateEntity): their score is halved. */
export const OTHER_KIND_FACTOR = 0.5;

/** Why two entities look like one, strongest reason first; empty when nothing of these rules holds. */
export function candidateReasons(a: CandidateSide, b: CandidateSide): CandidateReason[] {
  const reasons: CandidateReason[] = [];
  if (a.wikidata && a.wikidata === b.wikidata) reasons.push({ reason: 'same_wikidata', detail: a.wikidata });
  const nameA = normaliseAlias(a.name);
  const nameB = normaliseAlias(b.name);
  const keysA = new Set(a.aliasKeys ?? []);
  const keysB = new Set(b.aliasKeys ?? []);
  if (nameA === nameB) reasons.push({ reason: 'same_name', detail: nameA });
  else {
    const named = [
      ...(keysB.has(nameA) ? [`"${a.name}" (${a.key}) is an alias of ${b.key}`] : []),
      ...(keysA.has(nameB) ? [`"${b.name}" (${b.key}) is an alias of ${a.key}`] : []),
    ];
    if (named.length) reasons.push({ reason: 'name_is_alias', detail: named.join('; ') });
  }
  const shared = [...keysA].filter((k) => keysB.has(k) && k !== nameA && k !== nameB).sort();
  if (shared.length) reasons.push({ reason: 'shared_alias', detail: shared.join(', ') });
  return reasons;
}

/**
 * The reasons combined as independent evidence (1 − Π(1 − weight)), halved across kinds, to three decimals: a
 * shared Wikidata id and name give 0.99, a name alone 0.8, a shared alias alone 0.5.
 */
export function candidateScore(reasons: readonly CandidateReason[], sameKind: boolean): number {
  const none = reasons.reduce((p, r) => p * (1 - REASON_WEIGHTS[r.reason]), 1);
  const score = (1 - none) * (sameKind ? 1 : OTHER_KIND_FACTOR);
  return Math.round(score * 1000) / 1000;
}

export function candidateOf(entity: CandidateSide, other: CandidateSide): Candidate | null {
  const reasons = candidateReasons(entity, other);
  if (reasons.length === 0) return null;
  return { entity, other, reasons, score: candidateScore(reasons, entity.kind === other.kind) };
}
