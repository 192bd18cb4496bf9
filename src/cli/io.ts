import type { Progress } from '../options.js';
import { percent } from '../report/view.js';

/** What the commands write to and listen on; the real process in main.ts, a fake in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
  signal: AbortSignal;
  progress(name: string, quiet: boolean): { update: (p: Progress) => void; done: () => void };
}

/** The process's own streams: colours and progress only on a terminal. */
export function processIo(signal: AbortSignal): Io {
  const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    color,
    signal,
    progress(name, quiet) {
      const live = !quiet && process.stderr.isTTY === true;
      let shown = false;
      return {
        update(p) {
          if (!live || p.elapsedMs < 500) return;
          shown = true;
          process.stderr.write(`\r\x1b[2K${progressLine(name, p)}`);
        },
        done() {
          if (shown) process.stderr.write('\r\x1b[2K');
        },
      };
    },
  };
}

/** One line of progress: executions, rate, outcomes, and how far the search is (exhaustive) or how sure the sample (random). */
export function progressLine(name: string, p: Progress): string {
  const rate = Math.round((p.executions * 1000) / Math.max(1, p.elapsedMs)).toLocaleString('en-US');
  const parts = [`${p.executions.toLocaleString('en-US')} executions`, `${rate}/s`, `${p.outcomes} outcomes`];
  if (p.searched !== undefined) parts.push(`${(100 * p.searched).toFixed(1)}% searched`);
  if (p.unseenEstimate !== undefined) parts.push(`unseen ${percent(p.unseenEstimate)}`);
  parts.push(`${(p.elapsedMs / 1000).toFixed(1)} s`);
  const line = `${name}: ${parts.join(' · ')}`;
  // One terminal line, or the carriage return cannot take it back.
  const width = process.stderr.columns ?? 100;
  return line.length > width - 1 ? line.slice(0, width - 1) : line;
}
