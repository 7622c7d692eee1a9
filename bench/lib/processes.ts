import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Started {
  child: ChildProcess;
  stop(): Promise<void>;
  output(): string;
}

/** Starts a Node program with the same Node binary as the harness (`nodeArgs`: Node/V8 flags before the script). */
export function startNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
): Started {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** The process and its living descendants (a service started with WORKERS > 1 serves from its children). */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let children: number[] = [];
    try {
      children = readdirSync(`/proc/${tree[i]}/task`).flatMap((task) =>
        readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
      );
    } catch {
      // gone meanwhile
    }
    tree.push(...children);
  }
  return tree;
}

const sum = (pids: number[], of: (pid: number) => number) => pids.reduce((total, pid) => total + of(pid), 0);

function ownRssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident set size of a process and its descendants in MB, from /proc. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  return Math.round(sum(processTree(pid), ownRssKb) / 1024);
}

/** Samples RSS every 200 ms until stopped; returns the peak. */
export function sampleRss(pid: number | undefined) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 200);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMb(pid));
  };
}

/**
 * CPU time (user + system) a process and its living descendants have used so far, in ms, from /proc/<pid>/stat
 * (clock ticks of 10 ms). A descendant that exits between two readings takes its time with it: the bench's contenders
 * do not restart workers while they are measured.
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  return sum(processTree(pid), ownCpuMs);
}

function ownCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14, 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
