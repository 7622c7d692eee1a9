import { describe, expect, it } from 'vitest';
import { ImportLine } from '../../src/domain/format.ts';

/**
 * The import format's rules (src/domain/format.ts), line by line as `npm run import` and the API read them: what is
 * refused, at which path, with which message, and what defaults a valid line gets. Hashes were computed outside
 * the code under test (`printf '%s' hello | sha256sum`).
 */
type Line = Record<string, unknown>;

/** zod issues as [path, message] pairs. */
function problems(line: Line): [string, string][] {
  const result = ImportLine.safeParse(line);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}
const paths = (line: Line) => problems(line).map(([path]) => path);

const figure = (over: Line = {}): Line => ({
  v: 1,
  type: 'assertion',
  kind: 'FinancialFigure',
  key: 'fact:test-capex',
  summary: 'Alibaba capex H1 2024',
  mode: 'reported',
  roles: { SUBJECT: ['company:alibaba'] },
  metric: 'capex',
  money: { amount: '23000000000', currency: 'CNY', asReported: '23 billion yuan' },
  sources: [{ source: 'source:test', snippet: '23 billion yuan' }],
  ...over,
});
const money = (over: Line): Line => ({ amount: '5', currency: 'USD', asReported: '$5', ...over });
const entity = (over: Line = {}): Line => ({
  v: 1,
  type: 'entity',
  kind: 'Company',
  key: 'company:test',
  name: 'Test Co',
  ...over,
});
const source = (over: Line = {}): Line => ({ v: 1, type: 'source', key: 'source:test', title: 'A source', ...over });

describe('a valid assertion line', () => {
  it('gets its defaults: rank normal, empty roles, exact money', () => {
    const parsed = ImportLine.parse(figure());
    expect(parsed).toEqual({
      ...figure(),
      rank: 'normal',
      roles: { SUBJECT: ['company:alibaba'], OBJECT: [], MEMBER: [], SPEAKER: [], CONCERNS: [] },
      money: { amount: '23000000000', currency: 'CNY', asReported: '23 billion yuan', qualifier: 'exact' },
    });
  });
});

describe('keys', () => {
  it('are "kind:slug" in lower case, at most 200 characters', () => {
    const message = 'a key is "kind:slug" in lower case, e.g. company:alibaba';
    for (const key of [
      'Company:x',
      'company:',
      ':x',
      'company x',
      'company:-x',
      '1company:x',
      'company:X',
      'company',
      'company:x:y',
    ])
      expect(problems(entity({ key }))).toEqual([['key', message]]);
    for (const key of ['company:alibaba', 'fact:a.b_c-1', 'c0-x:9']) expect(problems(entity({ key }))).toEqual([]);
    expect(problems(entity({ key: `company:${'a'.repeat(192)}` }))).toEqual([]);
    expect(paths(entity({ key: `company:${'a'.repeat(193)}` }))).toEqual(['key']);
  });
});

