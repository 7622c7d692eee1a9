import type { ContenderId } from '../workloads.ts';

const NAMES: Record<ContenderId | 'baseline', string> = {
  service: 'this service',
  baseline: 'baseline (this service at another commit)',
  'neo4j-graphql': '@neo4j/graphql 7.6.3',
  floor: 'floor (1 hand-written Cypher)',
};

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : NaN);

/** The results as a markdown page: machine, data, correctness, db hits, then throughput and latency. */
export function writeMarkdown(r: any): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`# Benchmark ${r.date} — size ${r.size} (seed ${r.seed})`, '');
  out.push(
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}; ${m.java}; Neo4j ${m.neo4j}. ` +
      'Load generator (autocannon), the three contenders and Neo4j share this machine.',
    '',
    `1-minute load average during the run: ${m.load1.atStart} at start, ${m.load1.max} at most, ${m.load1.atEnd} at end` +
      (m.load1.max > m.cpus
        ? ` — **above the ${m.cpus} CPUs: other work shared the machine, so absolute numbers are low and noisy; ` +
          'the contenders were alternated within each repetition, so their ratios are the figures to read.**'
        : '.'),
    '',
  );
  const c = r.dataset.counts;
  out.push(
    `Data: ${r.dataset.lines} lines from ${r.dataset.generator} (${c.entities} entities, ${c.sources} sources, ${c.links} links, ` +
      `${c.assertions} assertions), imported with the service's importer in ${r.dataset.seconds.toFixed(1)} s ` +
      `(${r.dataset.linesPerSecond} lines/s).`,
    '',
  );
  out.push(
    `Settings: concurrency ${r.settings.concurrency.join(', ')}; ${r.settings.reps} repetitions × ${r.settings.seconds} s per ` +
      `contender, contenders alternated within each repetition; ${r.settings.warmupSeconds} s warm-up per workload and ` +
      'contender, not counted. Figures are medians of the repetitions; ± is (max − min) / median.' +
      (r.settings.serviceEnv
        ? ` The service contender ran with ${Object.entries<string>(r.settings.serviceEnv)
            .map(([k, v]) => `\`${k}=${v}\``)
            .join(', ')}; its CPU and RSS are summed over its processes.`
        : ''),
    '',
  );
  out.push(`Parameters: \`${JSON.stringify(r.params)}\``, '');
  out.push('## Cold start to first response (ms)', '', '| contender | ms |', '|---|---:|');
  for (const [id, ms] of Object.entries(r.coldStartMs)) out.push(`| ${NAMES[id as ContenderId]} | ${ms} |`);
  out.push('', '## Same results, statements and PROFILE db hits per request', '');
  out.push(
    '| workload | contender | result vs floor | Cypher statements | db hits | operators of note |',
    '|---|---|---|---:|---:|---|',
  );
  for (const [w, entry] of Object.entries<any>(r.validation)) {
    for (const [id, v] of Object.entries<any>(entry)) {
      const p = r.profiles?.[w]?.[id];
      const verdict = !v.expressible
        ? 'cannot express'
        : v.ok
          ? `identical${v.handWritten ? ' (hand-written @cypher)' : ''}`
          : v.error
            ? `**fails**: ${v.error}`
            : '**different**';
      const notable = (p?.operators ?? []).filter((o: string) =>
        /Sort|Skip|Eager|AllNodesScan|NodeByLabelScan|CartesianProduct|Apply|Fulltext|ShortestPath|Aggregation/.test(o),
      );
      const failed = p?.errors?.length
        ? ` PROFILE failed (${p.statements} attempts): ${p.errors[0].slice(0, 140)}`
        : '';
      out.push(
        `| ${w} | ${NAMES[id as ContenderId]} | ${verdict} | ${v.statements ?? '–'} | ${p?.dbHits ?? '–'} | ${notable.join(', ')}${failed} |`,
      );
    }
  }
  out.push('', '## Throughput and latency', '');
  out.push(
    '| workload | conc. | contender | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const row of r.runs) {
    out.push(
      `| ${row.workload} | ${row.concurrency} | ${NAMES[row.contender as ContenderId]} | ${row.rps.median} ±${row.rps.spreadPct}% | ` +
        `${row.p50.median} | ${row.p95.median} | ${row.p99.median} ±${row.p99.spreadPct}% | ${row.errors} | ${row.peakRssMb} |`,
    );
  }
  out.push(
    '',
    '## Against the goal (≥ 1.5× throughput and ≤ 0.67× p99 of @neo4j/graphql; within 1.3× of the floor)',
    '',
  );
  out.push(
    '| workload | conc. | req/s ÷ @neo4j/graphql | p99 ÷ @neo4j/graphql | floor req/s ÷ ours | goal met |',
    '|---|---:|---:|---:|---:|---|',
  );
  const find = (w: string, conc: number, id: string) =>
    r.runs.find((x: any) => x.workload === w && x.concurrency === conc && x.contender === id);
  for (const row of r.runs.filter((x: any) => x.contender === 'service')) {
    const neo = find(row.workload, row.concurrency, 'neo4j-graphql');
    const floor = find(row.workload, row.concurrency, 'floor');
    const up = neo ? ratio(row.rps.median, neo.rps.median) : NaN;
    const p99 = neo ? ratio(row.p99.median, neo.p99.median) : NaN;
    const toFloor = floor ? ratio(floor.rps.median, row.rps.median) : NaN;
    // Nothing to compare with (no other contender can express the workload): no verdict.
    const verdict =
      Number.isNaN(up) && Number.isNaN(toFloor)
        ? 'n/a'
        : (Number.isNaN(up) || (up >= 1.5 && p99 <= 0.67)) && (Number.isNaN(toFloor) || toFloor <= 1.3)
          ? 'yes'
          : 'no';
    out.push(
      `| ${row.workload} | ${row.concurrency} | ${Number.isNaN(up) ? 'n/a' : up} | ${Number.isNaN(p99) ? 'n/a' : p99} | ` +
        `${Number.isNaN(toFloor) ? 'n/a' : toFloor} | ${verdict} |`,
    );
  }
  if (r.baseline) out.push(...baselineTable(r, find));
  out.push('', 'Workloads:', '');
  for (const [id, title] of Object.entries(r.workloads)) out.push(`- **${id}** ${title}`);
  return `${out.join('\n')}\n`;
}

