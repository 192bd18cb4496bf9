import { OptionError, describeValue } from './errors.js';
import type { Scenario } from './runtime/scenario.js';
import type { StrategyName } from './explore/strategy.js';

export const STRATEGIES: readonly StrategyName[] = ['exhaustive', 'random', 'replay'];

/** Options of explore() and replay(); all optional. */
export interface ExploreOptions {
  /**
   * How to pick among enabled moves at each choice point.
   * @default 'exhaustive'
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
  /** Called between executions with progress; may be used to print it. */
  onProgress?: (p: Progress) => void;
  /** Stops the exploration at the next execution boundary; the result says `complete: false`. */
  signal?: AbortSignal;
}

export interface Progress {
  executions: number;
  outcomes: number;
  elapsedMs: number;
}

export interface ResolvedOptions {
  strategy: StrategyName;
  seed: number;
  schedule: string | undefined;
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
  onProgress: ((p: Progress) => void) | undefined;
  signal: AbortSignal | undefined;
}

function positiveInt(name: string, v: unknown, flag: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new OptionError(`Expected \`${name}\` (${flag}) to be a whole number from 1 and up, got ${describeValue(v)}`);
  }
  return v;
}

/** Fills in defaults and checks every option; a bad value is an OptionError naming the option. */
export function resolveOptions(scenario: Scenario, options: ExploreOptions = {}): ResolvedOptions {
  const strategy = options.strategy ?? (options.schedule !== undefined ? 'replay' : 'exhaustive');
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
  const maxExecutions =
    options.maxExecutions === undefined
      ? strategy === 'random'
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
  return {
    strategy,
    seed,
    schedule: options.schedule,
    maxExecutions,
    timeBudget,
    maxSteps,
    waitForTasks: options.waitForTasks ?? so.waitForTasks ?? false,
    scenarioMaxSteps: so.maxSteps ?? 10000,
    scenarioWaitForTasks: so.waitForTasks ?? false,
    file: options.file,
    selectByName: options.selectByName ?? false,
    trace: options.trace ?? false,
    onProgress: options.onProgress,
    signal: options.signal,
  };
}