describe('decimals and money', () => {
  it('amounts are decimal strings without exponent, sign or leading zeros, at most 40 characters', () => {
    const message = 'a decimal string such as "23000000000" or "6.5"';
    for (const amount of ['01', '1.', '.5', '1e5', '+1', '1,000', '--1', '0x10', ' 1'])
      expect(problems(figure({ money: money({ amount }) }))).toContainEqual(['money.amount', message]);
    for (const amount of ['0', '12.5', '0.05', '23000000000', '1.000'])
      expect(problems(figure({ money: money({ amount }) }))).toEqual([]);
    expect(problems(figure({ money: money({ amount: '9'.repeat(40) }) }))).toEqual([]);
    expect(paths(figure({ money: money({ amount: '9'.repeat(41) }) }))).toEqual(['money.amount']);
  });

  it('currencies are ISO 4217 codes', () => {
    expect(problems(figure({ money: money({ currency: 'usd' }) }))).toEqual([
      ['money.currency', '"usd" is not an ISO 4217 currency code (three upper-case letters, e.g. CNY, USD, EUR)'],
    ]);
  });

  it('a range needs both bounds, in order, around its amount — compared exactly beyond 2^53', () => {
    const needs = 'a range needs lower and upper';
    expect(problems(figure({ money: money({ qualifier: 'range' }) }))).toEqual([['money.lower', needs]]);
    expect(problems(figure({ money: money({ qualifier: 'range', upper: '9' }) }))).toEqual([['money.lower', needs]]);
    expect(problems(figure({ money: money({ qualifier: 'range', lower: '1' }) }))).toEqual([['money.upper', needs]]);
    expect(problems(figure({ money: money({ qualifier: 'range', lower: '5', upper: '5' }) }))).toEqual([]);
    expect(problems(figure({ money: money({ qualifier: 'range', lower: '1', upper: '9' }) }))).toEqual([]);
    expect(problems(figure({ money: money({ lower: '9', upper: '1', amount: '9' }) }))).toEqual([
      ['money.lower', 'lower 9 is above upper 1'],
      ['money.amount', 'amount 9 is above its own upper bound 1'],
    ]);
    expect(
      problems(
        figure({ money: money({ amount: '9007199254740993', lower: '9007199254740993', upper: '9007199254740992' }) }),
      ),
    ).toEqual([
      ['money.lower', 'lower 9007199254740993 is above upper 9007199254740992'],
      ['money.amount', 'amount 9007199254740993 is above its own upper bound 9007199254740992'],
    ]);
    expect(problems(figure({ money: money({ amount: '9007199254740992', lower: '9007199254740993' }) }))).toEqual([
      ['money.amount', 'amount 9007199254740992 is below its own lower bound 9007199254740993'],
    ]);
    expect(problems(figure({ money: money({ amount: '5', lower: '5', upper: '5' }) }))).toEqual([]);
    // A bound that is not a decimal is reported once, as a decimal problem, and compared with nothing.
    expect(problems(figure({ money: money({ amount: 'x', lower: 'y', upper: '1' }) }))).toEqual([
      ['money.amount', 'a decimal string such as "23000000000" or "6.5"'],
      ['money.lower', 'a decimal string such as "23000000000" or "6.5"'],
    ]);
  });

  it('refuses fields it does not know', () => {
    expect(paths(figure({ money: money({ fx: '7.2' }) }))).toEqual(['money']);
    expect(paths(figure({ extra: 1 }))).toEqual(['']);
  });
});

describe('signs', () => {
  it('a magnitude metric refuses negative amounts and bounds; a signed metric takes them', () => {
    expect(problems(figure({ money: money({ amount: '-1' }) }))).toEqual([
      ['money.amount', 'capex (metric) cannot be negative (-1)'],
    ]);
    expect(problems(figure({ money: money({ amount: '0', lower: '-2', upper: '-0.5' }) }))).toEqual([
      ['money.amount', 'amount 0 is above its own upper bound -0.5'],
      ['money.lower', 'capex (metric) cannot be negative (-2)'],
      ['money.upper', 'capex (metric) cannot be negative (-0.5)'],
    ]);
    expect(problems(figure({ money: money({ amount: '0' }) }))).toEqual([]);
    expect(problems(figure({ metric: 'net_income', money: money({ amount: '-1', lower: '-2' }) }))).toEqual([]);
    expect(problems(figure({ metric: undefined, money: money({ amount: '-5' }) }))).toEqual([
      ['money.amount', 'an amount without a signed metric cannot be negative (-5)'],
    ]);
  });

  it('the source’s own conversion follows the metric; unit prices and quantities are never negative', () => {
    const group = figure({ kind: 'GroupFigure', reportedConversion: money({ amount: '-3' }) });
    expect(problems(group)).toEqual([['reportedConversion.amount', 'capex (metric) cannot be negative (-3)']]);
    expect(problems({ ...group, metric: 'ebitda' })).toEqual([]);
    const procurement = figure({
      kind: 'Procurement',
      metric: undefined,
      money: undefined,
      quantity: { value: '-1', unit: 'GPU', asReported: 'minus one' },
      unitPrice: money({ amount: '-2' }),
    });
    expect(problems(procurement)).toEqual([
      ['unitPrice.amount', 'a unit price cannot be negative (-2)'],
      ['quantity.value', 'a quantity cannot be negative (-1)'],
    ]);
    expect(
      problems({
        ...procurement,
        quantity: { value: '0', unit: 'GPU', asReported: 'none' },
        unitPrice: money({ amount: '0' }),
      }),
    ).toEqual([]);
  });

  it('a change in percent may be negative', () => {
    expect(
      problems(figure({ change: { percent: '-12.5', asReported: 'down 12.5%' }, money: money({ amount: '1' }) })),
    ).toEqual([]);
  });
});

