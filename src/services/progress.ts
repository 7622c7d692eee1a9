import cliProgress from 'cli-progress';

/**
 * Progress for long commands on stderr, drawn by cli-progress: a redrawn bar with rate and ETA on a terminal, one
 * plain line every few seconds otherwise (CI logs, pipes: no carriage returns, no escape codes). Each stage (the
 * label without its parenthesised part, e.g. "lines written") gets its own bar, rate and ETA.
 */
export interface ProgressReporter {
  update(label: string, done: number, total: number): void;
  /** Ends the current bar and prints the message with the time since the reporter was made. */
  finish(message: string): void;
  /** Ends the current bar without a message (on errors; a running bar keeps the process alive). */
  stop(): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** One line of a bar: `[####----]  42% 1,234/10,800 lines written (entities)  123/s  ETA 0:42` (no bar off a terminal). */
const line =
  (tty: boolean): cliProgress.GenericFormatter =>
  (options, { value, total, startTime }, payload: { label?: string }) => {
    const elapsedS = (Date.now() - startTime) / 1000;
    const rate = elapsedS > 0 ? value / elapsedS : 0;
    const eta = total > 0 && value >= total ? 0 : rate > 0 && total > 0 ? (total - value) / rate : Number.NaN;
    const share = total > 0 ? Math.min(1, value / total) : 0;
    const counts = total > 0 ? `${fmt(value)}/${fmt(total)}` : fmt(value);
    const tail = `${counts} ${payload.label ?? ''}  ${fmt(rate)}/s  ETA ${formatDuration(eta)}`;
    if (!tty) return total > 0 ? `${(share * 100).toFixed(1)}% ${tail}` : tail;
    return `[${cliProgress.Format.BarFormat(share, options)}] ${(share * 100).toFixed(0).padStart(3)}% ${tail}`;
  };

export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  options: { intervalMs?: number; quiet?: boolean } = {},
): ProgressReporter {
  const started = performance.now();
  const tty = Boolean(stream.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let stage = '';
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    update(label, done, total) {
      if (options.quiet) return;
      const next = label.replace(/\s*\(.*\)$/, '');
      if (!bar || next !== stage) {
        stop();
        stage = next;
        bar = new cliProgress.SingleBar({
          stream,
          format: line(tty),
          barsize: 28,
          barCompleteChar: '#',
          barIncompleteChar: '-',
          noTTYOutput: true,
          // The next stage or the closing message takes the line (on a terminal; elsewhere each line stays).
          clearOnComplete: true,
          notTTYSchedule: options.intervalMs ?? 5000,
          fps: options.intervalMs ? 1000 / options.intervalMs : 10,
        });
        bar.start(total, 0, { label });
      }
      if (total !== bar.getTotal()) bar.setTotal(total);
      bar.update(done, { label });
    },
    finish(message) {
      if (options.quiet) return;
      stop();
      stream.write(`${message} (${formatDuration((performance.now() - started) / 1000)})\n`);
    },
    stop,
  };
}
