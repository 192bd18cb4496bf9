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

/**
 * The process's own streams: colours and progress only on a terminal. When
 * whoever reads stdout goes away (`interleave explore … | head`), the rest of
 * the output is dropped and the run goes on to its end, its reports and its
 * exit code, as if stdout were /dev/null: no stack trace from the broken pipe.
 */
export function processIo(signal: AbortSignal): Io {
  const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
  let readerGone = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone = true;
  });
  return {
    out: (t) => {
      if (!readerGone) process.stdout.write(`${t}\n`);
    },
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
  const parts = [`${p.executions.toLocaleString('en-US')} executions`, `${rate}/s`, `${p.outcomes.toLocaleString('en-US')} outcomes`];
  if (p.searched !== undefined) parts.push(`${searched(p.searched)} searched`);
  if (p.unseenEstimate !== undefined) parts.push(`unseen ${percent(p.unseenEstimate)}`);
  parts.push(`${(p.elapsedMs / 1000).toFixed(1)} s`);
  const line = `${name}: ${parts.join(' · ')}`;
  // One terminal line, or the carriage return cannot take it back (a terminal of unknown size says 0 columns).
  const width = Math.max(40, process.stderr.columns || 100);
  return line.length > width - 1 ? line.slice(0, width - 1) : line;
}

/** A share of the search: `37.2%`, and for the start of a huge one `0.0031%` or `<0.0001%` rather than a flat 0.0%. */
function searched(share: number): string {
  const pct = 100 * share;
  if (pct >= 1 || pct === 0) return `${pct.toFixed(1)}%`;
  return pct < 0.0001 ? '<0.0001%' : `${pct.toPrecision(2)}%`;
}