describe('what each kind carries', () => {
  it('a value field the kind does not carry is refused, naming what it carries', () => {
    expect(problems(figure({ kind: 'Claim' }))).toEqual([
      ['money', 'a Claim does not carry money (it carries metric, text)'],
    ]);
    expect(problems(figure({ kind: 'Ownership', metric: undefined, money: undefined, status: 'majority' }))).toEqual([
      ['status', 'a Ownership does not carry status (it carries no value fields)'],
    ]);
    expect(problems(figure({ kind: 'Domicile', metric: undefined, money: undefined, text: 'x' }))).toEqual([
      ['text', 'a Domicile does not carry text (it carries no value fields)'],
    ]);
    expect(problems(figure({ kind: 'Ownership', metric: undefined, money: undefined }))).toEqual([]);
  });

  it('metrics are snake_case, at most 60 characters', () => {
    for (const metric of ['Capex', '1capex', 'cap-ex', 'cap ex', '_capex'])
      expect(paths(figure({ metric, money: money({}) }))).toEqual(['metric']);
    expect(paths(figure({ metric: `m${'a'.repeat(59)}`, money: money({}) }))).toEqual([]);
    expect(paths(figure({ metric: `m${'a'.repeat(60)}`, money: money({}) }))).toEqual(['metric']);
  });
});

describe('sources of an assertion', () => {
  it('at least one, at most 20', () => {
    expect(problems(figure({ sources: [] }))).toEqual([['sources', 'an assertion needs at least one source']]);
    const ref = { source: 'source:test', snippet: 's' };
    expect(problems(figure({ sources: Array(20).fill(ref) }))).toEqual([]);
    expect(paths(figure({ sources: Array(21).fill(ref) }))).toEqual(['sources']);
  });

  it('offsets come together and span the snippet exactly', () => {
    const ref = (over: Line) => figure({ sources: [{ source: 'source:test', snippet: 'abc', ...over }] });
    expect(problems(ref({ start: 0, end: 3 }))).toEqual([]);
    expect(problems(ref({ start: 10, end: 13 }))).toEqual([]);
    expect(problems(ref({ start: 0 }))).toEqual([['sources.0', 'start and end go together']]);
    expect(problems(ref({ end: 3 }))).toEqual([['sources.0', 'start and end go together']]);
    expect(problems(ref({ start: 0, end: 4 }))).toEqual([['sources.0', 'end - start must equal the snippet length']]);
    expect(problems(ref({ start: 1, end: 3 }))).toEqual([['sources.0', 'end - start must equal the snippet length']]);
    expect(paths(ref({ start: -1, end: 2 }))).toEqual(['sources.0.start']);
    expect(paths(ref({ snippet: '' }))).toEqual(['sources.0.snippet']);
  });
});

describe('source lines', () => {
  const HELLO = 'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';

  it('a text and its contentHash must agree', () => {
    expect(problems(source({ text: 'hello', contentHash: HELLO }))).toEqual([]);
    expect(problems(source({ text: 'hello' }))).toEqual([]);
    expect(problems(source({ contentHash: HELLO }))).toEqual([]);
    expect(problems(source({ text: 'hello!', contentHash: HELLO }))).toEqual([
      [
        'text',
        `the text's sha256 is sha256:ce06092fb948d9ffac7d1a376e404b26b7575bcc11ee05a4615fef4fec3a308b, not the contentHash ${HELLO}`,
      ],
    ]);
    expect(paths(source({ contentHash: 'sha256:ABC' }))).toEqual(['contentHash']);
  });

  it('links are http(s), dates real, kind defaults to article', () => {
    expect(ImportLine.parse(source({ url: 'https://example.com/a', publishedDate: '2024-02-29' }))).toEqual({
      ...source({ url: 'https://example.com/a', publishedDate: '2024-02-29' }),
      kind: 'article',
    });
    expect(paths(source({ url: 'javascript:alert(1)' }))).toEqual(['url']);
    expect(paths(source({ url: 'ftp://example.com/a' }))).toEqual(['url']);
    expect(problems(source({ publishedDate: '2023-02-29' }))).toEqual([
      ['publishedDate', '"2023-02-29": 2023-02 has no day 29'],
    ]);
  });
});

