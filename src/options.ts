import { OptionError, describeValue } from './errors.js';
import type { Scenario } from './runtime/scenario.js';
import type { OutcomeRecord } from './explore/outcomes.js';
import type { StrategyName } from './explore/strategy.js';

export const STRATEGIES: readonly StrategyName[] = ['dpor', 'exhaustive', 'random', 'pct', 'replay'];
/** Strategies a preemption bound applies to (see explore/preemption.ts); dpor joins when it takes the bound. */
export const BOUNDABLE: readonly string[] = ['exhaustive', 'dpor'];
/** Strategies that sample schedules (and so report how sure the sample is) rather than enumerate them. */
export const SAMPLING: readonly string[] = ['random', 'pct'];

/** Options of explore() and replay(); all optional. */
export interface ExploreOptions {
  /**
   * How to explore: `dpor` (every schedule up to equivalence: one execution
   * per class of schedules that differ only in the order of independent
   * steps), `exhaustive` (every schedule), `random`, `pct`, or `replay`.
   * @default 'dpor'
   */
  strategy?: StrategyName;
  /**
   * Seed of the `random` strategy (an integer from 0 to 2^32 - 1); with `replay`,
   * runs the single random execution that had this seed.
   * @default 1
   */
  seed?: number;
  /** With `replay`: the schedule string to follow. */
  schedule?: string;
  /**
   * Depth of the `pct` strategy: a bug that needs d ordering constraints
   * (d − 1 priority change points) is found with probability at least
   * 1/(n·k^(d−1)) per execution, for n tasks and k choice points.
   * @default 3
   */
  depth?: number;
  /**
   * With `replay` and `seed`: replay the `pct` execution that ran with this
   * seed, which used this estimate of k (its outcome's `pctSteps`) and `depth`.
   */
  pctSteps?: number;
  /**
   * Preemption bound of an exhaustive search (CHESS's iterative context
   * bounding): leave out every schedule with more than k preemptions — choice
   * points where the task that went last could go on and another is picked.
   * A search that left any out says `complete: false`, stopReason
   * `preemption-bound`.
   * @default no bound
   * @example 2
   */
  preemptions?: number;
  /**
   * Imprecise timers: a `sleep(ms)` may end anywhere in [ms·(1−j), ms·(1+j)],
   * explored as three end times, ms·(1−j), ms and ms·(1+j) (see sync/jitter.ts).
   * 0 ≤ j < 1.
   * @default 0
   * @example 0.5
   */
  jitter?: number;
  /**
   * Shrink the schedule of every outcome with a finding (result other than
   * ok) to the fewest preemptions that still give that outcome, by a
   * preemption-bounded search for bounds 0, 1, 2, ...; this many executions
   * at most per outcome (and ten times that for all outcomes together).
   * `false` or 0 keeps the schedules as found.
   * @default 2000
   */
  minimize?: number | boolean;
  /**
   * Stop after this many complete executions; the result then says `complete: false`
   * unless the search had already finished.
   * @default 100000 for exhaustive, 1000 for random
   */
  maxExecutions?: number;
  /**
   * Stop after this many milliseconds of real time (checked between executions).
   * @default no limit
   */
  timeBudget?: number;
  /**
   * Steps after which an execution ends with `step-limit`. Overrides the scenario's own.
   * @default 10000
   */
  maxSteps?: number;
  /**
   * Run the other tasks out after main returns. Overrides the scenario's own.
   * @default false
   */
  waitForTasks?: boolean;
  /** The scenario's file, used in replay commands. */
  file?: string;
  /** Add `--scenario <name>` to replay commands (the file holds several scenarios). */
  selectByName?: boolean;
  /** Record a step-by-step trace of each outcome's first execution. @default false */
  trace?: boolean;
  /**
   * Record the trace of only the first N outcomes (most frequent first), as
   * the HTML report shows; `trace: true` records them all.
   * @default 0
   */
  traceOutcomes?: number;
  /**
   * With a sampling strategy (`random`): keep sampling until the Good–Turing
   * estimate of the chance that the next execution shows a new outcome falls
   * below this (0 < p < 1), after at least ⌈1/p⌉ executions, or until a
   * bound stops it; maxExecutions then defaults to 100000.
   * @example 0.01
   */
  untilConfident?: number;
  /**
   * Run a sample of executions again under the same schedule and compare
   * (steps, output, value, result): the first n executions, the first
   * execution of each of the first 10·n outcomes, and execution 0 once more at
   * the end. A difference is the finding `nondeterministic-scenario`. `false`
   * or 0 turns the check off.
   * @default 3
   */
  checkDeterminism?: number | boolean;
  /**
   * Distinct outcomes kept; executions with further outcomes are only counted
   * (`otherOutcomes` in the result), so memory stays bounded.
   * @default 10000
   */
  maxOutcomes?: number;
  /**
   * Called with the record of each new distinct outcome as soon as it is
   * found (its `count` goes on growing in place). An isolated exploration
   * streams them out of its worker, so that a worker stopped by a hang
   * loses nothing found before.
   */
  onOutcome?: (record: OutcomeRecord) => void;
  /** Called between executions with progress; may be used to print it. */
  onProgress?: (p: Progress) => void;
  /** Stops the exploration at the next execution boundary; the result says `complete: false`. */
  signal?: AbortSignal;
  /**
   * Worker threads to split the search over (exhaustive: by subtree; random:
   * by ranges of executions). The workers load the scenario from `file`, so
   * more than 1 needs `file`. The result is the same as with 1.
   * @default 1
   */
  workers?: number;
  /**
   * Explore only shard `index` of `count` (1-based), as `'2/4'` or
   * `{ index: 2, count: 4 }`: the same split as `workers`, across machines.
   * The report carries a `shard` field; `interleave merge` joins the shards.
   */
  shard?: string | { index: number; count: number };
}

