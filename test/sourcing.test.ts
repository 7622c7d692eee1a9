import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importLines, textLines } from '../src/services/import/importer.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * Issue 16, items 3–5: every text is the source's words (with offsets) or the curator's; every link carries its
 * sources; inference rules are data with their own sources. Expected values come from the seed file and the article,
 * read here as plain JSON and text, not through the importer.
 */
const { database, yoga } = testApp();
const db = database.scope('test-sourcing');
afterAll(() => database.close());

const ARTICLE = readFileSync('data/seed/article.txt', 'utf8');
const ARTICLE_SOURCE = 'source:panfinance-chinese-tech-giants-ai-investment';
const CURATOR = 'curator:seed-editors';
const SEED = readFileSync('cypher/seed/article.ndjson', 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Record<string, any>);
const seedFacts = SEED.filter((r) => r.type === 'assertion');
type Span = { field: string; source: string; start: number; end: number };

const ask = async (query: string) => {
  const res = await gql(yoga, query);
  expect(res.errors).toBeUndefined();
  return res.data as Record<string, any>;
};
const rejected = async (...lines: object[]) => {
  const { validation, written } = await importLines(db, textLines(lines.map((l) => JSON.stringify(l)).join('\n')));
  expect(written).toBe(false);
  return validation.rejected;
};