describe('entity lines and the character rule', () => {
  it('defaults: no aliases, no props', () => {
    expect(ImportLine.parse(entity())).toEqual({ ...entity(), aliases: [], props: {} });
  });

  it('names refuse control and bidi characters, saying which and where', () => {
    expect(problems(entity({ name: 'Evil\u202Eoc' }))).toEqual([
      [
        'name',
        'holds U+202E (a bidirectional override or isolate) at position 4; names, keys, aliases, titles and labels ' +
          'may not hold control characters or bidi overrides/isolates',
      ],
    ]);
    expect(problems(entity({ name: 'Tab\there' }))).toEqual([
      [
        'name',
        'holds U+0009 (a control character) at position 3; names, keys, aliases, titles and labels may not hold ' +
          'control characters or bidi overrides/isolates',
      ],
    ]);
    expect(paths(entity({ name: '' }))).toEqual(['name']);
    expect(paths(entity({ aliases: ['ok', 'bad\u0007'] }))).toEqual(['aliases.1']);
  });

  it('prose allows tab and line breaks only', () => {
    expect(problems(entity({ description: 'line one\nline two\tand\r\n' }))).toEqual([]);
    expect(problems(entity({ description: 'a\u0000b' }))).toEqual([
      [
        'description',
        'holds U+0000 (a control character) at position 1; text may not hold control characters other than tab and ' +
          'line breaks or bidi overrides/isolates',
      ],
    ]);
  });

  it('Wikidata ids are Q and a number without leading zero; at most 50 aliases', () => {
    expect(problems(entity({ wikidata: 'Q42' }))).toEqual([]);
    expect(paths(entity({ wikidata: 'Q042' }))).toEqual(['wikidata']);
    expect(paths(entity({ wikidata: 'Q' }))).toEqual(['wikidata']);
    expect(paths(entity({ wikidata: 'q42' }))).toEqual(['wikidata']);
    expect(problems(entity({ aliases: Array(50).fill('a') }))).toEqual([]);
    expect(paths(entity({ aliases: Array(51).fill('a') }))).toEqual(['aliases']);
  });

  it('only format version 1 and known link types', () => {
    expect(paths(entity({ v: 2 }))).toEqual(['v']);
    const sources = [{ source: 'source:a', snippet: 'Nvidia’s H20' }];
    expect(problems({ v: 1, type: 'link', rel: 'MADE_BY', from: 'chip:h20', to: 'company:nvidia', sources })).toEqual(
      [],
    );
    expect(paths({ v: 1, type: 'link', rel: 'OWNS', from: 'chip:h20', to: 'company:nvidia', sources })).toEqual([
      'rel',
    ]);
  });
});

describe('the value fields of every kind, as docs/import-format.md tabulates them', () => {
  const VALUES: Record<string, unknown> = {
    metric: 'capex',
    money: money({}),
    reportedConversion: money({}),
    change: { percent: '5', asReported: '5 %' },
    quantity: { value: '1', unit: 'GPU', asReported: 'one GPU' },
    unitPrice: money({}),
    text: 'words',
    role: 'CEO',
    status: 'restricted',
  };
  const EPOCH = ['metric', 'money', 'change', 'quantity', 'status', 'text'];
  const DOCUMENTED: Record<string, string[]> = {
    FinancialFigure: ['metric', 'money', 'change'],
    GroupFigure: ['metric', 'money', 'reportedConversion', 'change'],
    Forecast: ['metric', 'quantity', 'unitPrice'],
    Procurement: ['quantity', 'unitPrice'],
    Position: ['role'],
    ExportControlStatus: ['status'],
    Development: ['status'],
    Quote: ['metric', 'text'],
    Claim: ['metric', 'text'],
    Ownership: [],
    Domicile: [],
    ChipDeployment: EPOCH,
    BuildOutSnapshot: EPOCH,
    Usage: EPOCH,
    ChipOwnership: EPOCH,
  };

  it('each kind takes exactly its fields, one at a time', () => {
    const carried: Record<string, string[]> = {};
    for (const kind of Object.keys(DOCUMENTED)) {
      carried[kind] = Object.keys(VALUES).filter((field) => {
        const line = figure({ kind, metric: undefined, money: undefined, [field]: VALUES[field] });
        return problems(line).length === 0;
      });
    }
    const inDocumentedOrder = Object.fromEntries(
      Object.entries(DOCUMENTED).map(([kind, fields]) => [kind, Object.keys(VALUES).filter((f) => fields.includes(f))]),
    );
    expect(carried).toEqual(inDocumentedOrder);
  });
});

