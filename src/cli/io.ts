import type { Progress } from '../options.js';

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
          const rate = Math.round((p.executions * 1000) / p.elapsedMs).toLocaleString('en-US');
          process.stderr.write(
            `\r\x1b[2K${name}: ${p.executions.toLocaleString('en-US')} executions · ${rate}/s · ${p.outcomes} outcomes · ${(p.elapsedMs / 1000).toFixed(1)} s`,
          );
        },
        done() {
          if (shown) process.stderr.write('\r\x1b[2K');
        },
      };
    },
  };
}
