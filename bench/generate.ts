import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * npm run generate -- --size S|M|L [--seed 42] [--out FILE]
 * A deterministic, seeded knowledge graph in the import format (docs/import-format.md) with the
 * real model's shape and skewed degrees (Zipf: a few hub companies and people, many leaves).
 * S ≈ 10k, M ≈ 100k, L ≈ 1M entities + assertions; sources and links come on top. Every key has a
 * `gen-` slug so it never collides with the seed. Same size + seed → byte-identical file.
 * Standalone on purpose (no src/ imports): the benchmarks use its files as fixtures.
 */

/** XS is for tests (about 1k lines). */
export const SIZES = { XS: 1_000, S: 10_000, M: 100_000, L: 1_000_000 } as const;
export type Size = keyof typeof SIZES;

/** mulberry32: small, fast, good enough for fixtures, and identical on every platform. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

/** Index sampler with P(i) ∝ 1 / (i + 1)^s: index 0 is the biggest hub. */
function zipf(n: number, s = 1.1) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cdf[i] = sum;
  }
  return (r: Rng) => {
    const x = r.next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

const COUNTRIES = [
  ['cn', 'China'],
  ['us', 'United States'],
  ['my', 'Malaysia'],
  ['sg', 'Singapore'],
  ['jp', 'Japan'],
  ['kr', 'South Korea'],
  ['tw', 'Taiwan'],
  ['in', 'India'],
  ['de', 'Germany'],
  ['fr', 'France'],
  ['gb', 'United Kingdom'],
  ['nl', 'Netherlands'],
  ['ie', 'Ireland'],
  ['se', 'Sweden'],
  ['fi', 'Finland'],
  ['ae', 'United Arab Emirates'],
  ['sa', 'Saudi Arabia'],
  ['br', 'Brazil'],
  ['ca', 'Canada'],
  ['au', 'Australia'],
  ['id', 'Indonesia'],
  ['th', 'Thailand'],
  ['vn', 'Vietnam'],
  ['mx', 'Mexico'],
  ['es', 'Spain'],
] as const;
const CURRENCY_BY_COUNTRY: Record<string, 'CNY' | 'USD'> = { cn: 'CNY' };
const SYLLABLES = [
  'zen',
  'tri',
  'lux',
  'nova',
  'quan',
  'ver',
  'sol',
  'kai',
  'dra',
  'mon',
  'tek',
  'ora',
  'vio',
  'pax',
  'rhe',
  'lum',
];
const SUFFIXES = [
  'Cloud',
  'Systems',
  'Technologies',
  'Compute',
  'Networks',
  'Semiconductor',
  'Holdings',
  'AI',
  'Data',
  'Labs',
];
const FIRST = [
  'Wei',
  'Li',
  'Anna',
  'James',
  'Priya',
  'Kenji',
  'Sofia',
  'Omar',
  'Lena',
  'Marco',
  'Hana',
  'David',
  'Mei',
  'Ravi',
  'Elena',
  'Tom',
];
const LAST = [
  'Chen',
  'Wang',
  'Smith',
  'Patel',
  'Tanaka',
  'Garcia',
  'Kim',
  'Müller',
  'Rossi',
  'Nguyen',
  'Okafor',
  'Silva',
  'Zhang',
  'Berg',
];
const ROLES = ['CEO', 'CFO', 'CTO', 'chief strategy officer', 'head of infrastructure', 'analyst', 'board member'];
const PERIODS = [
  ['H1', 'the first half of'],
  ['Q1', 'the first quarter of'],
  ['Q2', 'the second quarter of'],
  ['Q3', 'the third quarter of'],
  ['Q4', 'the fourth quarter of'],
] as const;
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const METRICS = ['capex', 'revenue'] as const;
const REGULATIONS = [
  ['regulation:gen-us-ear-2022', 'U.S. export rules (Oct 2022)'],
  ['regulation:gen-us-ear-2023', 'U.S. export rules (Oct 2023)'],
  ['regulation:gen-us-ai-diffusion', 'U.S. AI diffusion rule'],
  ['regulation:gen-nl-export-2023', 'Dutch export rules (2023)'],
  ['regulation:gen-jp-export-2023', 'Japanese export rules (2023)'],
] as const;

function companyName(r: Rng, i: number) {
  const stem = r.pick(SYLLABLES) + r.pick(SYLLABLES);
  return `${stem[0]!.toUpperCase()}${stem.slice(1)} ${r.pick(SUFFIXES)} ${i}`;
}

/** Amount in major units as an exact decimal string, with cents now and then. */
function amount(r: Rng, scale: number): string {
  const millions = Math.max(1, Math.round(scale * (0.2 + r.next() * 3)));
  const cents = r.next() < 0.1 ? `.${pad(r.int(1, 99), 2)}` : '';
  return `${millions}000000${cents}`;
}

function words(value: string, currency: string) {
  const bn = Number(value) / 1e9;
  const unit = currency === 'CNY' ? 'yuan' : 'dollars';
  return bn >= 1 ? `${bn.toFixed(1)} billion ${unit}` : `${(bn * 1000).toFixed(0)} million ${unit}`;
}

export interface Plan {
  countries: number;
  regions: number;
  companies: number;
  people: number;
  chips: number;
  dataCenters: number;
  publishers: number;
  sources: number;
  assertions: number;
}

/** How many of each; entities are about 15 % of the total, assertions the rest. */
export function plan(size: Size): Plan {
  const n = SIZES[size];
  const companies = Math.round(n * 0.04);
  const people = Math.round(n * 0.04);
  const chips = Math.max(10, Math.round(n * 0.01));
  const dataCenters = Math.round(n * 0.02);
  const regions = Math.max(50, Math.round(n * 0.02));
  const publishers = Math.max(5, Math.round(n * 0.002));
  const entities =
    COUNTRIES.length + regions + companies + people + chips + dataCenters + publishers + REGULATIONS.length;
  return {
    countries: COUNTRIES.length,
    regions,
    companies,
    people,
    chips,
    dataCenters,
    publishers,
    sources: Math.max(20, Math.round(n * 0.03)),
    assertions: n - entities,
  };
}

export async function generate(size: Size, seed: number, write: (line: string) => Promise<void> | void) {
  const r = rng(seed);
  const p = plan(size);
  const emit = (record: object) => write(`${JSON.stringify(record)}\n`);
  const entity = (kind: string, key: string, name: string, extra: object = {}) =>
    emit({ v: 1, type: 'entity', kind, key, name, aliases: [], props: {}, ...extra });

  const country = (i: number) => `place:gen-${COUNTRIES[i]![0]}`;
  const region = (i: number) => `place:gen-region-${pad(i)}`;
  const company = (i: number) => `company:gen-${pad(i)}`;
  const person = (i: number) => `person:gen-${pad(i)}`;
  const chip = (i: number) => `chip:gen-${pad(i)}`;
  const dataCenter = (i: number) => `datacenter:gen-${pad(i)}`;
  const publisher = (i: number) => `organization:gen-publisher-${pad(i)}`;
  const source = (i: number) => `source:gen-${pad(i, 7)}`;

  const countryOfCompany: number[] = [];
  const countryOfRegion: number[] = [];
  const zCountry = zipf(p.countries, 1.3);
  const zCompany = zipf(p.companies);
  const zPerson = zipf(p.people);
  const zRegion = zipf(p.regions, 0.8);
  const zSource = zipf(p.sources, 0.9);
  const zChipVendor = zipf(Math.min(20, p.companies), 1.5);

  // Entities.
  for (let i = 0; i < p.countries; i++) {
    const [iso2, name] = COUNTRIES[i]!;
    await entity('Place', country(i), name, { props: { placeType: 'country', iso2: iso2.toUpperCase() } });
  }
  for (let i = 0; i < p.regions; i++) {
    countryOfRegion.push(zCountry(r));
    await entity('Place', region(i), `Region ${i}`, { props: { placeType: 'region' } });
  }
  for (let i = 0; i < p.companies; i++) {
    countryOfCompany.push(zCountry(r));
    const name = companyName(r, i);
    await entity('Company', company(i), name, { aliases: [`${name} Ltd.`], description: `Generated company ${i}.` });
  }
  for (let i = 0; i < p.people; i++) {
    await entity('Person', person(i), `${r.pick(FIRST)} ${r.pick(LAST)} ${i}`);
  }
  const vendorOfChip: number[] = [];
  for (let i = 0; i < p.chips; i++) {
    vendorOfChip.push(zChipVendor(r));
    await entity('Chip', chip(i), `GX-${100 + i} accelerator`, { props: { family: r.next() < 0.2 } });
  }
  const regionOfDataCenter: number[] = [];
  for (let i = 0; i < p.dataCenters; i++) {
    regionOfDataCenter.push(zRegion(r));
    await entity('DataCenter', dataCenter(i), `Campus ${i}`, {
      props: { status: r.pick(['planned', 'under_construction', 'operational']), powerMw: r.int(5, 2000) },
    });
  }
  for (let i = 0; i < p.publishers; i++) {
    await entity('Organization', publisher(i), `Generated Wire ${i}`, { props: { orgType: 'publisher' } });
  }
  for (const [key, name] of REGULATIONS) await entity('Regulation', key, name);

  // Sources.
  for (let i = 0; i < p.sources; i++) {
    const year = r.pick(YEARS);
    await emit({
      v: 1,
      type: 'source',
      key: source(i),
      title: `Generated report ${i}`,
      kind: 'article',
      publisher: publisher(i % p.publishers),
      url: `https://example.org/gen/${i}`,
      publishedDate: `${year}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`,
    });
  }

  // Timeless links, each citing a generated source (chosen without drawing from `r`, so the rest stays as it was).
  const linkSource = (i: number, snippet: string) => [{ source: source(i % p.sources), snippet, locator: 'links' }];
  for (let i = 0; i < p.regions; i++)
    await emit({
      v: 1,
      type: 'link',
      rel: 'PART_OF',
      from: region(i),
      to: country(countryOfRegion[i]!),
      sources: linkSource(i, `Region ${i} is part of ${country(countryOfRegion[i]!)}`),
    });
  for (let i = 0; i < p.chips; i++)
    await emit({
      v: 1,
      type: 'link',
      rel: 'MADE_BY',
      from: chip(i),
      to: company(vendorOfChip[i]!),
      sources: linkSource(i, `GX-${100 + i} by ${company(vendorOfChip[i]!)}`),
    });
  for (let i = 0; i < p.dataCenters; i++)
    await emit({
      v: 1,
      type: 'link',
      rel: 'LOCATED_IN',
      from: dataCenter(i),
      to: region(regionOfDataCenter[i]!),
      sources: linkSource(i, `Campus ${i} in Region ${regionOfDataCenter[i]!}`),
    });

  // Assertions: one Domicile per company, Position per person, ExportControlStatus per chip,
  // Development per data center; the rest are figures, quotes, claims and group figures.
  let n = 0;
  const fact = (kind: string) => `fact:gen-${kind}-${pad(n++, 7)}`;
  const ref = (snippet: string) => ({ source: source(zSource(r)), snippet, locator: `p${r.int(1, 40)}` });
  const assertion = (kind: string, key: string, fields: object) =>
    emit({ v: 1, type: 'assertion', kind, key, mode: 'reported', ...fields });
  const fixed = p.companies + p.people + p.chips + p.dataCenters;
  const rest = Math.max(0, p.assertions - fixed);

  for (let i = 0; i < p.companies; i++) {
    const c = countryOfCompany[i]!;
    await assertion('Domicile', fact('domicile'), {
      summary: `Company ${i} is based in ${COUNTRIES[c]![1]}`,
      roles: { SUBJECT: [company(i)], OBJECT: [country(c)] },
      sources: [ref(`headquartered in ${COUNTRIES[c]![1]}`)],
    });
  }
  for (let i = 0; i < p.people; i++) {
    const role = r.pick(ROLES);
    await assertion('Position', fact('position'), {
      summary: `Person ${i} is ${role} of company`,
      roles: { SUBJECT: [person(i)], OBJECT: [company(zCompany(r))] },
      role,
      sources: [ref(`its ${role}`)],
    });
  }
  for (let i = 0; i < p.chips; i++) {
    const status = r.pick(['restricted', 'designed_to_comply', 'unrestricted']);
    await assertion('ExportControlStatus', fact('export-control'), {
      summary: `Chip ${i} is ${status}`,
      roles: { SUBJECT: [r.pick(REGULATIONS)[0]], OBJECT: [chip(i)], CONCERNS: [country(0)] },
      status,
      sources: [ref(`the GX-${100 + i} is ${status.replaceAll('_', ' ')}`)],
    });
  }
  for (let i = 0; i < p.dataCenters; i++) {
    await assertion('Development', fact('development'), {
      summary: `Company develops campus ${i}`,
      roles: { SUBJECT: [company(zCompany(r))], OBJECT: [dataCenter(i)], CONCERNS: [region(regionOfDataCenter[i]!)] },
      sources: [ref(`is building a data center campus (${i})`)],
    });
  }
  for (let k = 0; k < rest; k++) {
    const roll = r.next();
    if (roll < 0.65) {
      const c = zCompany(r);
      const currency = CURRENCY_BY_COUNTRY[COUNTRIES[countryOfCompany[c]!]![0]] ?? 'USD';
      const [periodType, periodWords] = r.pick(PERIODS);
      const year = r.pick(YEARS);
      const metric = r.pick(METRICS);
      const value = amount(r, (metric === 'revenue' ? 20_000 : 3_000) / Math.sqrt(c + 1));
      const asReported = words(value, currency);
      const change =
        r.next() < 0.5 ? { percent: String(r.int(-40, 250)), asReported: 'a change', basis: 'yoy' } : undefined;
      await assertion('FinancialFigure', fact('figure'), {
        summary: `Company ${c} ${metric} ${periodType} ${year}: ${asReported}`,
        roles: { SUBJECT: [company(c)] },
        metric,
        money: { amount: value, currency, asReported },
        ...(change ? { change } : {}),
        period: { label: `${periodWords} ${year}`, type: periodType, year },
        sources: [ref(`${metric} of ${asReported} in ${periodWords} ${year}`)],
      });
    } else if (roll < 0.78) {
      const text = `We will keep investing in compute (${k}).`;
      await assertion('Quote', fact('quote'), {
        summary: `Person quote ${k}`,
        roles: { SPEAKER: [person(zPerson(r))], CONCERNS: [company(zCompany(r))] },
        text,
        sources: [ref(text)],
      });
    } else if (roll < 0.97) {
      await assertion('Claim', fact('claim'), {
        summary: `Claim ${k} about demand for accelerators`,
        mode: r.next() < 0.3 ? 'opinion' : 'reported',
        roles: {
          SPEAKER: r.next() < 0.5 ? [person(zPerson(r))] : [],
          CONCERNS: [company(zCompany(r)), chip(r.int(0, p.chips - 1))],
        },
        text: `Demand for accelerators keeps rising (${k}).`,
        attribution: 'analysts',
        sources: [ref(`demand keeps rising (${k})`)],
      });
    } else {
      const members = [...new Set(Array.from({ length: r.int(3, 5) }, () => company(zCompany(r))))];
      const year = r.pick(YEARS);
      const value = amount(r, 10_000);
      await assertion('GroupFigure', fact('group-figure'), {
        summary: `Group capex H1 ${year}`,
        roles: { MEMBER: members },
        metric: 'capex',
        money: { amount: value, currency: 'USD', asReported: words(value, 'USD'), qualifier: 'approx' },
        period: { label: `the first half of ${year}`, type: 'H1', year },
        sources: [ref(`collectively invested ${words(value, 'USD')}`)],
      });
    }
  }
  return p;
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'S' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
    },
  });
  const size = values.size as Size;
  const seed = Number(values.seed);
  if (!(size in SIZES) || !Number.isInteger(seed)) {
    console.error('usage: npm run generate -- --size XS|S|M|L [--seed 42] [--out FILE]');
    process.exit(2);
  }
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  let lines = 0;
  const p = await generate(size, seed, async (line) => {
    lines += 1;
    if (!out.write(line)) await once(out, 'drain');
  });
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  console.error(`generated ${lines} lines (size ${size}, seed ${seed}): ${JSON.stringify(p)}`);
}

if (import.meta.main) await main();