export interface Progress {
  executions: number;
  outcomes: number;
  elapsedMs: number;
  /** Share of the search done, 0 to 1, for strategies that can tell (exhaustive). */
  searched?: number;
  /** Good–Turing estimate so far, for sampling strategies. */
  unseenEstimate?: number;
}

export interface ResolvedOptions {
  strategy: StrategyName;
  seed: number;
  schedule: string | undefined;
  depth: number;
  pctSteps: number | undefined;
  /** Infinity: no bound. */
  preemptions: number;
  jitter: number;
  /** Executions per outcome for minimizing its schedule; 0: off. */
  minimize: number;
  maxExecutions: number;
  timeBudget: number;
  maxSteps: number;
  waitForTasks: boolean;
  /** The scenario's own values, which a replay of its file gets without flags. */
  scenarioMaxSteps: number;
  scenarioWaitForTasks: boolean;
  file: string | undefined;
  selectByName: boolean;
  trace: boolean;
  traceOutcomes: number;
  untilConfident: number | undefined;
  checkDeterminism: number;
  maxOutcomes: number;
  onOutcome: ((record: OutcomeRecord) => void) | undefined;
  onProgress: ((p: Progress) => void) | undefined;
  signal: AbortSignal | undefined;
}

function positiveInt(name: string, v: unknown, flag: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new OptionError(`Expected \`${name}\` (${flag}) to be a whole number from 1 and up, got ${describeValue(v)}`);
  }
  return v;
}

function wholeNumber(name: string, v: unknown, flag: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new OptionError(`Expected \`${name}\` (${flag}) to be a whole number from 0 and up, got ${describeValue(v)}`);
  }
  return v;
}

