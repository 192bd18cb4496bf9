/**
 * `npm run bench`, last line: the speedup of `--workers 2` over one thread
 * on an exhaustive search of 369,600 executions (bench/lost-updates-4x3.ts).
 * Wall-clock time, since the point is to use both cores; rounds alternate
 * between 1 and 2 workers and the median of each is taken, so drift on a
 * shared machine spreads over both.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { explore, type Exploration, type Scenario } from '../src/index.js';
import scenario from './lost-updates-4x3.js';
// Loaded by URL only (a loader hook the workers register when they load the scenario file): compile it too.
import '../src/cli/self-resolve.js';

const FILE = fileURLToPath(new URL('./lost-updates-4x3.js', import.meta.url));
export const PARALLEL_EXECUTIONS = 369_600;

/** CPU time of this process, all its threads (the workers included), in ms. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed(workers: number): Promise<{ ms: number; cpuMs: number; r: Exploration }> {
  const [t0, c0] = [performance.now(), cpu()];
  const r = await explore(scenario as Scenario, {
    file: FILE,
    workers,
    strategy: 'exhaustive',
    maxExecutions: 1_000_000,
  });
  return { ms: performance.now() - t0, cpuMs: cpu() - c0, r };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs the comparison; returns the lines to print and a problem, if the results differ. */
export async function parallelSpeedup(rounds: number): Promise<{ lines: string[]; problem?: string }> {
  const one: number[] = [];
  const two: number[] = [];
  const cpuOne: number[] = [];
  const cpuTwo: number[] = [];
  let problem: string | undefined;
  const key = (r: Exploration): string =>
    JSON.stringify([r.executions, r.complete, r.outcomes.map((o) => [o.value, o.count, o.schedule])]);
  for (let i = 0; i < rounds; i++) {
    const a = await timed(1);
    const b = await timed(2);
    one.push(a.ms);
    two.push(b.ms);
    cpuOne.push(a.cpuMs);
    cpuTwo.push(b.cpuMs);
    if (a.r.executions !== PARALLEL_EXECUTIONS || !a.r.complete) {
      problem = `expected ${PARALLEL_EXECUTIONS} executions, complete; got ${a.r.executions}, complete ${a.r.complete}`;
    } else if (key(a.r) !== key(b.r)) {
      problem = '--workers 2 found other outcomes or counts than one thread';
    }
  }
  const [m1, m2] = [median(one), median(two)];
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  return {
    lines: [
      `--workers 2 over 1, exhaustive, ${PARALLEL_EXECUTIONS.toLocaleString('en-US')} executions (bench/lost-updates-4x3.ts), ` +
        `wall-clock, median of ${rounds} rounds, ${os.availableParallelism()} CPUs, load ${os.loadavg()[0]!.toFixed(1)}:`,
      `  1 worker ${s(m1)} · 2 workers ${s(m2)} · speedup ${(m1 / m2).toFixed(2)}×  goal ≥ 1.6× on 2 idle cores`,
      // On a busy machine the wall-clock speedup shows the load; CPU time shows what the split itself costs.
      `  CPU time (all threads): 1 worker ${s(median(cpuOne))} · 2 workers ${s(median(cpuTwo))} · ` +
        `cost of the split ${(((median(cpuTwo) - median(cpuOne)) / median(cpuOne)) * 100).toFixed(0)}%`,
    ],
    ...(problem !== undefined ? { problem } : {}),
  };
}