/** This service against its own baseline checkout, measured alternately in the same run (so under the same load). */
function baselineTable(r: any, find: (w: string, conc: number, id: string) => any): string[] {
  const out = [
    '',
    `## This service (${r.commit}) against its baseline (${r.baseline.commit})`,
    '',
    "CPU ms per request is the contender process's own user + system time over the answers it gave: the figure least",
    "moved by other work on the machine (Neo4j's share is the db hits above, the same for both when the statements are).",
    '',
    '| workload | conc. | baseline req/s | this service req/s | change | baseline p99 ms | this service p99 ms | baseline CPU ms/req | this service CPU ms/req | CPU change |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of r.runs.filter((x: any) => x.contender === 'service')) {
    const base = find(row.workload, row.concurrency, 'baseline');
    if (!base) continue;
    const pct = (a: number, b: number) => {
      const v = Math.round((a / b - 1) * 1000) / 10;
      return Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v} %` : 'n/a';
    };
    const cpu = (x: any) =>
      x.cpuMsPerRequest ? `${x.cpuMsPerRequest.median} ±${x.cpuMsPerRequest.spreadPct}%` : 'n/a';
    out.push(
      `| ${row.workload} | ${row.concurrency} | ${base.rps.median} ±${base.rps.spreadPct}% | ${row.rps.median} ±${row.rps.spreadPct}% | ` +
        `${pct(row.rps.median, base.rps.median)} | ${base.p99.median} | ${row.p99.median} | ${cpu(base)} | ${cpu(row)} | ` +
        `${row.cpuMsPerRequest && base.cpuMsPerRequest ? pct(row.cpuMsPerRequest.median, base.cpuMsPerRequest.median) : 'n/a'} |`,
    );
  }
  return out;
}
