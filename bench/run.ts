/**
 * `npm run bench`: throughput of interleave against fast-check's scheduler and
 * against the same async code run with no scheduler at all.
 *
 * Every case runs a batch of whole runs (executions) sized to take about
 * BATCH_MS, once to warm up and then ROUNDS times, the cases taking turns so
 * that drift (GC, CPU frequency) spreads evenly; the table shows the median
 * round. A "step" is one scheduling operation of the scenario (a print, a
 * sleep, a wait): 8 per run of workers.ts, 10 per run of the 3×3 prints.
 *
 * This is a benchmark, not a test: it prints numbers and goals, and exits 0
 * unless a case produced wrong results.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { explore } from '../src/index.js';
import workers from '../scenarios/workers.js';
import { fcRun, type FcDriver } from './fast-check-workers.js';
import { plainPrints3x3, plainWorkers, prints3x3, PRINTS_3X3_STEPS, WORKERS_STEPS } from './scenarios.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 250);

interface Case {
  scenario: string;
  engine: string;
  stepsPerRun: number;
  /** Runs about `n` runs (it may round up to whole explorations); returns how many it ran. */
  batch(n: number, round: number): Promise<number>;
  /** Run once, untimed: a problem with the results, or undefined. Also fills in `note`. */
  check(): Promise<string | undefined>;
  note?: string;
  rates: number[];
  n: number;
}

let problems = 0;

function interleaveWorkers(): Case {
  return {
    scenario: 'workers.ts',
    engine: 'interleave, random',
    stepsPerRun: WORKERS_STEPS,
    rates: [],
    n: 0,
    async batch(n, round) {
      const r = await explore(workers, { strategy: 'random', seed: round + 1, maxExecutions: n });
      if (r.steps !== r.executions * WORKERS_STEPS)
        throw new Error(`workers: ${r.steps} steps in ${r.executions} runs`);
      return r.executions;
    },
    async check() {
      const r = await explore(workers, { strategy: 'random', maxExecutions: 2000 });
      this.note = `${r.outcomes.length} outcomes`;
      return r.outcomes.length === 4 ? undefined : `expected 4 outcomes, got ${r.outcomes.length}`;
    },
  };
}

function interleave3x3(): Case {
  return {
    scenario: 'prints 3×3',
    engine: 'interleave, exhaustive',
    stepsPerRun: PRINTS_3X3_STEPS,
    rates: [],
    n: 0,
    async batch(n) {
      let runs = 0;
      while (runs < n) {
        const r = await explore(prints3x3, { strategy: 'exhaustive' });
        runs += r.executions;
      }
      return runs;
    },
    async check() {
      const r = await explore(prints3x3, { strategy: 'exhaustive' });
      this.note = `${r.outcomes.length} outcomes / ${r.executions} runs`;
      return r.complete && r.outcomes.length === 1680 && r.executions === 1680
        ? undefined
        : `expected 1680 outcomes in 1680 executions, got ${r.outcomes.length} in ${r.executions}`;
    },
  };
}

const FC_LABEL: Record<FcDriver, string> = {
  'sample-waitAll': 'fast-check, fc.sample + waitAll',
  'assert-waitIdle': 'fast-check, fc.assert + waitIdle',
};

function fastCheck(driver: FcDriver): Case {
  return {
    scenario: 'workers.ts',
    engine: FC_LABEL[driver],
    stepsPerRun: WORKERS_STEPS,
    rates: [],
    n: 0,
    async batch(n, round) {
      await fcRun(driver, n, round + 1);
      return n;
    },
    async check() {
      const runs = 2000;
      const complete = await fcRun(driver, runs, 42, true);
      const early = runs - complete;
      this.note = early === 0 ? 'every run complete' : `${((early / runs) * 100).toFixed(1)}% of runs end early`;
      return undefined;
    },
  };
}