describe('defaults and enumerations of the nested values', () => {
  it('roles default to empty lists each; one key in any role is enough', () => {
    expect(ImportLine.parse(figure({ roles: {} }))).toMatchObject({
      roles: { SUBJECT: [], OBJECT: [], MEMBER: [], SPEAKER: [], CONCERNS: [] },
    });
    for (const role of ['SUBJECT', 'OBJECT', 'MEMBER', 'SPEAKER', 'CONCERNS'])
      expect(problems(figure({ roles: { [role]: ['company:a'] } }))).toEqual([]);
    expect(paths(figure({ roles: { OWNER: ['company:a'] } }))).toEqual(['roles']);
  });

  it('at most 50 keys in a role, 500 members', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `company:c${i}`);
    expect(problems(figure({ roles: { SUBJECT: keys(50), OBJECT: keys(50), MEMBER: keys(500) } }))).toEqual([]);
    expect(paths(figure({ roles: { SUBJECT: keys(51) } }))).toEqual(['roles.SUBJECT']);
    expect(paths(figure({ roles: { SPEAKER: keys(51) } }))).toEqual(['roles.SPEAKER']);
    expect(paths(figure({ roles: { CONCERNS: keys(51) } }))).toEqual(['roles.CONCERNS']);
    expect(paths(figure({ roles: { MEMBER: keys(501) } }))).toEqual(['roles.MEMBER']);
  });

  it('a change is exact and year on year unless said otherwise; three bases', () => {
    const parsed = ImportLine.parse(figure({ change: { percent: '123', asReported: 'a 123% increase' } }));
    expect(parsed).toMatchObject({
      change: { percent: '123', asReported: 'a 123% increase', qualifier: 'exact', basis: 'yoy' },
    });
    for (const basis of ['yoy', 'qoq', 'vs_prior_period'])
      expect(problems(figure({ change: { percent: '1', asReported: '1%', basis } }))).toEqual([]);
    expect(paths(figure({ change: { percent: '1', asReported: '1%', basis: 'mom' } }))).toEqual(['change.basis']);
  });

  it('a quantity is exact unless said otherwise', () => {
    const line = figure({
      kind: 'Procurement',
      metric: undefined,
      money: undefined,
      quantity: { value: '10000', unit: 'GPU', asReported: '10,000 GPUs' },
    });
    expect(ImportLine.parse(line)).toMatchObject({ quantity: { qualifier: 'exact' } });
  });

  it('source kinds: article (the default), dataset, dataset_row, manual, reference', () => {
    for (const kind of ['article', 'dataset', 'dataset_row', 'manual', 'reference'])
      expect(ImportLine.parse(source({ kind }))).toMatchObject({ kind });
    expect(paths(source({ kind: 'blog' }))).toEqual(['kind']);
  });

  it('entity props hold text, numbers, booleans and nulls', () => {
    const props = { iso2: 'MY', powerMw: 300, active: true, closed: null };
    expect(ImportLine.parse(entity({ props }))).toMatchObject({ props });
    expect(paths(entity({ props: { nested: { a: 1 } } }))).toEqual(['props.nested']);
  });
});

describe('anchored patterns', () => {
  it('Wikidata ids match whole: Q and digits, nothing before or after', () => {
    expect(problems(entity({ wikidata: 'Q123' }))).toEqual([]);
    for (const wikidata of ['xQ42', 'Q42x', 'Q4 2']) expect(paths(entity({ wikidata }))).toEqual(['wikidata']);
  });

  it('only the http and https schemes, whole', () => {
    expect(problems(source({ url: 'http://example.com/a' }))).toEqual([]);
    for (const url of ['shttp://example.com/a', 'httpsx://example.com/a'])
      expect(paths(source({ url }))).toEqual(['url']);
  });

  it('a content hash is exactly sha256: and 64 lower-case hex digits', () => {
    const hex = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
    for (const contentHash of [`xsha256:${hex}`, `sha256:${hex}0`, `sha256:${hex.toUpperCase()}`])
      expect(paths(source({ contentHash }))).toEqual(['contentHash']);
  });
});
