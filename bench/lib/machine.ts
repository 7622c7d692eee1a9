import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** stdout and stderr together (`java -version` prints to stderr). */
const quiet = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
};

/** 1-minute load average: other work on the machine skews every number, so it is recorded. */
export const load1 = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

/** The machine and software the numbers were taken on. */
export function describeMachine(neo4jVersion: string) {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    java: (quiet('java', ['-version']).split('\n')[0] ?? '').replace(/"/g, ''),
    neo4j: `${neo4jVersion} Community (embedded launcher, heap 1 GB, page cache 256 MB)`,
    os: quiet('uname', ['-sr']),
  };
}