function plain(scenario: string, run: () => Promise<string[]>, stepsPerRun: number, lines: number): Case {
  return {
    scenario,
    engine: 'plain async, no scheduler',
    stepsPerRun,
    rates: [],
    n: 0,
    async batch(n) {
      for (let i = 0; i < n; i++) await run();
      return n;
    },
    async check() {
      const out = await run();
      this.note = 'one order only';
      return out.length === lines ? undefined : `expected ${lines} lines, got ${out.length}`;
    },
  };
}

const cases: Case[] = [
  interleaveWorkers(),
  fastCheck('sample-waitAll'),
  fastCheck('assert-waitIdle'),
  plain('workers.ts', plainWorkers, WORKERS_STEPS, 5),
  interleave3x3(),
  plain('prints 3×3', plainPrints3x3, PRINTS_3X3_STEPS, 9),
];

async function timed(c: Case, n: number, round: number): Promise<number> {
  const t0 = performance.now();
  const runs = await c.batch(n, round);
  const ms = performance.now() - t0;
  return (runs / ms) * 1000;
}

const started = performance.now();
for (const c of cases) {
  const problem = await c.check();
  if (problem !== undefined) {
    problems++;
    console.error(`WRONG RESULTS: ${c.scenario} / ${c.engine}: ${problem}`);
  }
  // Warm up while sizing the batch: grow it until one takes a tenth of BATCH_MS, then a full one.
  let n = 100;
  let rate = await timed(c, n, -1);
  while ((n / rate) * 1000 < BATCH_MS / 10) {
    n *= 4;
    rate = await timed(c, n, -1);
  }
  c.n = Math.max(1, Math.round((rate * BATCH_MS) / 1000));
  await timed(c, c.n, -1);
}
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) c.rates.push(await timed(c, c.n, round));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const spread = (xs: number[]): number => (Math.max(...xs) - Math.min(...xs)) / median(xs);
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const ratio = (x: number): string => `${x.toFixed(2)}×`;

const cpus = os.cpus();
console.log(
  `interleave bench: node ${process.version}, ${cpus.length} CPU × ${cpus[0]?.model.trim() ?? '?'}; ` +
    `median of ${ROUNDS} rounds of ~${BATCH_MS} ms after warm-up`,
);
console.log('');
const rows = cases.map((c) => {
  const runs = median(c.rates);
  return [
    c.scenario,
    c.engine,
    fmt(runs),
    fmt(runs * c.stepsPerRun),
    `±${(spread(c.rates) * 50).toFixed(0)}%`,
    c.note ?? '',
  ];
});
const header = ['scenario', 'engine', 'runs/s', 'steps/s', 'spread', 'notes'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const right = [false, false, true, true, true, false];
const line = (cells: string[]): string =>
  cells
    .map((s, i) => (right[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));

const rate = (i: number): number => median(cases[i]!.rates);
const [iw, fcFast, fcIdle, pw, i33, p33] = [0, 1, 2, 3, 4, 5].map(rate) as [
  number,
  number,
  number,
  number,
  number,
  number,
];
console.log('');
console.log('ratios (runs/s; both sides do the same steps per run)');
const ratios: [string, string, string][] = [
  ['interleave ÷ fast-check (fc.sample + waitAll), workers.ts', ratio(iw / fcFast), 'goal ≥ 3×'],
  ['interleave ÷ fast-check (fc.assert + waitIdle), workers.ts', ratio(iw / fcIdle), ''],
  ['plain ÷ interleave, workers.ts (cost of the step loop)', ratio(pw / iw), 'goal ≤ 6×'],
  ['plain ÷ interleave, prints 3×3 (cost of the step loop)', ratio(p33 / i33), 'goal ≤ 6×'],
];
const rw = Math.max(...ratios.map((r) => r[0].length));
const vw = Math.max(...ratios.map((r) => r[1].length));
for (const [label, value, goal] of ratios)
  console.log(`  ${label.padEnd(rw)}  ${value.padStart(vw)}  ${goal}`.trimEnd());
console.log('');
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = problems > 0 ? 1 : 0;
