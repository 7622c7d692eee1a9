/**
 * Progress for long commands on stderr: a redrawn bar with rate and ETA on a terminal, one plain
 * line every few seconds otherwise (CI logs, pipes).
 */
export interface ProgressReporter {
  update(label: string, done: number, total: number): void;
  finish(message: string): void;
}

const BAR_WIDTH = 28;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function progressLine(label: string, done: number, total: number, elapsedS: number, tty: boolean): string {
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const eta = rate > 0 && total > 0 ? (total - done) / rate : Number.NaN;
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const counts = total > 0 ? `${fmt(done)}/${fmt(total)}` : fmt(done);
  const tail = `${counts} ${label}  ${fmt(rate)}/s  ETA ${formatDuration(eta)}`;
  if (!tty) return `${(share * 100).toFixed(1)}% ${tail}`;
  const filled = Math.round(share * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${tail}`;
}

export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  options: { intervalMs?: number; quiet?: boolean } = {},
): ProgressReporter {
  const tty = Boolean(stream.isTTY);
  const interval = options.intervalMs ?? (tty ? 100 : 5000);
  const started = performance.now();
  let phaseStarted = started;
  let phase = '';
  let last = 0;
  return {
    update(label, done, total) {
      if (options.quiet) return;
      const now = performance.now();
      // Rates and ETAs run per stage: "lines written (entities)" and "(assertions)" are one stage.
      const stage = label.replace(/\s*\(.*\)$/, '');
      if (stage !== phase) {
        phase = stage;
        phaseStarted = now;
      }
      if (now - last < interval && (total === 0 || done < total)) return;
      last = now;
      const line = progressLine(label, done, total, (now - phaseStarted) / 1000, tty);
      stream.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    finish(message) {
      if (options.quiet) return;
      stream.write(`${tty ? '\r\x1b[2K' : ''}${message} (${formatDuration((performance.now() - started) / 1000)})\n`);
    },
  };
}

export const PLURAL: Record<string, string> = {
  entity: 'entities',
  source: 'sources',
  link: 'links',
  assertion: 'assertions',
};
