/**
 * A small deterministic dataset in the import format, for developing the harness when
 * bench/generate.ts (the real generator) is not available. Same shape: companies with a Domicile,
 * skewed numbers of financial figures, sources with snippets, people, chips.
 */
export function devDataset(companies: number, seed = 42): string {
  let state = seed >>> 0;
  const rand = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const lines: object[] = [];
  const v = 1;
  const countries = [
    ['cn', 'China', 'CNY'],
    ['us', 'United States', 'USD'],
    ['jp', 'Japan', 'JPY'],
    ['my', 'Malaysia', 'MYR'],
    ['de', 'Germany', 'EUR'],
  ] as const;
  for (const [iso, name] of countries)
    lines.push({
      v,
      type: 'entity',
      kind: 'Place',
      key: `place:gen-${iso}`,
      name,
      props: { placeType: 'country', iso2: iso.toUpperCase() },
    });
  lines.push({
    v,
    type: 'entity',
    kind: 'Organization',
    key: 'organization:gen-wire',
    name: 'Gen Wire',
    props: { orgType: 'publisher' },
  });
  const words = ['Apex', 'Nova', 'Quantum', 'Silicon', 'Delta', 'Orion', 'Vertex', 'Zenith', 'Lumen', 'Helix'];
  for (let c = 0; c < companies; c++) {
    const country = pick(countries);
    const company = `company:gen-${c}`;
    const name = `${pick(words)} ${pick(words)} ${c}`;
    lines.push({ v, type: 'entity', kind: 'Company', key: company, name, aliases: [`${name} Ltd`], props: {} });
    const source = `source:gen-${c}`;
    lines.push({
      v,
      type: 'source',
      key: source,
      title: `Results of ${name}`,
      kind: 'article',
      publisher: 'organization:gen-wire',
    });
    const ref = (snippet: string) => [{ source, snippet }];
    lines.push({
      v,
      type: 'assertion',
      kind: 'Domicile',
      key: `fact:gen-${c}-domicile`,
      summary: `${name} is based in ${country[1]}`,
      mode: 'reported',
      roles: { SUBJECT: [company], OBJECT: [`place:gen-${country[0]}`] },
      sources: ref(`${name} of ${country[1]}`),
    });
    const figures = Math.max(1, Math.floor(1 / (rand() + 0.02)));
    for (let f = 0; f < figures; f++) {
      const year = 2015 + (f % 11);
      const type = pick(['H1', 'H2', 'FY'] as const);
      const metric = pick(['capex', 'capex', 'revenue', 'cloud_revenue'] as const);
      const amount = `${1 + Math.floor(rand() * 90000)}000000`;
      lines.push({
        v,
        type: 'assertion',
        kind: 'FinancialFigure',
        key: `fact:gen-${c}-${metric}-${year}-${type.toLowerCase()}-${f}`,
        summary: `${name} ${metric} ${type} ${year}`,
        mode: 'reported',
        roles: { SUBJECT: [company] },
        metric,
        money: { amount, currency: country[2], asReported: `${amount} ${country[2]}` },
        period: { label: `${type} ${year}`, type, year },
        sources: ref(`${name} reported ${metric} of ${amount}`),
      });
    }
  }
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}