describe('editorial vs sourced text (issue 16, item 3)', () => {
  it('every verbatim text in the seed is the article’s words at its offsets, byte for byte', () => {
    const spans = SEED.flatMap((r) => ((r.verbatim ?? []) as Span[]).map((s) => ({ r, s })));
    // Claim and Quote texts that read as the article's words, the attributions and two roles the article states.
    expect(spans.map(({ r, s }) => `${r.key} ${s.field}`)).toEqual([
      'fact:cn-tech-ai-capex-increase-2024-h1 text',
      'fact:cn-big3-capex-purpose-llm-training text',
      'fact:eddie-wu-ceo-alibaba role',
      'fact:eddie-wu-quote-invest-rd-ai-capex text',
      'fact:eddie-wu-alibaba-servers-full-capacity text',
      'fact:james-mitchell-cso-tencent role',
      'fact:james-mitchell-cn-gpu-rental-scale-smaller-than-us text',
      'fact:baidu-measured-approach text',
      'fact:bytedance-procure-ai-processors attribution',
      'fact:bytedance-johor-datacenter-projects attribution',
      'fact:h20-shipments-china-forecast attribution',
      'fact:bytedance-major-h20-customer attribution',
      'fact:cn-ai-spending-dwarfed-by-us text',
      'fact:pan-finance-self-description text',
    ]);
    for (const { r, s } of spans) {
      expect(s.source).toBe(ARTICLE_SOURCE);
      expect(Buffer.from(ARTICLE.slice(s.start, s.end)), `${r.key} ${s.field}`).toEqual(Buffer.from(r[s.field]));
    }
    // The claim the issue names: it had dropped the Oxford comma after "Baidu".
    const capex = seedFacts.find((f) => f.key === 'fact:cn-tech-ai-capex-increase-2024-h1')!;
    expect(capex.text).toContain('Alibaba, Tencent, Baidu, and ByteDance');
  });

  it('refuses a text called verbatim that is not the source’s words at its offsets', async () => {
    const claim = seedFacts.find((f) => f.key === 'fact:baidu-measured-approach')!;
    const at = ARTICLE.indexOf('Baidu maintained');
    // Same length, one character off: the span points one character early.
    const shifted = { ...claim, verbatim: [{ field: 'text', source: ARTICLE_SOURCE, start: at - 1, end: at + 40 }] };
    // Not the article's words at all (the comma the old claim text had dropped).
    const edited = {
      ...seedFacts.find((f) => f.key === 'fact:cn-tech-ai-capex-increase-2024-h1')!,
      text: 'Chinese technology companies, including Alibaba, Tencent, Baidu and ByteDance',
      verbatim: [{ field: 'text', source: ARTICLE_SOURCE, start: 90, end: 167 }],
    };
    const reasons = await rejected(shifted, edited);
    expect(reasons).toEqual([
      {
        line: 1,
        reason:
          `verbatim.0 (text): "Baidu maintained a more measured approach" is not the text of ${ARTICLE_SOURCE} at ` +
          `${at - 1}–${at + 40} ("\\nBaidu maintained a more measured approac"; it is at ${at}–${at + 41})`,
      },
      {
        line: 2,
        reason:
          `verbatim.0 (text): "Chinese technology companies, including Alibaba, Tencent, Baidu and ByteDance" is ` +
          `not the text of ${ARTICLE_SOURCE} at 90–167 ("Chinese technology companies, including Alibaba, Tencent, ` +
          'Baidu, and ByteDanc"; it is nowhere in the text)',
      },
    ]);
    // A span whose length is not the text's is refused by the format itself.
    const short = { ...claim, verbatim: [{ field: 'text', source: ARTICLE_SOURCE, start: at, end: at + 5 }] };
    expect((await rejected(short))[0]?.reason).toBe('verbatim.0: end - start must equal the length of text (41)');
  });

  it('summaries and descriptions no longer add words the article does not say', async () => {
    const data = await ask(`{
      h100: assertion(key: "fact:us-export-controls-h100") { summary }
      blackwell: assertion(key: "fact:us-export-controls-blackwell") { summary }
      upcoming: assertion(key: "fact:nvidia-blackwell-upcoming") { summary }
      baidu: assertion(key: "fact:baidu-measured-approach") { summary }
      h20: entity(key: "chip:nvidia-h20") { description }
      controls: entity(key: "regulation:us-ai-chip-export-controls") { description }
    }`);
    expect(data).toEqual({
      h100: { summary: 'U.S. export controls limit access to the Nvidia H100' },
      blackwell: { summary: 'U.S. export controls limit access to Nvidia’s upcoming Blackwell series' },
      upcoming: { summary: 'Nvidia’s Blackwell series is upcoming at the time of the article' },
      baidu: { summary: 'Baidu maintained a more measured approach' },
      h20: {
        description:
          'Nvidia AI processor; per the article, one of the modified versions designed to comply with U.S. regulations.',
      },
      controls: {
        description:
          'United States export controls limiting access to advanced AI processors like the Nvidia H100 and the ' +
          'upcoming Blackwell series, named by the article where Chinese tech firms buy modified chips; the article ' +
          'also refers to them as "U.S. sanctions" and "U.S. regulations". It names no specific rule, date, or who is covered.',
      },
    });
    // None of the added words is left anywhere in the seed's texts.
    const texts = SEED.flatMap((r) => [r.summary, r.description, r.text, r.note].filter((t) => typeof t === 'string'));
    for (const added of [
      'Chinese access',
      'not yet shipping',
      'than Alibaba and Tencent',
      'for sale to Chinese',
      'from sale to China',
    ])
      expect(
        texts.filter((t: string) => t.includes(added)),
        added,
      ).toEqual([]);
  });

  it('every text of every seed fact says whether it is the article’s words or the seed editors’', async () => {
    const data = await ask(`{ assertions(first: 100) { nodes { key
      textOrigins { field origin start end source { key } author { key } } } } }`);
    const nodes = data.assertions.nodes as { key: string; textOrigins: any[] }[];
    expect(nodes).toHaveLength(seedFacts.length);
    let verbatim = 0;
    for (const { key, textOrigins } of nodes) {
      const fact = seedFacts.find((f) => f.key === key)!;
      const value = (field: string) => (field === 'period.inference' ? fact.period?.inference : fact[field]);
      // One origin per text field the fact holds, in a fixed order.
      const held = ['summary', 'text', 'note', 'attribution', 'role', 'period.inference'].filter(
        (f) => typeof value(f) === 'string',
      );
      expect(
        textOrigins.map((o) => o.field),
        key,
      ).toEqual(held);
      for (const o of textOrigins) {
        if (o.origin === 'VERBATIM') {
          verbatim += 1;
          expect(o.source.key).toBe(ARTICLE_SOURCE);
          expect(o.author).toBeNull();
          expect(ARTICLE.slice(o.start, o.end), `${key} ${o.field}`).toBe(value(o.field));
        } else {
          expect(o).toMatchObject({
            origin: 'EDITORIAL',
            start: null,
            end: null,
            source: null,
            author: { key: CURATOR },
          });
        }
      }
    }
    expect(verbatim).toBe(SEED.reduce((n, r) => n + (r.verbatim?.length ?? 0), 0));
    const capex = nodes.find((n) => n.key === 'fact:cn-tech-ai-capex-increase-2024-h1')!;
    expect(capex.textOrigins).toEqual([
      { field: 'summary', origin: 'EDITORIAL', start: null, end: null, source: null, author: { key: CURATOR } },
      { field: 'text', origin: 'VERBATIM', start: 90, end: 298, source: { key: ARTICLE_SOURCE }, author: null },
      {
        field: 'period.inference',
        origin: 'EDITORIAL',
        start: null,
        end: null,
        source: null,
        author: { key: CURATOR },
      },
    ]);
  });

  it('entity descriptions and source notes are editorial, with the curator declared in the data', async () => {
    const data = await ask(`{
      entity(key: "chip:nvidia-h20") { textOrigins { field origin author { key name } } }
      source(key: "${ARTICLE_SOURCE}") { author { key } }
    }`);
    const curator = SEED.find((r) => r.type === 'curator')!;
    expect(data).toEqual({
      entity: {
        textOrigins: [{ field: 'description', origin: 'EDITORIAL', author: { key: CURATOR, name: curator.name } }],
      },
      source: { author: { key: CURATOR } },
    });
  });
});

