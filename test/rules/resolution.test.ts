import { describe, expect, it } from 'vitest';
import { type CandidateSide, candidateOf, candidateScore, pairKey } from '../../src/domain/resolution.ts';

/** The rules of resolutionCandidates (src/domain/resolution.ts), without a database. */
const side = (
  key: string,
  name: string,
  aliases: string[] = [],
  extra: Partial<CandidateSide> = {},
): CandidateSide => ({
  key,
  name,
  kind: 'Company',
  // As the importer stores them: the name first, then the aliases, each NFKC + lower case.
  aliasKeys: [name, ...aliases].map((a) => a.normalize('NFKC').toLowerCase().trim()),
  wikidata: null,
  ...extra,
});

describe('pairKey', () => {
  it('names one pair whichever way round', () => {
    expect(pairKey('company:b', 'company:a')).toBe('company:a|company:b');
    expect(pairKey('company:a', 'company:b')).toBe('company:a|company:b');
  });
});

describe('candidateOf', () => {
  it('same name once normalised (full-width letters, case): 0.8', () => {
    expect(candidateOf(side('company:a', 'ＡＣＭＥ Corp'), side('company:b', 'acme corp'))).toEqual({
      entity: side('company:a', 'ＡＣＭＥ Corp'),
      other: side('company:b', 'acme corp'),
      reasons: [{ reason: 'same_name', detail: 'acme corp' }],
      score: 0.8,
    });
  });

  it('one name an alias of the other: 0.7; halved across kinds: 0.35', () => {
    const a = side('company:a', 'Alphabet Inc.', ['Google']);
    const b = side('organization:b', 'Google', [], { kind: 'Organization' });
    expect(candidateOf(a, b)).toMatchObject({
      reasons: [{ reason: 'name_is_alias', detail: '"Google" (organization:b) is an alias of company:a' }],
      score: 0.35,
    });
  });

  it('a shared alias that is neither’s name: 0.5', () => {
    expect(
      candidateOf(side('company:a', 'Amazon Web Services', ['AWS']), side('company:b', 'Amazon AWS', ['AWS'])),
    ).toMatchObject({ reasons: [{ reason: 'shared_alias', detail: 'aws' }], score: 0.5 });
  });

  it('the same Wikidata id and name: 1 − 0.05 × 0.2 = 0.99', () => {
    const a = side('company:a', 'Tencent', [], { wikidata: 'Q860580' });
    const b = side('company:b', 'TENCENT', [], { wikidata: 'Q860580' });
    expect(candidateOf(a, b)).toMatchObject({
      reasons: [
        { reason: 'same_wikidata', detail: 'Q860580' },
        { reason: 'same_name', detail: 'tencent' },
      ],
      score: 0.99,
    });
  });

  it('nothing in common, or different Wikidata ids only: no candidate', () => {
    expect(candidateOf(side('company:a', 'Baidu'), side('company:b', 'Alibaba'))).toBeNull();
    expect(
      candidateOf(
        side('company:a', 'Baidu', [], { wikidata: 'Q14772' }),
        side('company:b', 'Alibaba', [], { wikidata: 'Q1359568' }),
      ),
    ).toBeNull();
  });

  it('scores reasons as independent evidence', () => {
    expect(
      candidateScore(
        [
          { reason: 'name_is_alias', detail: '' },
          { reason: 'shared_alias', detail: '' },
        ],
        true,
      ),
    ).toBe(0.85);
    expect(candidateScore([{ reason: 'same_wikidata', detail: '' }], false)).toBe(0.475);
  });
});