/** Fills in defaults and checks every option; a bad value is an OptionError naming the option. */
export function resolveOptions(scenario: Scenario, options: ExploreOptions = {}): ResolvedOptions {
  const strategy = options.strategy ?? (options.schedule !== undefined ? 'replay' : 'dpor');
  if (!STRATEGIES.includes(strategy)) {
    throw new OptionError(
      `Expected \`strategy\` (--strategy) to be one of ${STRATEGIES.join(', ')}, got ${describeValue(strategy)}`,
    );
  }
  const seed = options.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new OptionError(`Expected \`seed\` (--seed) to be a whole number from 0 to 4294967295, got ${describeValue(seed)}`);
  }
  const so = scenario.options ?? {};
  const maxSteps = positiveInt('maxSteps', options.maxSteps ?? so.maxSteps ?? 10000, '--max-steps');
  const untilConfident = options.untilConfident;
  if (untilConfident !== undefined) {
    if (typeof untilConfident !== 'number' || !(untilConfident > 0 && untilConfident < 1)) {
      throw new OptionError(
        `Expected \`untilConfident\` (--until-confident) to be a number between 0 and 1 such as 0.01, got ${describeValue(untilConfident)}`,
      );
    }
    if (!SAMPLING.includes(strategy)) {
      throw new OptionError(
        `\`untilConfident\` (--until-confident) needs a sampling strategy (--strategy random), got ${describeValue(strategy)}`,
      );
    }
  }
  const traceOutcomes = options.traceOutcomes ?? 0;
  if (typeof traceOutcomes !== 'number' || !Number.isInteger(traceOutcomes) || traceOutcomes < 0) {
    throw new OptionError(`Expected \`traceOutcomes\` to be a whole number from 0 and up, got ${describeValue(traceOutcomes)}`);
  }
  const maxExecutions =
    options.maxExecutions === undefined
      ? SAMPLING.includes(strategy) && untilConfident === undefined
        ? 1000
        : 100000
      : positiveInt('maxExecutions', options.maxExecutions, '--max-executions');
  const timeBudget = options.timeBudget ?? Infinity;
  if (typeof timeBudget !== 'number' || Number.isNaN(timeBudget) || timeBudget <= 0) {
    throw new OptionError(
      `Expected \`timeBudget\` (--time-budget) to be a number of milliseconds above 0, got ${describeValue(timeBudget)}`,
    );
  }
  if (strategy === 'replay' && options.schedule === undefined && options.seed === undefined) {
    throw new OptionError('The replay strategy needs a schedule (--schedule) or a seed (--seed)');
  }
  const depth = positiveInt('depth', options.depth ?? 3, '--depth');
  const pctSteps = options.pctSteps === undefined ? undefined : wholeNumber('pctSteps', options.pctSteps, '--pct-steps');
  const preemptions = options.preemptions === undefined ? Infinity : wholeNumber('preemptions', options.preemptions, '--preemptions');
  if (preemptions !== Infinity && !BOUNDABLE.includes(strategy)) {
    throw new OptionError(
      `\`preemptions\` (--preemptions) bounds an exhaustive search (--strategy ${BOUNDABLE.join(' or ')}), got strategy ${describeValue(strategy)}`,
    );
  }
  const split = (options.workers ?? 1) !== 1 || options.shard !== undefined;
  if (preemptions !== Infinity && split) {
    throw new OptionError('`preemptions` (--preemptions) cannot be split over workers or shards yet; run it in one piece');
  }
  const jitter = options.jitter ?? 0;
  if (typeof jitter !== 'number' || !(jitter >= 0 && jitter < 1)) {
    throw new OptionError(`Expected \`jitter\` (--jitter) to be a number from 0 up to but not including 1, such as 0.5, got ${describeValue(jitter)}`);
  }
  if (jitter > 0 && split) {
    throw new OptionError('`jitter` (--jitter) cannot be split over workers or shards yet; run it in one piece');
  }
  const minimize =
    options.minimize === undefined || options.minimize === true
      ? 2000
      : options.minimize === false
        ? 0
        : wholeNumber('minimize', options.minimize, '--minimize');
  return {
    strategy,
    seed,
    schedule: options.schedule,
    depth,
    pctSteps,
    preemptions,
    jitter,
    minimize,
    maxExecutions,
    timeBudget,
    maxSteps,
    waitForTasks: options.waitForTasks ?? so.waitForTasks ?? false,
    scenarioMaxSteps: so.maxSteps ?? 10000,
    scenarioWaitForTasks: so.waitForTasks ?? false,
    file: options.file,
    selectByName: options.selectByName ?? false,
    trace: options.trace ?? false,
    traceOutcomes,
    untilConfident,
    checkDeterminism: checkDeterminismOption(options.checkDeterminism),
    maxOutcomes: options.maxOutcomes === undefined ? 10000 : positiveInt('maxOutcomes', options.maxOutcomes, '--max-outcomes'),
    onOutcome: options.onOutcome,
    onProgress: options.onProgress,
    signal: options.signal,
  };
}

function checkDeterminismOption(v: unknown): number {
  if (v === undefined || v === true) return 3;
  if (v === false) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new OptionError(
      `Expected \`checkDeterminism\` (--check-determinism) to be a whole number from 0 and up, or a boolean, got ${describeValue(v)}`,
    );
  }
  return v;
}