describe('every link sourced (issue 16, item 4)', () => {
  const link = { v: 1, type: 'link', rel: 'PART_OF', from: 'place:my-johor', to: 'place:my' };
  const NEEDS =
    'sources: a link needs at least one source: the words of a source that say it (e.g. "Johor, Malaysia"), or a ' +
    'declared reference source (e.g. a Wikidata item)';

  it('refuses an unsourced link, saying what it needs', async () => {
    expect(await rejected(link, { ...link, sources: [] })).toEqual([
      { line: 1, reason: NEEDS },
      { line: 2, reason: NEEDS },
    ]);
  });

  it('refuses a link whose words are not in the source it cites', async () => {
    const reasons = await rejected({ ...link, sources: [{ source: ARTICLE_SOURCE, snippet: 'Johor is in Malaysia' }] });
    expect(reasons).toEqual([
      {
        line: 1,
        reason: `sources.0.snippet: "Johor is in Malaysia" is not found verbatim in the stored text of ${ARTICLE_SOURCE}`,
      },
    ]);
  });

  it('answers every seed link with the article’s words that say it', async () => {
    const data = await ask(`{
      johor: entity(key: "place:my-johor") { links { type from { key } to { key } sources { source { key } snippet start end locator } } }
      blackwell: entity(key: "chip:nvidia-blackwell") { links { type to { key } sources { snippet start end } } }
    }`);
    const at = (words: string) => ({
      snippet: words,
      start: ARTICLE.indexOf(words),
      end: ARTICLE.indexOf(words) + words.length,
    });
    const article = { source: { key: ARTICLE_SOURCE }, locator: null };
    expect(data.johor.links).toEqual([
      {
        type: 'LOCATED_IN',
        from: { key: 'datacenter:bytedance-johor-projects' },
        to: { key: 'place:my-johor' },
        sources: [{ ...article, ...at('including projects in Johor, Malaysia') }],
      },
      {
        type: 'PART_OF',
        from: { key: 'place:my-johor' },
        to: { key: 'place:my' },
        sources: [{ ...article, ...at('Johor, Malaysia') }],
      },
    ]);
    expect(data.blackwell.links).toEqual([
      { type: 'MADE_BY', to: { key: 'company:nvidia' }, sources: [at('Nvidia’s H100 and upcoming Blackwell series')] },
    ]);
    // Every link line of the seed cites the article at offsets that hold its words.
    for (const l of SEED.filter((r) => r.type === 'link')) {
      expect(l.sources.length).toBeGreaterThan(0);
      for (const s of l.sources) expect(ARTICLE.slice(s.start, s.end)).toBe(s.snippet);
    }
  });

  it('a declared reference source may carry a link, and re-importing it adds no second citation', async () => {
    const reference = {
      v: 1,
      type: 'source',
      key: 'source:ref-test-wikidata-johor',
      kind: 'reference',
      title: 'Wikidata item Q183032 (Johor)',
      url: 'https://www.wikidata.org/wiki/Q183032',
      note: 'Declared from the seed entity’s QID; not retrieved (no network).',
    };
    const cited = {
      ...link,
      sources: [{ source: reference.key, snippet: 'country: Malaysia (Q833)', locator: 'P17' }],
    };
    const text = [reference, cited].map((l) => JSON.stringify(l)).join('\n');
    for (let i = 0; i < 2; i++) expect((await importLines(db, textLines(text))).written).toBe(true);
    const data = await ask(
      `{ entity(key: "place:my-johor") { links { type sources { source { key kind } snippet locator } } } }`,
    );
    expect(data.entity.links.find((l: any) => l.type === 'PART_OF').sources).toEqual([
      { source: { key: ARTICLE_SOURCE, kind: 'article' }, snippet: 'Johor, Malaysia', locator: null },
      { source: { key: reference.key, kind: 'reference' }, snippet: 'country: Malaysia (Q833)', locator: 'P17' },
    ]);
  });
});

describe('inference rules are data (issue 16, item 5)', () => {
  it('lists the stated rules with their jurisdiction, context and the article’s words they rest on', async () => {
    const data = await ask(`{ inferenceRules { key regulation { key } jurisdiction { key } context { key }
      author { key } sources { source { key } snippet start end } } }`);
    const at = (words: string) => ({
      source: { key: ARTICLE_SOURCE },
      snippet: words,
      start: ARTICLE.indexOf(words),
      end: ARTICLE.indexOf(words) + words.length,
    });
    const common = {
      regulation: { key: 'regulation:us-ai-chip-export-controls' },
      jurisdiction: { key: 'place:us' },
      context: [{ key: 'place:cn' }],
      author: { key: CURATOR },
    };
    expect(data.inferenceRules).toEqual([
      { key: 'rule:chip-family-members', ...common, sources: [at('upcoming Blackwell series')] },
      {
        key: 'rule:holders-of-restricted-chips',
        ...common,
        sources: [
          at(
            'Despite U.S. export controls limiting access to advanced AI processors like Nvidia’s H100 and upcoming ' +
              'Blackwell series, Chinese tech firms are procuring modified versions',
          ),
        ],
      },
    ]);
  });
});
