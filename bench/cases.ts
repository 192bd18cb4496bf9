/**
 * The bench's cases. Each runs in a child process of its own (see run.ts):
 * JIT state, heap and garbage-collector debt of one case never touch another.
 */
import { ConcurrencyLog } from '../src/analysis/concurrency.js';
import { createStrategy, runOnce } from '../src/explore/explore.js';
import { explore, type ExploreOptions, type Scenario } from '../src/index.js';
import { AnalysisMemo } from '../src/explore/analysis-memo.js';
import { resolveOptions, SAMPLING } from '../src/options.js';
import workers from '../scenarios/workers.js';
import { fcRun, type FcDriver } from './fast-check-workers.js';
import { plainPrints3x3, plainWorkers, prints3x3, PRINTS_3X3_STEPS, WORKERS_STEPS } from './scenarios.js';

export interface Case {
  scenario: string;
  engine: string;
  /** Scheduling operations per run: the same for every engine of a scenario. */
  stepsPerRun: number;
  /** Runs about `n` runs (it may round up to whole explorations); returns how many it ran. */
  batch(n: number, round: number): Promise<number>;
  /** Runs once, untimed: a note for the table, or a problem with the results. */
  check(): Promise<{ note: string; problem?: string }>;
}

const interleaveWorkers: Case = {
  scenario: 'workers.ts',
  engine: 'interleave, random',
  stepsPerRun: WORKERS_STEPS,
  async batch(n, round) {
    const r = await explore(workers, { strategy: 'random', seed: round + 1, maxExecutions: n });
    if (r.steps !== r.executions * WORKERS_STEPS) throw new Error(`workers: ${r.steps} steps in ${r.executions} runs`);
    return r.executions;
  },
  async check() {
    const r = await explore(workers, { strategy: 'random', maxExecutions: 2000 });
    const note = `${r.outcomes.length} outcomes`;
    return r.outcomes.length === 4 ? { note } : { note, problem: `expected 4 outcomes, got ${r.outcomes.length}` };
  },
};

/** Runs whole searches (an exhaustive one cannot stop midway) until at least `n` runs are done; returns how many. */
async function wholeSearches(n: number, search: () => Promise<number>): Promise<number> {
  let runs = 0;
  while (runs < n) runs += await search();
  return runs;
}

const interleave3x3: Case = {
  scenario: 'prints 3×3',
  engine: 'interleave, exhaustive',
  stepsPerRun: PRINTS_3X3_STEPS,
  batch: (n) => wholeSearches(n, async () => (await explore(prints3x3, { strategy: 'exhaustive' })).executions),
  async check() {
    const r = await explore(prints3x3, { strategy: 'exhaustive' });
    const note = `${r.outcomes.length} outcomes / ${r.executions} runs`;
    return r.complete && r.outcomes.length === 1680 && r.executions === 1680
      ? { note }
      : { note, problem: `expected 1680 outcomes in 1680 executions, got ${r.outcomes.length} in ${r.executions}` };
  },
};

/**
 * The step loop alone: explore()'s loop over executions as it runs it — the
 * strategy, each execution with its runtime and scheduler, the happens-before
 * monitor of the analysis (at every step of an exhaustive search; in a sample,
 * once per distinct schedule, see src/explore/analysis-memo.ts) — without
 * what explore() does with each result and at the end: grouping outcomes, the
 * determinism re-runs, the findings and the report. Runs `runs` executions,
 * or the whole search if it is smaller; checks that each took `steps` steps.
 */
async function stepLoop(scenario: Scenario, options: ExploreOptions, runs: number, steps: number): Promise<number> {
  const opts = resolveOptions(scenario, options);
  const strategy = createStrategy(opts);
  const config = {
    maxSteps: opts.maxSteps,
    waitForTasks: opts.waitForTasks,
    jitter: opts.jitter,
    trace: false,
    analysis: new ConcurrencyLog(),
  };
  const plain = { ...config, analysis: null };
  const memo = SAMPLING.includes(opts.strategy) ? new AnalysisMemo() : null;
  let n = 0;
  while (n < runs && strategy.begin()) {
    const analysed = memo === null || memo.monitor();
    const r = await runOnce(scenario, analysed ? config : plain, strategy);
    strategy.end(r);
    if (r === null || r.steps !== steps)
      throw new Error(`${scenario.name}: an execution took ${r?.steps ?? 'no'} steps, not ${steps}`);
    if (memo !== null && memo.isNew(r) && !analysed) {
      const detail = await memo.analyse(r, (replay) => runOnce(scenario, config, replay));
      if (detail !== undefined) throw new Error(`${scenario.name}: ${detail}`);
    }
    n++;
  }
  return n;
}

const loopWorkers: Case = {
  scenario: 'workers.ts',
  engine: 'interleave step loop, random',
  stepsPerRun: WORKERS_STEPS,
  batch: (n, round) => stepLoop(workers, { strategy: 'random', seed: round + 1 }, n, WORKERS_STEPS),
  async check() {
    const n = await stepLoop(workers, { strategy: 'random' }, 2000, WORKERS_STEPS);
    return { note: `${n} runs of ${WORKERS_STEPS} steps` };
  },
};

const loop3x3: Case = {
  scenario: 'prints 3×3',
  engine: 'interleave step loop, exhaustive',
  stepsPerRun: PRINTS_3X3_STEPS,
  batch: (n) => wholeSearches(n, () => stepLoop(prints3x3, { strategy: 'exhaustive' }, Infinity, PRINTS_3X3_STEPS)),
  async check() {
    const n = await stepLoop(prints3x3, { strategy: 'exhaustive' }, Infinity, PRINTS_3X3_STEPS);
    return n === 1680 ? { note: `${n} runs` } : { note: `${n} runs`, problem: `expected 1680 executions, got ${n}` };
  },
};

function fastCheck(driver: FcDriver, engine: string): Case {
  return {
    scenario: 'workers.ts',
    engine,
    stepsPerRun: WORKERS_STEPS,
    async batch(n, round) {
      await fcRun(driver, n, round + 1);
      return n;
    },
    async check() {
      const runs = 2000;
      const early = runs - (await fcRun(driver, runs, 42, true));
      return { note: early === 0 ? 'every run complete' : `${((early / runs) * 100).toFixed(1)}% of runs end early` };
    },
  };
}

function plain(scenario: string, run: () => Promise<string[]>, stepsPerRun: number, lines: number): Case {
  return {
    scenario,
    engine: 'plain async, no scheduler',
    stepsPerRun,
    async batch(n) {
      for (let i = 0; i < n; i++) await run();
      return n;
    },
    async check() {
      const out = await run();
      const note = 'one order only';
      return out.length === lines ? { note } : { note, problem: `expected ${lines} lines, got ${out.length}` };
    },
  };
}

/** In the order of the table. */
export const CASES = {
  'interleave-workers': interleaveWorkers,
  'loop-workers': loopWorkers,
  'fc-sample-waitAll': fastCheck('sample-waitAll', 'fast-check, fc.sample + waitAll'),
  'fc-assert-waitIdle': fastCheck('assert-waitIdle', 'fast-check, fc.assert + waitIdle'),
  'plain-workers': plain('workers.ts', plainWorkers, WORKERS_STEPS, 5),
  'interleave-3x3': interleave3x3,
  'loop-3x3': loop3x3,
  'plain-3x3': plain('prints 3×3', plainPrints3x3, PRINTS_3X3_STEPS, 9),
} satisfies Record<string, Case>;

export type CaseId = keyof typeof CASES;
